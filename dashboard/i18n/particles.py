"""Korean particles chosen from the word before them: 은/는, 이/가, 을/를, 과/와, (으)로.

A Korean particle has two forms, chosen by whether the word before it ends in a consonant sound (a final
consonant, 받침): 모델**은** but 번역기**는**; and (으)로 drops its 으 after a vowel *or after ㄹ*
(레이어**로**, 파일**로**, but 문장**으로**). Templates write the pair ("{model}은(는)") and ``attach_particles``
rewrites it once the name is filled in, so no student reads "tiny-bert은(는)".

How the last sound is found (``final_consonant``):

- a Hangul syllable: its own final consonant (Unicode: (code - 0xAC00) % 28, 0 = none, 8 = ㄹ);
- a digit: how the number is read in Sino-Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant
  (1, 7, 8 in ㄹ), 2 이, 4 사, 5 오, 9 구 do not; trailing zeros are the unit read last: 10 십, 100 백,
  1000 천, 10000 만 (all consonants);
- Latin letters: the English word's last sound as Korean writes loanwords. An all-capital word of up to
  five letters is read letter by letter (LSTM 엘에스티엠, GPT 지피티): L 엘 and R 알 end in ㄹ, M 엠 and N 엔 in a
  consonant, every other letter name in a vowel. Any other word (BERT, tiny-bert, attention) by its last
  letters: -l ㄹ (model 모델); -m, -n, -ng a consonant (attention 어텐션); -ck, or -c/-k/-g/-p/-t after a single
  vowel letter, a consonant (word2vec 벡, bag 백, tip 팁, it 잇, cat 캣); every other ending a vowel, including the
  consonants Korean writes with a following 으 (bert 버트, word 워드, class 클래스) and -r after a vowel
  (translator 트랜슬레이터);
- anything else (punctuation, brackets, quotes, emoji) is skipped, and the sound of what stands before it
  is used; with no letter or digit at all the pair stays as written.
"""

from __future__ import annotations

import re

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
RIEUL = "ㄹ"  # (으)로 takes 로 after ㄹ
CONSONANT = "consonant"  # any other final consonant

# Sino-Korean digit readings: the final consonant of each, or None.
DIGIT_FINALS = {"0": CONSONANT, "1": RIEUL, "2": None, "3": CONSONANT, "4": None, "5": None, "6": CONSONANT,
                "7": RIEUL, "8": RIEUL, "9": None}
# Letter names (엘, 엠, 엔, 알); every other letter's name ends in a vowel (에이, 비, 씨, 디, ... 제트 is 트).
LETTER_FINALS = {"L": RIEUL, "R": RIEUL, "M": CONSONANT, "N": CONSONANT}
VOWELS = set("aeiou")
MAX_SPELLED = 5  # an all-capital word of at most this many letters is spelled out (GPT, LSTM, NSP)
SPOKEN_CAPITALS = {"BERT"}  # all-capital words said as a word, not spelled

PAIRS = {"은(는)": ("은", "는"), "이(가)": ("이", "가"), "을(를)": ("을", "를"), "과(와)": ("과", "와"),
         "(으)로": ("으로", "로")}
PAIR_PATTERN = re.compile(r"(\S+?)(은\(는\)|이\(가\)|을\(를\)|과\(와\)|\(으\)로)")


def _hangul_final(char: str) -> str | None:
    index = (ord(char) - HANGUL_FIRST) % 28
    return None if index == 0 else RIEUL if index == 8 else CONSONANT


def _number_final(digits: str) -> str | None:
    stripped = digits.rstrip("0")
    if not stripped:  # 0 영
        return CONSONANT
    if stripped == digits:
        return DIGIT_FINALS[digits[-1]]
    return CONSONANT  # 십, 백, 천, 만: every unit a trailing zero names ends in a consonant


def _latin_final(word: str) -> str | None:
    if word.isupper() and len(word) <= MAX_SPELLED and word not in SPOKEN_CAPITALS:
        return LETTER_FINALS.get(word[-1])
    lower = word.lower()
    if lower.endswith("l"):
        return RIEUL
    if lower.endswith(("m", "n", "ng", "ck")):
        return CONSONANT
    if lower[-1] in "cgkpt" and len(lower) >= 2 and lower[-2] in VOWELS and (len(lower) < 3 or lower[-3] not in VOWELS):
        return CONSONANT
    return None


def final_consonant(text: str) -> str | bool | None:
    """The last sound of ``text``: RIEUL, CONSONANT, None (a vowel), or False when nothing tells (no letter,
    digit or Hangul syllable)."""
    match = re.search(r"([가-힣])[^0-9A-Za-z가-힣]*$|([0-9]+)[^0-9A-Za-z가-힣]*$|([A-Za-z]+)[^0-9A-Za-z가-힣]*$", text)
    if match is None:
        return False
    hangul, digits, latin = match.groups()
    if hangul:
        return _hangul_final(hangul)
    if digits:
        return _number_final(digits)
    return _latin_final(latin)


def particle(word: str, pair: str) -> str:
    """The form of ``pair`` ("은(는)", "이(가)", "을(를)", "과(와)", "(으)로") that follows ``word``; the pair
    unchanged when the word's last sound cannot be told."""
    final = final_consonant(word)
    if final is False:
        return pair
    with_consonant, with_vowel = PAIRS[pair]
    if pair == "(으)로":
        return with_vowel if final in (None, RIEUL) else with_consonant
    return with_vowel if final is None else with_consonant


def attach_particles(text: str) -> str:
    """Every "X은(는)", "X이(가)", "X을(를)", "X과(와)", "X(으)로" in ``text`` with the form X takes."""
    return PAIR_PATTERN.sub(lambda m: m.group(1) + particle(m.group(1), m.group(2)), text)
