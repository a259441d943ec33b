"""The hand-checked reference pairs of the world grammar (translation_references.json) and the rules they cover.

Each reference's French was written by hand; its spec names the choices of core.data.translation_world, whose
``realise(spec)`` must give exactly that English and French (tests/core/test_translation_world.py), so the
generator is checked against French written independently of it.
"""

from __future__ import annotations

import json
from pathlib import Path

REFERENCES_FILE = Path(__file__).with_name("translation_references.json")

# Every rule of French the world grammar writes, and what it means; each reference is tagged with the rules it
# exercises, and every rule here is exercised by at least one reference.
RULES = {
    "notes_sentence": "the lecture notes' sentences: i am a student -> je suis étudiant; the black cat -> le chat noir",
    "lecture_pair": "the lecture's pair: ... because it was too tired / too wide -> qu'il ... / qu'elle ...",
    "gender_agreement": "determiners, adjectives and participles take the noun's gender (la vieille femme)",
    "number_agreement": "and its number (les petits chats noirs)",
    "adjective_after_noun": "most adjectives follow the noun (le chat noir)",
    "adjective_before_noun": "beau, joli, bon, mauvais, jeune, vieux, nouveau, petit, grand, gros, long, haut precede "
                             "it (la petite fille)",
    "adjective_liaison_form": "vieil, bel, nouvel before a vowel (un vieil homme)",
    "h_aspire": "no elision before an h aspiré (le haut pont)",
    "elision": "le, la, je, ne, de, que drop their vowel before a vowel or a mute h (l'animal, qu'il, l'hôpital)",
    "possessive_before_vowel": "mon, ton, son before a feminine noun starting with a vowel (mon école)",
    "contraction": "à le -> au, à les -> aux, de le -> du, de les -> des",
    "ne_pas": "negation around the conjugated verb or auxiliary (n'a pas traversé)",
    "negative_de": "un, une become de after a negated verb (il ne voit pas de chat)",
    "present_conjugation": "the present tense agrees with its subject (nous mangeons)",
    "passe_compose_avoir": "the passé composé with avoir (a traversé, a couru)",
    "passe_compose_etre": "the passé composé with être for aller, venir, arriver, tomber, rester (est allée)",
    "participle_agreement_etre": "after être the participle agrees with the subject (elles sont venues)",
    "participle_agreement_object": "after avoir it agrees with a direct object placed before it (la pomme qu'il a "
                                   "mangée)",
    "imparfait_description": "descriptions in the past take the imparfait (il était trop fatigué)",
    "pronoun_il_elle": "it / he / she -> il or elle after the antecedent's French gender",
    "pronoun_ils_elles": "they -> ils or elles after the antecedents' French gender",
    "profession_no_article": "no article before a profession after être (je suis étudiant)",
    "relative_qui": "that -> qui when the noun is the relative clause's subject",
    "relative_que": "that -> que when it is its object",
    "connectives": "and, but, because -> et, mais, parce que (parce qu' before a vowel)",
}


def reference_pairs(path: Path = REFERENCES_FILE) -> list[dict]:
    """[{"english", "french", "rules", "spec"}]: the hand-checked pairs."""
    return json.loads(Path(path).read_text())["references"]
