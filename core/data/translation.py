"""A small English -> French task the project builds itself, from a hand-written grammar.

Every English sentence has exactly one French translation under the rules below, so exact match
is a fair metric. What the grammar exercises (the things a translator must get right):

- articles with gender and number: the -> le / la / l' / les, a -> un / une, bare plural -> des,
  possessives my -> mon / ma / mes (mon before a vowel, even for a feminine noun);
- adjectives after the noun, agreeing in gender and number: "the black cats" -> "les chats noirs";
- subject pronouns with conjugated verbs (je / tu / il / elle / nous / vous / ils), j' and l' elision;
- professions take no article after "être": "I am a student" -> "je suis étudiant";
- negation ne ... pas, with un / une / des -> de after it.

Conventions that remove English ambiguity: "I", "you", "we" and "they" are masculine;
"you" is "tu" except before a plural profession ("you are students" -> "vous êtes étudiants").
The generator is seeded and deterministic: the same seed gives the same splits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

VOWELS = tuple("aeiouéèêâîôœh")  # every h-word in this lexicon takes elision (l'homme, l'hôpital)

# Seed-note examples; always in the training split, never in validation or test.
SEED_EXAMPLES = (
    ("i am a student", "je suis étudiant"),
    ("the black cat", "le chat noir"),
)


@dataclass(frozen=True)
class Noun:
    en: str
    en_plural: str
    fr: str
    fr_plural: str
    feminine: bool
    kind: str  # animal, person, food, thing, text, place: restricts which verbs take it


def _nouns(kind: str, table: str) -> list[Noun]:
    """Rows 'en[/en_pl] fr[/fr_pl] m|f'; default plurals add -s."""
    nouns = []
    for row in table.strip().splitlines():
        en, fr, gender = row.split()
        en_sg, _, en_pl = en.partition("/")
        fr_sg, _, fr_pl = fr.partition("/")
        nouns.append(Noun(en_sg, en_pl or en_sg + "s", fr_sg, fr_pl or fr_sg + "s", gender == "f", kind))
    return nouns


NOUNS = (
    _nouns("animal", """
cat chat m\ndog chien m\nbird oiseau/oiseaux m\nhorse cheval/chevaux m\nmouse/mice souris/souris f
cow vache f\nrabbit lapin m\nshark requin m\nduck canard m\nlion lion m\ntiger tigre m
bear ours/ours m\nwolf/wolves loup m\nfox/foxes renard m\nlamb agneau/agneaux m\npig cochon m
goat chèvre f\nfrog grenouille f\nsnake serpent m\nspider araignée f""")
    + _nouns("person", """
man/men homme m\nwoman/women femme f\nboy garçon m\ngirl fille f\nchild/children enfant m
friend ami m\nbaby/babies bébé m\nking roi m\nqueen reine f\nneighbour voisin m\nbrother frère m
sister sœur f\nfather père m\nmother mère f\nuncle oncle m\naunt tante f""")
    + _nouns("food", """
apple pomme f\ncake gâteau/gâteaux m\norange orange f\nbanana banane f\negg œuf m\ncarrot carotte f
tomato/tomatoes tomate f\npear poire f\nlemon citron m\nstrawberry/strawberries fraise f""")
    + _nouns("thing", """
house maison f\ncar voiture f\ntable table f\nchair chaise f\ndoor porte f\nwindow fenêtre f
pen stylo m\nbag sac m\nhat chapeau/chapeaux m\nshirt chemise f\ndress/dresses robe f
shoe chaussure f\nflower fleur f\ntree arbre m\nball ballon m\nbox/boxes boîte f\ncup tasse f
glass/glasses verre m\nbottle bouteille f\nphone téléphone m\ncomputer ordinateur m\nbike vélo m
boat bateau/bateaux m\ntrain train m\nplane avion m\nkey clé f\nclock horloge f\nlamp lampe f
bed lit m\ncoat manteau/manteaux m\numbrella parapluie m""")
    + _nouns("text", """
book livre m\nletter lettre f\nsong chanson f\ncard carte f\nnewspaper journal/journaux m
picture image f""")
    + _nouns("place", """
school école f\ngarden jardin m\nstreet rue f\nriver rivière f\ncity/cities ville f\npark parc m
room chambre f\nkitchen cuisine f\nshop magasin m\nhospital hôpital/hôpitaux m""")
)


@dataclass(frozen=True)
class Adjective:
    en: str
    forms: tuple[str, str, str, str]  # French masculine singular, feminine singular, masc. plural, fem. plural


def _adjectives(table: str) -> list[Adjective]:
    """Rows 'en fr_m[/fr_f[/fr_mpl/fr_fpl]]'; default feminine adds -e (unless it ends in e), plural -s."""
    adjectives = []
    for row in table.strip().splitlines():
        en, fr = row.split()
        forms = fr.split("/")
        if len(forms) == 1:
            forms.append(forms[0] if forms[0].endswith("e") else forms[0] + "e")
        if len(forms) == 2:
            m, f = forms
            forms += [m if m.endswith(("s", "x")) else m + "s", f + "s"]
        adjectives.append(Adjective(en, tuple(forms)))
    return adjectives


ADJECTIVES = _adjectives("""
black noir\nwhite blanc/blanche\nred rouge\ngreen vert\nblue bleu\nyellow jaune\ngrey gris
brown marron/marron/marron/marron\npink rose\npurple violet/violette\nhappy heureux/heureuse/heureux/heureuses
sad triste\ntired fatigué\nsick malade\nfast rapide\nslow lent\nrich riche\nfamous célèbre\nstrong fort
intelligent intelligent\nfunny drôle\ncalm calme\nquiet silencieux/silencieuse/silencieux/silencieuses
heavy lourd\nlight léger/légère\ncold froid\nhot chaud\nclean propre\ndirty sale\nexpensive cher/chère
empty vide\nfull plein\nround rond\nwet mouillé\nbroken cassé\nmodern moderne\nfrench français/française
english anglais/anglaise\nitalian italien/italienne\ngerman allemand\nspanish espagnol\nchinese chinois/chinoise
japanese japonais/japonaise\namerican américain""")


@dataclass(frozen=True)
class Profession:
    en: str
    en_plural: str
    forms: tuple[str, str, str, str]  # masculine singular, feminine singular, masculine plural, feminine plural


PROFESSIONS = [Profession(a.en, a.en + "s", a.forms) for a in _adjectives("""
student étudiant\nteacher professeur/professeur\ndoctor médecin/médecin\nengineer ingénieur
nurse infirmier/infirmière\nlawyer avocat\nsinger chanteur/chanteuse\nactor acteur/actrice
dancer danseur/danseuse\ncook cuisinier/cuisinière\nbaker boulanger/boulangère\nfarmer agriculteur/agricultrice
writer écrivain\npainter peintre\npilot pilote\njournalist journaliste\narchitect architecte
waiter serveur/serveuse\nmusician musicien/musicienne\nscientist scientifique""")]


@dataclass(frozen=True)
class Verb:
    en: str
    en_third: str
    fr: tuple[str, ...]  # je, tu, il/elle, nous, vous, ils/elles
    objects: tuple[str, ...]  # noun kinds it takes
    generic: bool = False  # aimer/adorer: a bare English plural object is generic ("les"), so never generated


def _verbs() -> list[Verb]:
    things = ("food", "thing", "text")
    rows = [
        ("eat eats", "mange manges mange mangeons mangez mangent", ("food",), False),
        ("like likes", "aime aimes aime aimons aimez aiment", ("animal", "person", "food", "thing", "text", "place"), True),
        ("love loves", "adore adores adore adorons adorez adorent", ("animal", "person", "food", "thing", "place"), True),
        ("see sees", "vois vois voit voyons voyez voient", ("animal", "person", "thing", "place"), False),
        ("want wants", "veux veux veut voulons voulez veulent", ("animal", "food", "thing", "text"), False),
        ("have has", "ai as a avons avez ont", ("animal", "food", "thing", "text"), False),
        ("buy buys", "achète achètes achète achetons achetez achètent", things, False),
        ("find finds", "trouve trouves trouve trouvons trouvez trouvent", ("animal", "food", "thing", "text"), False),
        ("watch watches", "regarde regardes regarde regardons regardez regardent", ("animal", "person", "thing"), False),
        ("take takes", "prends prends prend prenons prenez prennent", things, False),
        ("carry carries", "porte portes porte portons portez portent", ("animal", "food", "thing"), False),
        ("draw draws", "dessine dessines dessine dessinons dessinez dessinent", ("animal", "person", "thing", "place"), False),
        ("wash washes", "lave laves lave lavons lavez lavent", ("animal", "food", "thing"), False),
        ("open opens", "ouvre ouvres ouvre ouvrons ouvrez ouvrent", ("thing", "text"), False),
        ("close closes", "ferme fermes ferme fermons fermez ferment", ("thing", "text"), False),
        ("know knows", "connais connais connaît connaissons connaissez connaissent", ("animal", "person", "text", "place"), False),
        ("help helps", "aide aides aide aidons aidez aident", ("animal", "person"), False),
        ("call calls", "appelle appelles appelle appelons appelez appellent", ("animal", "person"), False),
        ("follow follows", "suis suis suit suivons suivez suivent", ("animal", "person"), False),
        ("hear hears", "entends entends entend entendons entendez entendent", ("animal", "person", "thing"), False),
        ("read reads", "lis lis lit lisons lisez lisent", ("text",), False),
        ("write writes", "écris écris écrit écrivons écrivez écrivent", ("text",), False),
        ("sell sells", "vends vends vend vendons vendez vendent", things, False),
    ]
    return [Verb(*en.split(), tuple(fr.split()), kinds, generic) for en, fr, kinds, generic in rows]


VERBS = _verbs()
ETRE = ("suis", "es", "est", "sommes", "êtes", "sont")
# English subject pronouns: (English, French, person index into conjugations, plural)
PRONOUNS = (("i", "je", 0, False), ("you", "tu", 1, False), ("he", "il", 2, False), ("she", "elle", 2, False),
            ("we", "nous", 3, True), ("they", "ils", 5, True))
PLURAL_YOU = ("you", "vous", 4, True)
PREPOSITIONS = (("in", "dans"), ("on", "sur"), ("under", "sous"), ("behind", "derrière"),
                ("in front of", "devant"), ("with", "avec"))
# English possessive -> French (masculine singular, feminine singular, plural); mon/ton/son before a vowel.
POSSESSIVES = (("my", ("mon", "ma", "mes")), ("your", ("ton", "ta", "tes")), ("his", ("son", "sa", "ses")),
               ("her", ("son", "sa", "ses")), ("our", ("notre", "notre", "nos")), ("their", ("leur", "leur", "leurs")))


def starts_with_vowel(word: str) -> bool:
    return word.startswith(VOWELS)


def elide(words: list[str]) -> list[str]:
    """je / le / la / ne / de before a vowel -> j' / l' / l' / n' / d' (one token, as French writes it)."""
    out = []
    for word, following in zip(words, words[1:] + [""]):
        if word in ("je", "le", "la", "ne", "de") and starts_with_vowel(following):
            word = word[0] + "'"
        out.append(word)
    return out


def english_article(following: str) -> str:
    return "an" if following[0] in "aeiou" else "a"


@dataclass
class NounPhrase:
    en: list[str]
    fr: list[str]
    person: int  # 2 for third singular, 5 for third plural
    feminine: bool


def noun_phrase(rng: random.Random, kinds: tuple[str, ...] | None = None, negated: bool = False,
                allow_bare_plural: bool = True) -> NounPhrase:
    """A determiner, a noun and maybe one adjective, in both languages, agreeing."""
    noun = rng.choice([n for n in NOUNS if kinds is None or n.kind in kinds])
    plural = rng.random() < 0.35
    adjective = rng.choice(ADJECTIVES) if rng.random() < 0.45 else None
    det_kind = rng.choice(["the", "the", "a", "possessive"] + (["bare"] if plural and allow_bare_plural else []))
    if det_kind == "a" and plural and not allow_bare_plural:
        det_kind = "the"
    en_noun, fr_noun = (noun.en_plural, noun.fr_plural) if plural else (noun.en, noun.fr)
    en_words = ([adjective.en] if adjective else []) + [en_noun]
    fr_words = [fr_noun] + ([adjective.forms[2 * plural + noun.feminine]] if adjective else [])
    if det_kind == "possessive":
        en_det, fr_forms = rng.choice(POSSESSIVES)
        fr_det = fr_forms[2] if plural else fr_forms[0 if not noun.feminine or starts_with_vowel(fr_noun) else 1]
    elif det_kind == "the":
        en_det, fr_det = "the", "les" if plural else ("la" if noun.feminine else "le")
    elif det_kind == "bare" or (det_kind == "a" and plural):
        en_det, fr_det = "", "des"
    else:
        en_det, fr_det = english_article(en_words[0]), "une" if noun.feminine else "un"
    if negated and fr_det in ("un", "une", "des"):
        fr_det = "de"  # partitive after negation: "je n'ai pas de chat"
    return NounPhrase([en_det] * bool(en_det) + en_words, [fr_det] + fr_words, 5 if plural else 2, noun.feminine)


def subject(rng: random.Random, kinds: tuple[str, ...] | None = None) -> NounPhrase:
    """A subject pronoun or a definite noun phrase (never a bare plural: its French article is ambiguous)."""
    if rng.random() < 0.55:
        en, fr, person, _ = rng.choice(PRONOUNS)
        return NounPhrase([en], [fr], person, en == "she")
    return noun_phrase(rng, kinds, allow_bare_plural=False)


def negation(rng: random.Random) -> bool:
    return rng.random() < 0.2


def be(phrase: NounPhrase, negated: bool) -> tuple[list[str], list[str]]:
    """English and French forms of 'to be' for a subject, negated or not."""
    en = {0: "am", 1: "are", 2: "is"}.get(phrase.person, "are")
    fr = ETRE[phrase.person]
    return ([en, "not"] if negated else [en]), (["ne", fr, "pas"] if negated else [fr])


def sentence_noun_phrase(rng: random.Random) -> tuple[list[str], list[str]]:
    """"the black cat" -> "le chat noir"."""
    phrase = noun_phrase(rng, allow_bare_plural=False)
    return phrase.en, phrase.fr


def sentence_profession(rng: random.Random) -> tuple[list[str], list[str]]:
    """"I am a student" -> "je suis étudiant": no article before a profession in French."""
    profession = rng.choice(PROFESSIONS)
    if rng.random() < 0.25:
        phrase = noun_phrase(rng, ("person",), allow_bare_plural=False)
    else:
        en, fr, person, _ = rng.choice(PRONOUNS + (PLURAL_YOU,))
        phrase = NounPhrase([en], [fr], person, en == "she")
    plural = phrase.person >= 3
    negated = negation(rng)
    en_be, fr_be = be(phrase, negated)
    en_complement = [profession.en_plural] if plural else [english_article(profession.en), profession.en]
    fr_complement = [profession.forms[2 * plural + phrase.feminine]]
    return phrase.en + en_be + en_complement, phrase.fr + fr_be + fr_complement


def sentence_adjective(rng: random.Random) -> tuple[list[str], list[str]]:
    """"she is tired" -> "elle est fatiguée"; "the cats are black" -> "les chats sont noirs"."""
    phrase = subject(rng)
    adjective = rng.choice(ADJECTIVES)
    negated = negation(rng)
    en_be, fr_be = be(phrase, negated)
    plural = phrase.person >= 3
    return phrase.en + en_be + [adjective.en], phrase.fr + fr_be + [adjective.forms[2 * plural + phrase.feminine]]


def sentence_verb(rng: random.Random) -> tuple[list[str], list[str]]:
    """"I eat the red apple" -> "je mange la pomme rouge"; "he does not have a cat" -> "il n'a pas de chat"."""
    verb = rng.choice(VERBS)
    phrase = subject(rng, ("animal", "person"))
    negated = negation(rng)
    obj = noun_phrase(rng, verb.objects, negated=negated, allow_bare_plural=not verb.generic)
    third_singular = phrase.person == 2
    fr_verb = verb.fr[phrase.person]
    if negated:
        en_verb = ["does" if third_singular else "do", "not", verb.en]
        fr_words = ["ne", fr_verb, "pas"]
    else:
        en_verb, fr_words = [verb.en_third if third_singular else verb.en], [fr_verb]
    return phrase.en + en_verb + obj.en, phrase.fr + fr_words + obj.fr


def sentence_location(rng: random.Random) -> tuple[list[str], list[str]]:
    """"the cat is under the table" -> "le chat est sous la table"."""
    phrase = subject(rng, ("animal", "person", "thing", "food", "text"))
    en_prep, fr_prep = rng.choice(PREPOSITIONS)
    negated = negation(rng)
    en_be, fr_be = be(phrase, negated)
    place = noun_phrase(rng, ("place", "thing", "animal", "person"), allow_bare_plural=False)
    return phrase.en + en_be + en_prep.split() + place.en, phrase.fr + fr_be + [fr_prep] + place.fr


TEMPLATES = ((sentence_noun_phrase, 0.10), (sentence_profession, 0.15), (sentence_adjective, 0.20),
             (sentence_verb, 0.40), (sentence_location, 0.15))


def generate_pair(rng: random.Random) -> tuple[str, str]:
    """One (English, French) pair as space-separated tokens; French elision applied (j' aime)."""
    template = rng.choices([t for t, _ in TEMPLATES], weights=[w for _, w in TEMPLATES])[0]
    en, fr = template(rng)
    return " ".join(en), " ".join(elide(fr))


@dataclass
class TranslationSplits:
    train: list[tuple[str, str]]
    validation: list[tuple[str, str]]
    test: list[tuple[str, str]]


def make_splits(num_train: int = 60000, num_validation: int = 1000, num_test: int = 2000,
                seed: int = 0) -> TranslationSplits:
    """Disjoint splits of distinct English sentences; the seed examples are put in train."""
    rng = random.Random(seed)
    seeds = dict(SEED_EXAMPLES)
    pairs: dict[str, str] = {}
    total = num_train + num_validation + num_test - len(seeds)
    for _ in range(50 * total):
        if len(pairs) >= total:
            break
        en, fr = generate_pair(rng)
        if en not in seeds:
            pairs.setdefault(en, fr)
    if len(pairs) < total:
        raise ValueError(f"the grammar gave only {len(pairs)} distinct sentences; asked for {total}")
    items = list(pairs.items())
    rng.shuffle(items)
    test, validation = items[:num_test], items[num_test:num_test + num_validation]
    train = list(SEED_EXAMPLES) + items[num_test + num_validation:]
    return TranslationSplits(train, validation, test)


def lexicon_words() -> tuple[list[str], list[str]]:
    """Every English and French token the grammar can produce, sorted: the vocabularies."""
    en, fr = set(), set()
    for n in NOUNS:
        en |= {n.en, n.en_plural}
        fr |= {n.fr, n.fr_plural}
    for a in ADJECTIVES:
        en.add(a.en)
        fr |= set(a.forms)
    for p in PROFESSIONS:
        en |= {p.en, p.en_plural}
        fr |= set(p.forms)
    for v in VERBS:
        en |= {v.en, v.en_third}
        fr |= set(v.fr)
    en |= {p[0] for p in PRONOUNS} | {p[0] for p in POSSESSIVES}
    fr |= {p[1] for p in PRONOUNS + (PLURAL_YOU,)} | {f for p in POSSESSIVES for f in p[1]}
    en |= {w for p in PREPOSITIONS for w in p[0].split()} | {"the", "a", "an", "am", "is", "are", "not", "do", "does"}
    fr |= {p[1] for p in PREPOSITIONS} | set(ETRE) | {"le", "la", "les", "un", "une", "des", "de", "ne", "pas"}
    fr |= {"j'", "l'", "n'", "d'"}
    return sorted(en), sorted(fr)
