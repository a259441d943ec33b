"""The words of the English -> French task (core/data/translation.py builds sentences from them).

Each table row gives an English word and its French forms: nouns with gender and irregular plurals,
adjectives with their four forms (masculine singular, feminine singular, masculine plural, feminine
plural), professions, verbs conjugated for je, tu, il/elle, nous, vous, ils/elles, and the small
closed classes (pronouns, prepositions, possessives, the connectives of long sentences).
"""

from __future__ import annotations

from dataclasses import dataclass

VOWELS = tuple("aeiouéèêâîôœh")  # every h-word in this lexicon takes elision (l'homme, l'hôpital)

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
        ("like likes", "aime aimes aime aimons aimez aiment",
         ("animal", "person", "food", "thing", "text", "place"), True),
        ("love loves", "adore adores adore adorons adorez adorent",
         ("animal", "person", "food", "thing", "place"), True),
        ("see sees", "vois vois voit voyons voyez voient", ("animal", "person", "thing", "place"), False),
        ("want wants", "veux veux veut voulons voulez veulent", ("animal", "food", "thing", "text"), False),
        ("have has", "ai as a avons avez ont", ("animal", "food", "thing", "text"), False),
        ("buy buys", "achète achètes achète achetons achetez achètent", things, False),
        ("find finds", "trouve trouves trouve trouvons trouvez trouvent", ("animal", "food", "thing", "text"), False),
        ("watch watches", "regarde regardes regarde regardons regardez regardent",
         ("animal", "person", "thing"), False),
        ("take takes", "prends prends prend prenons prenez prennent", things, False),
        ("carry carries", "porte portes porte portons portez portent", ("animal", "food", "thing"), False),
        ("draw draws", "dessine dessines dessine dessinons dessinez dessinent",
         ("animal", "person", "thing", "place"), False),
        ("wash washes", "lave laves lave lavons lavez lavent", ("animal", "food", "thing"), False),
        ("open opens", "ouvre ouvres ouvre ouvrons ouvrez ouvrent", ("thing", "text"), False),
        ("close closes", "ferme fermes ferme fermons fermez ferment", ("thing", "text"), False),
        ("know knows", "connais connais connaît connaissons connaissez connaissent",
         ("animal", "person", "text", "place"), False),
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

# Adjectives that French puts *before* the noun (un petit chat, une vieille maison): used only after
# "to be" ("the cat is small" -> "le chat est petit"), so noun phrases never need the pre-noun rule.
PREDICATE_ADJECTIVES = _adjectives("""
small petit\nbig grand\nyoung jeune\nold vieux/vieille/vieux/vieilles\npretty joli\ngood bon/bonne""")

# Long sentences: clauses joined by a connective (French elides "que" -> "qu'" before a vowel), and
# relative clauses: English "that" is French "qui" when the noun is the clause's subject ("the cat that
# sees the dog" -> "le chat qui voit le chien"), "que" when it is its object ("the cake that i eat" ->
# "le gâteau que je mange"). "and" also closes a list: "a dog a cat and a bird" -> "un chien un chat et
# un oiseau" (the tokenizers drop commas, so the lists carry none).
CONNECTIVES = (("and", ("et",)), ("but", ("mais",)), ("because", ("parce", "que")))
RELATIVE = ("that", "qui", "que")


def lexicon_words() -> tuple[list[str], list[str]]:
    """Every English and French token the grammar can produce, sorted: the vocabularies."""
    en, fr = set(), set()
    for n in NOUNS:
        en |= {n.en, n.en_plural}
        fr |= {n.fr, n.fr_plural}
    for a in ADJECTIVES + PREDICATE_ADJECTIVES:
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
    en |= {c[0] for c in CONNECTIVES} | {RELATIVE[0]}
    fr |= {w for c in CONNECTIVES for w in c[1]} | set(RELATIVE[1:])
    fr |= {"j'", "l'", "n'", "d'", "qu'"}
    return sorted(en), sorted(fr)
