"""The world grammar (data version 3): English -> French sentences about the story world that the BERT and GPT
models learn from (its animals, people, things and places, its causal frames), in correct French.

A sentence is first drawn as a *spec*, a small JSON-ready dict naming every choice (the template, the nouns,
number, determiners, adjectives, tense, negation), then *realised* in both languages by pure functions. So a
hand-checked reference (core/data/translation_references.json) is checked against exactly what the generator
writes: ``realise(spec) == (english, french)``. What the French gets right (each a rule tag of the references):

- gender and number agreement of determiners, adjectives and participles;
- adjectives after the noun, except the short adjectives French places before it (petit, grand, vieux...,
  see translation_world_lexicon.BEFORE_NOUN), with vieil / bel / nouvel before a vowel;
- elision (l'animal, n'a, qu'il, j'ai) but none before an h aspiré (le haut mur), mon before a vowel (mon
  école), à le -> au, à les -> aux, de le -> du, de les -> des;
- ne ... pas around the conjugated verb, and un / une -> de after a negated verb;
- the passé composé with avoir or être (la fille est allée, les chats sont tombés), the participle agreeing
  with an être subject or, after avoir, with a direct object placed before it (la pomme que le chat a mangée);
- the imparfait for descriptions in the past (le chat était fatigué);
- il / elle / ils / elles agreeing with the French gender of the antecedent: "The animal didn't cross the
  street because it was too tired / too wide." -> "... parce qu'il était trop fatigué / qu'elle était trop
  large." (the adjective tells which noun "it" is; French then needs that noun's gender).

Conventions that remove English ambiguity: "I", "you" and "we" are masculine, "you" is tu; "it" and "they" appear
only in a causal clause, with their antecedent in the same sentence; past descriptions use the imparfait.
"""

from __future__ import annotations

import random

from core.data.translation_world_lexicon import (
    ADJECTIVES,
    AVOIR,
    CAUSAL_FRAMES,
    CONNECTIVES,
    DEGREES,
    DESCRIBES,
    ENGLISH_BE,
    ETRE,
    ETRE_IMPARFAIT,
    MOTIONS,
    POSSESSIVES,
    PREPOSITIONS,
    PROFESSIONS,
    PRONOUNS,
    RELATIVE,
    VERBS,
    CausalFrame,
    Noun,
    noun_named,
    nouns_of,
    starts_with_vowel,
)

SEED_EXAMPLES = (("i am a student", "je suis étudiant"), ("the black cat", "le chat noir"))
# The lecture's pair: held out of training (the pronoun test's scored half holds it), so it is a real test.
LECTURE_PAIR = (
    ("the animal didn't cross the street because it was too tired",
     "l' animal n' a pas traversé la rue parce qu' il était trop fatigué"),
    ("the animal didn't cross the street because it was too wide",
     "l' animal n' a pas traversé la rue parce qu' elle était trop large"),
)
FRAMES = {frame.en: frame for frame in CAUSAL_FRAMES}
ELISIONS = {"je": "j'", "le": "l'", "la": "l'", "ne": "n'", "de": "d'", "que": "qu'"}
EUPHONY = {"ma": "mon", "ta": "ton", "sa": "son"}  # before a vowel: mon école, son amie
CONTRACTIONS = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def finish_french(words: list[str]) -> list[str]:
    """Possessive euphony, elision, then contraction (after elision, so à l'école stays), as French writes them."""
    words = [EUPHONY.get(w, w) if starts_with_vowel(nxt) else w for w, nxt in zip(words, words[1:] + [""])]
    words = [ELISIONS.get(w, w) if starts_with_vowel(nxt) else w for w, nxt in zip(words, words[1:] + [""])]
    out: list[str] = []
    for word in words:
        if out and (out[-1], word) in CONTRACTIONS:
            out[-1] = CONTRACTIONS[out[-1], word]
        else:
            out.append(word)
    return out


def english_article(following: str) -> str:
    return "an" if following[0] in "aeiou" else "a"


# ---- noun phrases ----

def has_plural(noun: Noun) -> bool:
    """False for sheep, deer, fish: their English plural is their singular, so "the fish" would have two
    translations; the grammar uses them in the singular only."""
    return noun.en_plural != noun.en


def noun_phrase(spec: dict, negated_object: bool = False) -> tuple[list[str], list[str], dict]:
    """(English, French, agreement) of {"noun", "plural", "det", "before", "after", "relative"} or {"pronoun"};
    agreement = {"person", "plural", "feminine", "noun"}. ``negated_object``: un / une become de."""
    if "pronoun" in spec:
        fr, person = PRONOUNS[spec["pronoun"]]
        return [spec["pronoun"]], [fr], {"person": person, "plural": person >= 3, "feminine": spec["pronoun"] == "she",
                                         "noun": None}
    noun, plural = noun_named(spec["noun"]), spec.get("plural", False)
    if plural and not has_plural(noun):
        raise ValueError(f"{noun.en!r} is the same in the plural: the grammar uses it in the singular only")
    feminine = noun.feminine
    before = ADJECTIVES[spec["before"]] if spec.get("before") else None
    after = ADJECTIVES[spec["after"]] if spec.get("after") else None
    fr_noun = noun.fr_plural if plural else noun.fr
    en_words = [a.en for a in (before, after) if a] + [noun.en_plural if plural else noun.en]
    fr_before = []
    if before:
        form = before.form(plural, feminine)
        if before.liaison and not plural and not feminine and starts_with_vowel(fr_noun):
            form = before.liaison  # un vieil homme, un bel oiseau, un nouvel ami
        fr_before = [form]
    fr_words = fr_before + [fr_noun] + ([after.form(plural, feminine)] if after else [])
    det = spec.get("det", "the")
    if det == "the":
        en_det, fr_det = "the", "les" if plural else ("la" if feminine else "le")
    elif det == "a":
        if plural:
            raise ValueError("'a' takes a singular noun (this grammar has no bare plurals)")
        en_det, fr_det = english_article(en_words[0]), "une" if feminine else "un"
        if negated_object:
            fr_det = "de"  # il n'a pas mangé de pomme
    else:
        en_det, fr_det = det, POSSESSIVES[det][2 if plural else int(feminine)]
    agreement = {"person": 5 if plural else 2, "plural": plural, "feminine": feminine, "noun": noun}
    en, fr = [en_det] + en_words, [fr_det] + fr_words
    if spec.get("relative"):
        rel_en, rel_fr = relative_clause(spec["relative"], agreement)
        en, fr = en + rel_en, fr + rel_fr
    return en, fr, agreement


def relative_clause(spec: dict, head: dict) -> tuple[list[str], list[str]]:
    """"that" + a clause about the head noun: its subject (qui ...) or, with {"subject": ...}, its object
    (que ...; after avoir the participle agrees with que's noun, placed before it)."""
    that, qui, que = RELATIVE
    if "subject" not in spec:  # the head is the clause's subject
        en, fr = predicate(spec, head)
        return [that] + en, [qui] + fr
    subject_en, subject_fr, subject = noun_phrase(spec["subject"])
    verb = VERBS[spec["verb"]]
    en, fr = verb_forms(verb, spec["tense"], spec.get("negated", False), subject)
    if spec["tense"] == "past":
        fr = fr[:-1] + [participle(verb.participle, head["plural"], head["feminine"])]  # la pomme qu'il a mangée
    return [that] + subject_en + en, [que] + subject_fr + fr


# ---- verbs ----

def participle(base: str, plural: bool, feminine: bool) -> str:
    """allé -> allée / allés / allées (the participles here are regular: -e, -s)."""
    return base + ("e" if feminine else "") + ("s" if plural and not base.endswith("s") else "")


def be(tense: str, negated: bool, subject: dict) -> tuple[list[str], list[str]]:
    """am / is / was ... (not) and suis / est / était ... (ne ... pas): the imparfait for the past."""
    person = subject["person"]
    en = [ENGLISH_BE[tense][person]] + (["not"] if negated else [])
    fr = (ETRE if tense == "present" else ETRE_IMPARFAIT)[person]
    return en, (["ne", fr, "pas"] if negated else [fr])


def verb_forms(verb, tense: str, negated: bool, subject: dict) -> tuple[list[str], list[str]]:
    """English and French of a verb for a subject: present (sees / voit) or past (saw / a vu, went / est allé)."""
    person, third = subject["person"], subject["person"] == 2
    if tense == "present":
        en = (["does" if third else "do", "not", verb.en] if negated else [verb.en_third if third else verb.en])
        fr = verb.fr[person]
        return en, (["ne", fr, "pas"] if negated else [fr])
    en = ["didn't", verb.en] if negated else [verb.en_past]
    auxiliary = (ETRE if verb.auxiliary == "être" else AVOIR)[person]
    agreed = (participle(verb.participle, subject["plural"], subject["feminine"]) if verb.auxiliary == "être"
              else verb.participle)
    return en, (["ne", auxiliary, "pas", agreed] if negated else [auxiliary, agreed])


def predicate(spec: dict, subject: dict) -> tuple[list[str], list[str]]:
    """Everything after the subject, for each clause template but the causal one."""
    template, tense, negated = spec["template"], spec.get("tense", "present"), spec.get("negated", False)
    plural, feminine = subject["plural"], subject["feminine"]
    if template in ("description", "profession", "location"):
        en, fr = be(tense, negated, subject)
        if template == "description":
            degree = spec.get("degree", "")
            adjective = ADJECTIVES[spec["adjective"]]
            return (en + ([degree] if degree else []) + [adjective.en],
                    fr + ([DEGREES[degree]] if degree else []) + [adjective.form(plural, feminine)])
        if template == "profession":
            word = spec["profession"]
            en_complement = [word + "s"] if plural else [english_article(word), word]
            return en + en_complement, fr + [PROFESSIONS[word][2 * plural + feminine]]
        place_en, place_fr, _ = noun_phrase(spec["place"])
        preposition = spec["preposition"]
        return en + [preposition] + place_en, fr + PREPOSITIONS[preposition].split() + place_fr
    verb = VERBS[spec["verb"]]
    en, fr = verb_forms(verb, tense, negated, subject)
    if template == "action":
        object_en, object_fr, _ = noun_phrase(spec["object"], negated_object=negated)
        return en + object_en, fr + object_fr
    place_en, place_fr, _ = noun_phrase(spec["place"])  # motion: went to the park -> est allé au parc
    return en + [verb.en_preposition] + place_en, fr + [verb.fr_preposition] + place_fr


def causal(spec: dict) -> tuple[list[str], list[str]]:
    """"the animal didn't cross the street because it was too tired": the pronoun agrees with the noun the
    adjective belongs to (its English he / she / it / they, its French il / elle / ils / elles)."""
    frame: CausalFrame = FRAMES[spec["verb"]]
    subject_en, subject_fr, subject = noun_phrase(spec["subject"])
    object_en, object_fr, obj = noun_phrase(spec["object"])
    adjective = ADJECTIVES[spec["adjective"]]
    antecedent = subject if spec["adjective"] in frame.subject_adjectives else obj
    if spec["adjective"] not in frame.subject_adjectives + frame.object_adjectives:
        raise ValueError(f"{spec['adjective']!r} names neither side of {frame.en!r}")
    plural, feminine = antecedent["plural"], antecedent["feminine"]
    en_pronoun = "they" if plural else (antecedent["noun"].he_or_she or "it")
    fr_pronoun = ("elles" if feminine else "ils") if plural else ("elle" if feminine else "il")
    degree = spec.get("degree", "")
    en = (subject_en + frame.en.split() + object_en + ["because", en_pronoun, "were" if plural else "was"]
          + ([degree] if degree else []) + [adjective.en])
    fr = (subject_fr + list(frame.fr_plural if subject["plural"] else frame.fr_singular) + object_fr
          + ["parce", "que", fr_pronoun, "étaient" if plural else "était"] + ([DEGREES[degree]] if degree else [])
          + [adjective.form(plural, feminine)])
    return en, fr


def clause(spec: dict) -> tuple[list[str], list[str]]:
    if spec["template"] == "causal":
        return causal(spec)
    subject_en, subject_fr, subject = noun_phrase(spec["subject"])
    if spec["template"] == "noun_phrase":
        return subject_en, subject_fr
    en, fr = predicate(spec, subject)
    return subject_en + en, subject_fr + fr


def realise(spec: dict) -> tuple[str, str]:
    """A sentence spec {"clauses": [...], "connectives": [...]} -> (English, French) as space-separated tokens."""
    en, fr = clause(spec["clauses"][0])
    for connective, more in zip(spec.get("connectives", []), spec["clauses"][1:]):
        more_en, more_fr = clause(more)
        en, fr = en + [connective] + more_en, fr + list(CONNECTIVES[connective]) + more_fr
    return " ".join(en), " ".join(finish_french(fr))


# ---- drawing specs at random ----

def draw_noun_phrase(rng: random.Random, nouns: list[Noun], determiners=("the", "the", "the", "a", "my", "his",
                                                                       "her", "our", "their"),
                     plural_share: float = 0.3, adjective_share: float = 0.4) -> dict:
    noun = rng.choice(nouns)
    plural = rng.random() < plural_share and has_plural(noun)
    det = rng.choice(determiners)
    if det == "a" and plural:
        det = "the"
    spec = {"noun": noun.en, "plural": plural, "det": det}
    if rng.random() < adjective_share:
        adjective = rng.choice(DESCRIBES[noun.kind])
        spec["before" if ADJECTIVES[adjective].before_noun else "after"] = adjective
        if noun.kind in ("animal", "thing") and "before" in spec and rng.random() < 0.3:
            spec["after"] = rng.choice(["black", "white", "red", "green", "blue", "yellow", "grey", "brown"])
    return spec


def draw_subject(rng: random.Random, kinds: tuple[str, ...], pronoun_share: float = 0.35) -> dict:
    if "person" in kinds and rng.random() < pronoun_share:
        return {"pronoun": rng.choice(list(PRONOUNS))}
    return draw_noun_phrase(rng, [n for kind in kinds for n in nouns_of(kind)])


def draw_predicate(rng: random.Random, template: str, subject_kind: str) -> dict:
    """The rest of a clause whose subject is of ``subject_kind`` (person also for a pronoun)."""
    spec = {"template": template, "tense": rng.choice(("present", "past")), "negated": rng.random() < 0.2}
    if template == "description":
        spec["adjective"] = rng.choice(DESCRIBES[subject_kind])
        spec["degree"] = rng.choice(("", "", "very", "too", "so"))
    elif template == "profession":
        spec["profession"] = rng.choice(list(PROFESSIONS))
    elif template == "location":
        spec["preposition"] = rng.choice(list(PREPOSITIONS))
        places = [n for kind in PLACES_FOR[spec["preposition"]] for n in nouns_of(kind)]
        spec["place"] = draw_noun_phrase(rng, places, adjective_share=0.15)
    elif template == "action":
        verb = rng.choice([v for v in VERBS.values() if v.objects and (subject_kind in ("animal", "person"))])
        spec["verb"] = verb.en
        spec["object"] = draw_noun_phrase(rng, [n for kind in verb.objects for n in nouns_of(kind)])
    else:  # motion
        spec["verb"] = rng.choice(MOTIONS).en
        spec["place"] = draw_noun_phrase(rng, nouns_of("place"), determiners=("the", "the", "the", "my", "their"),
                                         adjective_share=0.15)
    return spec


# Where each preposition of a location puts its subject: in the garden, on the table, near the river.
PLACES_FOR = {"in": ("place", "container"), "on": ("surface",), "under": ("surface",), "behind": ("place", "thing"),
              "near": ("place", "thing", "animal", "person")}
# What each template's subject may be.
SUBJECT_KINDS = {"description": ("animal", "person", "food", "thing", "place"), "profession": ("person",),
                 "location": ("animal", "person", "food", "thing"), "action": ("animal", "person"),
                 "motion": ("animal", "person"), "noun_phrase": ("animal", "person", "food", "thing", "place")}
TEMPLATES = (("noun_phrase", 0.07), ("profession", 0.08), ("description", 0.17), ("location", 0.12),
             ("action", 0.22), ("motion", 0.12), ("causal", 0.22))


def draw_causal(rng: random.Random, frame: CausalFrame | None = None, plural_share: float = 0.25) -> dict:
    frame = frame or rng.choice(CAUSAL_FRAMES)
    subject = rng.choice(nouns_of(frame.subjects))
    obj = rng.choice([n for n in nouns_of(frame.objects) if n.en != subject.en])
    side = rng.choice((frame.subject_adjectives, frame.object_adjectives))
    subject_plural = rng.random() < plural_share and has_plural(subject)
    object_plural = rng.random() < plural_share and has_plural(obj)
    return {"template": "causal", "verb": frame.en,
            "subject": {"noun": subject.en, "plural": subject_plural, "det": "the"},
            "object": {"noun": obj.en, "plural": object_plural, "det": "the"},
            "adjective": rng.choice(side), "degree": rng.choice(frame.degrees)}


def draw_clause(rng: random.Random, relatives: bool = False) -> dict:
    """A clause; in a long sentence (``relatives``) never a bare noun phrase, and its subject may take a relative
    clause."""
    rows = [(t, w) for t, w in TEMPLATES if not (relatives and t == "noun_phrase")]
    template = rng.choices([t for t, _ in rows], weights=[w for _, w in rows])[0]
    if template == "causal":
        return draw_causal(rng)
    subject = draw_subject(rng, SUBJECT_KINDS[template], pronoun_share=0.0 if template == "noun_phrase" else 0.35)
    if template == "noun_phrase":
        return {"template": template, "subject": subject}
    kind = "person" if "pronoun" in subject else noun_named(subject["noun"]).kind
    spec = {"subject": subject, **draw_predicate(rng, template, kind)}
    if relatives and "noun" in subject and rng.random() < 0.35:
        subject["relative"] = draw_relative(rng, noun_named(subject["noun"]))
    return spec


def draw_relative(rng: random.Random, head: Noun) -> dict:
    """A relative clause about ``head``: its subject (qui) or, where a verb takes it as object, its object (que)."""
    verbs = [v for v in VERBS.values() if v.objects and set(v.objects) & head.kinds]
    if verbs and rng.random() < 0.4:
        return {"subject": draw_subject(rng, ("animal", "person")),
                "verb": rng.choice(verbs).en, "tense": rng.choice(("present", "past")),
                "negated": rng.random() < 0.15}
    template = rng.choice([t for t in ("description", "location", "action", "motion")
                           if head.kind in SUBJECT_KINDS[t]])
    return draw_predicate(rng, template, head.kind)


def generate_spec(rng: random.Random) -> dict:
    """One clause: a short sentence."""
    return {"clauses": [draw_clause(rng)]}


def generate_pair(rng: random.Random) -> tuple[str, str]:
    return realise(generate_spec(rng))


def generate_long_pair(rng: random.Random, min_words: int = 6, max_words: int = 30) -> tuple[str, str]:
    """Clauses (with relative clauses) joined by and / but / because until the English has ``min_words`` words;
    drawn again while it has more than ``max_words``."""
    if not 1 <= min_words <= max_words:
        raise ValueError(f"need 1 <= min_words <= max_words, got {min_words} and {max_words}")
    for _ in range(10000):
        spec = {"clauses": [draw_clause(rng, relatives=True)], "connectives": []}
        en, fr = realise(spec)
        while len(en.split()) < min_words:
            spec["connectives"].append(rng.choice(list(CONNECTIVES)))
            spec["clauses"].append(draw_clause(rng, relatives=True))
            en, fr = realise(spec)
        if len(en.split()) <= max_words:
            return en, fr
    raise ValueError(f"no sentence of {min_words} to {max_words} words in 10000 draws")


def lexicon_words() -> tuple[list[str], list[str]]:
    """Every English and French token the grammar can produce, sorted: the vocabularies. Built by realising one
    sentence per lexicon entry, plus the closed classes, so it cannot drift from what the grammar writes."""
    from core.data.translation_world_lexicon import NOUNS

    en: set[str] = set()
    fr: set[str] = set()

    def add(words_en, words_fr) -> None:
        en.update(words_en)
        fr.update(words_fr)
        fr.update(finish_french(list(words_fr)))

    for noun in NOUNS:
        add([noun.en, noun.en_plural], [noun.fr, noun.fr_plural])
    for adjective in ADJECTIVES.values():
        add([adjective.en], list(adjective.forms) + [adjective.liaison] * bool(adjective.liaison))
    for word, forms in PROFESSIONS.items():
        add([word, word + "s"], forms)
    for verb in VERBS.values():
        add([verb.en, verb.en_third, verb.en_past, verb.en_preposition],
            list(verb.fr) + [participle(verb.participle, p, f) for p in (False, True) for f in (False, True)]
            + [verb.fr_preposition])
    for frame in CAUSAL_FRAMES:
        add(frame.en.split(), frame.fr_singular + frame.fr_plural)
    add(list(PRONOUNS) + list(POSSESSIVES) + list(PREPOSITIONS) + list(CONNECTIVES) + list(DEGREES)
        + ["the", "a", "an", "not", "do", "does", "didn't", "it", "they", RELATIVE[0], "am", "is", "are", "was",
           "were"],
        [fr for fr, _ in PRONOUNS.values()] + [f for forms in POSSESSIVES.values() for f in forms]
        + [w for p in PREPOSITIONS.values() for w in p.split()] + [w for c in CONNECTIVES.values() for w in c]
        + list(DEGREES.values()) + list(ETRE) + list(ETRE_IMPARFAIT) + list(AVOIR) + list(RELATIVE[1:])
        + ["le", "la", "les", "un", "une", "de", "ne", "pas", "il", "elle", "ils", "elles", "mon", "ton", "son",
           "à", "au", "aux", "du", "des", "j'", "l'", "n'", "d'", "qu'"])
    en.discard("")
    fr.discard("")
    return sorted(en), sorted(fr)
