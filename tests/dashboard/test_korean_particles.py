"""Korean particles follow the word's last sound; expected forms are the grammar's (a hand reading of each word)."""

from __future__ import annotations

import pytest

from dashboard.i18n import LABELS, label
from dashboard.i18n.particles import attach_particles, particle

# (word, how Korean reads its end, topic 은/는, subject 이/가, object 을/를, with 과/와, by (으)로)
READINGS = [
    ("모델", "델: ㄹ", "은", "이", "을", "과", "로"),
    ("번역기", "기: no final", "는", "가", "를", "와", "로"),
    ("문장", "장: ㅇ", "은", "이", "을", "과", "으로"),
    ("tiny-bert", "버트", "는", "가", "를", "와", "로"),
    ("tiny-translator", "트랜슬레이터", "는", "가", "를", "와", "로"),
    ("tiny-seq2seq-attention", "어텐션", "은", "이", "을", "과", "으로"),
    ("tiny-word2vec", "워드투벡", "은", "이", "을", "과", "으로"),
    ("LSTM", "엘에스티엠", "은", "이", "을", "과", "으로"),
    ("GRU", "지알유", "는", "가", "를", "와", "로"),
    ("RNN", "알엔엔", "은", "이", "을", "과", "으로"),
    ("GPT", "지피티", "는", "가", "를", "와", "로"),
    ("BERT", "버트", "는", "가", "를", "와", "로"),
    ("model", "모델", "은", "이", "을", "과", "로"),
    ("\"it\"", "잇: ㅅ, quotes skipped", "은", "이", "을", "과", "으로"),
    ("street", "스트리트: -t after two vowels", "는", "가", "를", "와", "로"),
    ("12", "십이", "는", "가", "를", "와", "로"),
    ("7", "칠: ㄹ", "은", "이", "을", "과", "로"),
    ("10", "십", "은", "이", "을", "과", "으로"),
    ("`tiny-bert`", "quotes skipped: 버트", "는", "가", "를", "와", "로"),
    ("all-MiniLM-L6-v2", "투", "는", "가", "를", "와", "로"),
]


@pytest.mark.parametrize("word, reading, topic, subject, obj, with_, by", READINGS)
def test_particle_follows_the_last_sound(word, reading, topic, subject, obj, with_, by):
    assert [particle(word, pair) for pair in ("은(는)", "이(가)", "을(를)", "과(와)", "(으)로")] == [
        topic, subject, obj, with_, by], reading


def test_without_a_letter_or_digit_the_pair_stays():
    assert particle("😀", "은(는)") == "은(는)"


def test_attach_particles_rewrites_every_pair_in_a_sentence():
    assert attach_particles("tiny-bert은(는) LSTM과(와) 문장(으)로 모델이(가)") == "tiny-bert는 LSTM과 문장으로 모델이"


class Filled:
    """A field value that formats as ``text`` whatever the format spec ("{chance:.0%}" included)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __format__(self, spec: str) -> str:
        return self.text


def test_no_korean_label_shows_a_particle_pair_once_filled():
    names = {"model": "tiny-bert", "name": "tiny-translator", "kind": "LSTM"}
    for key, texts in LABELS.items():
        if "ko" not in texts:
            continue
        fields = {field: Filled(names.get(field, "모델")) for field in _fields(texts["ko"])}
        shown = label(key, "ko", **fields)
        assert not any(pair in shown for pair in ("은(는)", "이(가)", "을(를)", "과(와)", "(으)로")), (key, shown)


def _fields(template: str) -> list[str]:
    import string

    return [name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name]
