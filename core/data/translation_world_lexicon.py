"""The words of the world grammar (data version 3, core/data/translation_world.py): the story world of the
BERT and GPT corpora (core/data/stories_lexicon.py: its animals, people, things and places, its causal frames)
with their French forms.

Nouns carry their French gender, which the French pronoun follows (il / elle for "it"); adjectives carry their
four forms and where French puts them; verbs carry their present tense for je, tu, il / elle, nous, vous,
ils / elles, their past participle and the auxiliary of the passé composé.
"""

from __future__ import annotations

from dataclasses import dataclass

VOWELS = tuple("aeiouéèêâîôœh")
# Words whose h is "aspiré": no elision and no liaison form before them (le haut mur, not l'haut mur).
# Grevisse, Le Bon Usage, sec. 48 (the h aspiré list).
ASPIRATED_H = frozenset({"haut", "haute", "hauts", "hautes"})


def starts_with_vowel(word: str) -> bool:
    """Elision and liaison apply before a vowel or a mute h (l'homme), not before an h aspiré (le haut mur)."""
    return word.startswith(VOWELS) and word not in ASPIRATED_H


@dataclass(frozen=True)
class Noun:
    en: str
    en_plural: str
    fr: str
    fr_plural: str
    feminine: bool  # French grammatical gender: the pronoun that refers to it is elle / elles
    kind: str  # animal, person, food, thing or place: which adjectives describe it (DESCRIBES)
    kinds: frozenset[str]  # animal, person, food, thing, container, surface, heavy, path, place, prey, predator...
    he_or_she: str = ""  # people: the English pronoun (the man -> he); "" for what English calls "it"


def _nouns(kind: str, table: str, he_or_she: dict[str, str] | None = None) -> list[Noun]:
    """Rows 'en[/en_pl] fr[/fr_pl] m|f [extra kinds...]'; default plurals add -s."""
    nouns = []
    for row in table.strip().splitlines():
        en, fr, gender, *extra = row.split()
        en_sg, _, en_pl = en.partition("/")
        fr_sg, _, fr_pl = fr.partition("/")
        nouns.append(Noun(en_sg, en_pl or en_sg + "s", fr_sg, fr_pl or fr_sg + "s", gender == "f", kind,
                          frozenset([kind, *extra]), (he_or_she or {}).get(en_sg, "")))
    return nouns


# The animals of the stories' causal frames (WALKERS, PREY, PREDATORS, eaters); extra kinds after the gender.
ANIMALS = _nouns("animal", """
animal/animals animal/animaux m walker
dog chien m walker predator eater
cat chat m walker predator prey eater
horse cheval/chevaux m walker eater
cow vache f walker eater
sheep/sheep mouton m walker prey
goat chèvre f walker prey eater
fox/foxes renard m walker predator
deer/deer cerf m walker prey
rabbit lapin m walker prey eater
bear ours/ours m walker predator eater
wolf/wolves loup m walker predator
duck canard m walker prey eater
chicken poule f walker prey eater
pig cochon m walker eater
donkey âne m walker
mouse/mice souris/souris f walker prey eater
squirrel écureuil m walker prey eater
turtle tortue f walker
elephant éléphant m walker
lion lion m walker predator
tiger tigre m walker predator
bird oiseau/oiseaux m prey eater
frog grenouille f prey eater
snake serpent m predator
owl chouette f predator
eagle aigle m predator
monkey singe m eater
kitten chaton m walker prey
puppy/puppies chiot m walker
lamb agneau/agneaux m walker prey
zebra zèbre m walker prey
giraffe girafe f walker
goose/geese oie f walker""")

PEOPLE = _nouns("person", """
man/men homme m adult
woman/women femme f adult
boy garçon m child
girl fille f child
father père m adult
mother mère f adult
king roi m adult
queen reine f adult
farmer fermier m adult
brother frère m adult
sister sœur f adult""", {"man": "he", "woman": "she", "boy": "he", "girl": "she", "father": "he", "mother": "she",
                         "king": "he", "queen": "she", "farmer": "he", "brother": "he", "sister": "she"})

FOOD = _nouns("food", """
apple pomme f
carrot carotte f
banana banane f
cake gâteau/gâteaux m
cookie biscuit m
pear poire f
bread pain m
cheese fromage m
fish/fish poisson m
seed graine f
nut noix/noix f
sandwich/sandwiches sandwich m
pie tarte f
mushroom champignon m
egg œuf m
orange orange f""")

THINGS = _nouns("thing", """
ball ballon m big
book livre m big heavy
lamp lampe f big
coat manteau/manteaux m big
blanket couverture f big
pillow oreiller m big
toy jouet m big
umbrella parapluie m big
clock horloge f big
bottle bouteille f big
shoe chaussure f big
hat chapeau/chapeaux m big
trophy/trophies trophée m big
guitar guitare f big
picture tableau/tableaux m big
doll poupée f big
key clé f
pen stylo m
cup tasse f
suitcase valise f container heavy
box/boxes boîte f container heavy big
bag sac m container heavy
basket panier m container heavy
drawer tiroir m container
cupboard placard m container
jar pot m container
pocket poche f container
bucket seau/seaux m container heavy
shelf/shelves étagère f surface
chair chaise f surface heavy
table table f surface heavy
desk bureau/bureaux m surface
bed lit m surface
plate assiette f surface
tray plateau/plateaux m surface
bench/benches banc m surface
sofa canapé m surface heavy
stone pierre f heavy
piano piano m heavy
ladder échelle f heavy
rock rocher m heavy""")

PLACES = _nouns("place", """
park parc m
school école f
garden jardin m
house maison f
kitchen cuisine f
forest forêt f
city/cities ville f
farm ferme f
lake lac m
beach/beaches plage f
shop magasin m
hospital hôpital/hôpitaux m
market marché m
zoo zoo m
library/libraries bibliothèque f
station gare f
castle château/châteaux m
room chambre f
street rue f path
road route f path
river rivière f path
field champ m path
bridge pont m path
square place f path""")

NOUNS = ANIMALS + PEOPLE + FOOD + THINGS + PLACES


def nouns_of(kind: str) -> list[Noun]:
    return [noun for noun in NOUNS if kind in noun.kinds]


def noun_named(english: str) -> Noun:
    """The noun whose English singular is ``english``; KeyError naming it otherwise."""
    for noun in NOUNS:
        if noun.en == english:
            return noun
    raise KeyError(f"no noun {english!r} in the world lexicon")


@dataclass(frozen=True)
class Adjective:
    en: str
    forms: tuple[str, str, str, str]  # masculine singular, feminine singular, masculine plural, feminine plural
    before_noun: bool = False  # French places it before the noun (un petit chat)
    liaison: str = ""  # masculine singular before a vowel: vieil, bel, nouvel (un vieil homme)

    def form(self, plural: bool, feminine: bool) -> str:
        return self.forms[2 * plural + feminine]


def _adjectives(table: str, before_noun: bool = False) -> list[Adjective]:
    """Rows 'en fr_m[/fr_f[/fr_mpl/fr_fpl]] [liaison]'; default feminine adds -e (unless it ends in e), plural -s."""
    adjectives = []
    for row in table.strip().splitlines():
        en, fr, *liaison = row.split()
        forms = fr.split("/")
        if len(forms) == 1:
            forms.append(forms[0] if forms[0].endswith("e") else forms[0] + "e")
        if len(forms) == 2:
            m, f = forms
            forms += [m if m.endswith(("s", "x")) else m + "s", f + "s"]
        adjectives.append(Adjective(en, tuple(forms), before_noun, liaison[0] if liaison else ""))
    return adjectives


# Adjectives French places before the noun: the short, common adjectives of beauty, age, goodness and size
# (the "BAGS" rule of French grammars), as listed by Grevisse, Le Bon Usage, sec. 335 (place of the
# epithet adjective): beau, joli, bon, mauvais, jeune, vieux, nouveau, petit, grand, gros, long, haut.
# vieux, beau and nouveau take vieil, bel, nouvel before a vowel (Grevisse sec. 46).
BEFORE_NOUN = _adjectives("""
small petit
big grand
young jeune
old vieux/vieille/vieux/vieilles vieil
pretty joli
beautiful beau/belle/beaux/belles bel
good bon/bonne
new nouveau/nouvelle/nouveaux/nouvelles nouvel
bad mauvais/mauvaise/mauvais/mauvaises
long long/longue/longs/longues
high haut
large gros/grosse/gros/grosses""", before_noun=True)

COLOURS = _adjectives("""
black noir
white blanc/blanche
red rouge
green vert
blue bleu
yellow jaune
grey gris/grise/gris/grises
brown marron/marron/marron/marron""")

# After the noun (the default place of a French adjective, Grevisse sec. 335).
AFTER_NOUN = COLOURS + _adjectives("""
tired fatigué
scared effrayé
sleepy endormi
weak faible
sick malade
lazy paresseux/paresseuse/paresseux/paresseuses
nervous nerveux/nerveuse/nerveux/nerveuses
slow lent
wide large
busy animé
deep profond
dangerous dangereux/dangereuse/dangereux/dangereuses
noisy bruyant
narrow étroit
dark sombre
muddy boueux/boueuse/boueux/boueuses
thick épais/épaisse/épais/épaisses
full plein
short court
tiny minuscule
heavy lourd
thin mince
fragile fragile
hungry affamé
delicious délicieux/délicieuse/délicieux/délicieuses
fresh frais/fraîche/frais/fraîches
sweet sucré
ripe mûr
hot chaud
dry sec/sèche/secs/sèches
hard dur
salty salé
fast rapide
playful joueur/joueuse/joueurs/joueuses
shy timide
wild sauvage
fierce féroce
mean méchant
strong fort
happy heureux/heureuse/heureux/heureuses
sad triste
kind gentil/gentille
cold froid
clean propre
dirty sale
empty vide
wet mouillé
broken cassé
calm calme
angry fâché
lost perdu
light léger/légère/légers/légères""")

ADJECTIVES = {adjective.en: adjective for adjective in BEFORE_NOUN + AFTER_NOUN}

# Which adjectives describe which nouns in descriptions ("the cat is tired") and noun phrases: kind -> words.
DESCRIBES = {
    "animal": "small big young old pretty beautiful tired scared sleepy weak sick lazy nervous slow hungry fast "
              "playful shy wild fierce mean strong happy sad calm angry wet dirty clean",
    "person": "young old tired scared sleepy weak sick lazy nervous slow hungry fast shy mean strong happy sad "
              "kind calm angry",
    "food": "small big good bad fresh sweet ripe hot cold dry hard salty delicious",
    "thing": "small big old new pretty beautiful good bad long large high heavy light thin fragile full empty broken "
             "clean dirty wet",
    "place": "big small old new beautiful pretty long high wide busy deep dangerous noisy narrow dark muddy calm",
}
DESCRIBES = {kind: [word for word in words.split() if word in ADJECTIVES] for kind, words in DESCRIBES.items()}
DEGREES = {"too": "trop", "very": "très", "so": "si"}


@dataclass(frozen=True)
class Verb:
    en: str  # base form: see
    en_third: str  # sees
    en_past: str  # saw
    fr: tuple[str, ...]  # present: je, tu, il / elle, nous, vous, ils / elles
    participle: str  # vu; with être it agrees with the subject (allée, allés, allées)
    auxiliary: str  # avoir or être in the passé composé
    objects: tuple[str, ...] = ()  # noun kinds of its direct object; () for a verb of motion
    en_preposition: str = ""  # a verb of motion: to, into, in, at
    fr_preposition: str = ""  # à, dans


def _verb(en: str, fr: str, participle: str, auxiliary: str, objects: str = "", prepositions: str = "") -> Verb:
    base, third, past = en.split()
    en_prep, _, fr_prep = prepositions.partition("/")
    return Verb(base, third, past, tuple(fr.split()), participle, auxiliary, tuple(objects.split()), en_prep, fr_prep)


ACTIONS = [
    _verb("see sees saw", "vois vois voit voyons voyez voient", "vu", "avoir", "animal person thing place food"),
    _verb("eat eats ate", "mange manges mange mangeons mangez mangent", "mangé", "avoir", "food"),
    _verb("cross crosses crossed", "traverse traverses traverse traversons traversez traversent", "traversé", "avoir",
          "path"),
    _verb("find finds found", "trouve trouves trouve trouvons trouvez trouvent", "trouvé", "avoir",
          "animal thing food"),
    _verb("carry carries carried", "porte portes porte portons portez portent", "porté", "avoir", "thing food"),
    _verb("help helps helped", "aide aides aide aidons aidez aident", "aidé", "avoir", "animal person"),
    _verb("chase chases chased", "poursuis poursuis poursuit poursuivons poursuivez poursuivent", "poursuivi",
          "avoir", "animal"),
    _verb("feed feeds fed", "nourris nourris nourrit nourrissons nourrissez nourrissent", "nourri", "avoir",
          "animal"),
    _verb("lift lifts lifted", "soulève soulèves soulève soulevons soulevez soulèvent", "soulevé", "avoir",
          "heavy"),
    _verb("want wants wanted", "veux veux veut voulons voulez veulent", "voulu", "avoir", "food thing"),
    _verb("wash washes washed", "lave laves lave lavons lavez lavent", "lavé", "avoir", "animal thing"),
    _verb("buy buys bought", "achète achètes achète achetons achetez achètent", "acheté", "avoir", "food thing"),
    _verb("watch watches watched", "regarde regardes regarde regardons regardez regardent", "regardé", "avoir",
          "animal person"),
    _verb("open opens opened", "ouvre ouvres ouvre ouvrons ouvrez ouvrent", "ouvert", "avoir", "container"),
]

# Verbs of motion: être verbs (aller, venir, arriver, tomber, rester) and one avoir verb (courir) to tell apart.
MOTIONS = [
    _verb("go goes went", "vais vas va allons allez vont", "allé", "être", prepositions="to/à"),
    _verb("come comes came", "viens viens vient venons venez viennent", "venu", "être", prepositions="to/à"),
    _verb("arrive arrives arrived", "arrive arrives arrive arrivons arrivez arrivent", "arrivé", "être",
          prepositions="at/à"),
    _verb("fall falls fell", "tombe tombes tombe tombons tombez tombent", "tombé", "être", prepositions="into/dans"),
    _verb("stay stays stayed", "reste restes reste restons restez restent", "resté", "être", prepositions="in/dans"),
    _verb("run runs ran", "cours cours court courons courez courent", "couru", "avoir", prepositions="to/à"),
]
VERBS = {verb.en: verb for verb in ACTIONS + MOTIONS}

ETRE = ("suis", "es", "est", "sommes", "êtes", "sont")
ETRE_IMPARFAIT = ("étais", "étais", "était", "étions", "étiez", "étaient")
AVOIR = ("ai", "as", "a", "avons", "avez", "ont")
# English subject pronouns: (English, French, person index into the conjugations). "I", "you" and "we" are
# masculine by convention (English does not say); "you" is tu. "it" and "they" are only ever generated with an
# antecedent in the same sentence (the causal frames), where French needs its gender.
PRONOUNS = {"i": ("je", 0), "you": ("tu", 1), "he": ("il", 2), "she": ("elle", 2), "we": ("nous", 3)}
ENGLISH_BE = {"present": ("am", "are", "is", "are", "are", "are"), "past": ("was", "were", "was", "were", "were",
                                                                           "were")}
PREPOSITIONS = {"in": "dans", "on": "sur", "under": "sous", "behind": "derrière", "near": "près de"}
POSSESSIVES = {"my": ("mon", "ma", "mes"), "his": ("son", "sa", "ses"), "her": ("son", "sa", "ses"),
               "our": ("notre", "notre", "nos"), "their": ("leur", "leur", "leurs")}

PROFESSIONS = {en: _adjectives(f"{en} {fr}")[0].forms for en, fr in (
    ("student", "étudiant"), ("teacher", "professeur/professeure"), ("doctor", "médecin/médecin"),
    ("nurse", "infirmier/infirmière"), ("cook", "cuisinier/cuisinière"), ("singer", "chanteur/chanteuse"),
    ("baker", "boulanger/boulangère"), ("writer", "écrivain/écrivaine"), ("pilot", "pilote"),
    ("dancer", "danseur/danseuse"), ("lawyer", "avocat"), ("actor", "acteur/actrice"))}


@dataclass(frozen=True)
class CausalFrame:
    """"<subject> <verb> <object> because <it> was <degree> <adjective>": the stories' causal frames, with the
    French of the verb, the noun kinds of each side and which adjectives name which side (disjoint, so the
    adjective decides what "it" means, and French writes il or elle after that noun's gender)."""

    en: str  # didn't cross (the English past, negated or not)
    fr_singular: tuple[str, ...]  # French with a singular subject, ne ... pas included: ne a pas traversé
    fr_plural: tuple[str, ...]  # with a plural subject: ne ont pas traversé
    subjects: str  # noun kind of the subject
    objects: str  # noun kind of the object
    subject_adjectives: tuple[str, ...]  # "because it was too tired": it = the subject
    object_adjectives: tuple[str, ...]  # "because it was too wide": it = the object
    degrees: tuple[str, ...]  # too, very, so or "" (none)


def _frame(en: str, fr: str, subjects: str, objects: str, subject_adjectives: str, object_adjectives: str,
           degrees: str) -> CausalFrame:
    singular, plural = (tuple(side.split()) for side in fr.split("|"))
    return CausalFrame(en, singular, plural, subjects, objects, tuple(subject_adjectives.split()),
                       tuple(object_adjectives.split()), tuple(d.strip() for d in degrees.split(",")))


# Negated past frames read "ne ... pas" in French: "didn't cross" -> "n'a pas traversé" (passé composé), "didn't fit
# in" -> "ne rentrait pas dans" (imparfait: a state, not an event), "couldn't lift" -> "n'a pas pu soulever".
CAUSAL_FRAMES = [
    _frame("didn't cross", "ne a pas traversé | ne ont pas traversé", "walker", "path",
           "tired scared old slow weak sleepy lazy small young sick nervous",
           "wide long busy deep dangerous noisy narrow dark muddy", "too, too, so, very"),
    _frame("didn't fit in", "ne rentrait pas dans | ne rentraient pas dans", "big", "container",
           "big large wide long thick", "small narrow full short tiny", "too"),
    _frame("didn't fit on", "ne tenait pas sur | ne tenaient pas sur", "big", "surface",
           "big large wide long heavy", "small narrow full short tiny", "too"),
    _frame("didn't hold", "ne a pas supporté | ne ont pas supporté", "surface", "heavy",
           "weak small old thin fragile", "heavy big large full", "too"),
    _frame("didn't eat", "ne a pas mangé | ne ont pas mangé", "eater", "food",
           "sick tired sleepy", "hot dry hard salty big old", "too, too, so"),
    _frame("couldn't lift", "ne a pas pu soulever | ne ont pas pu soulever", "adult", "heavy",
           "weak tired old small sick", "heavy big large", "too, so"),
    _frame("couldn't carry", "ne a pas pu porter | ne ont pas pu porter", "person", "heavy",
           "weak tired small young old", "heavy big large long", "too, so"),
    _frame("ate", "a mangé | ont mangé", "eater", "food", "hungry", "delicious fresh sweet ripe", "so, very, "),
    _frame("chased", "a poursuivi | ont poursuivi", "predator", "prey", "hungry playful fast",
           "slow small noisy young weak", "so, very, "),
    _frame("ran from", "a fui | ont fui", "prey", "predator", "scared nervous small shy weak",
           "dangerous wild big fierce mean", "so, very, "),
    _frame("helped", "a aidé | ont aidé", "adult", "child", "kind strong", "lost tired sick scared weak", ""),
]

# Long sentences: clauses joined by a connective (que elides before a vowel: parce qu'il).
CONNECTIVES = {"and": ("et",), "but": ("mais",), "because": ("parce", "que")}
RELATIVE = ("that", "qui", "que")
