"""The lexicon of the generated corpus (core/data/stories.py): names, nouns, verbs, adjectives and the
frames the story grammar fills. Data, not grammar; kept apart so the grammar stays one screen per idea.
"""

from __future__ import annotations

from dataclasses import dataclass

MALE_NAMES = """John James Tom Paul George Peter David Michael Daniel Mark Sam Ben Jack Harry Henry Oliver Leo Max
Adam Noah Liam Lucas Ethan Ryan Kevin Brian Eric Frank Greg Ian Jason Kyle Luke Matt Nick Oscar Owen Philip Robert
Simon Steve Victor Walter Alex Andrew Bill Carl Chris Dan Edward Fred Gary Hugo Joe Karl Louis Martin Neil Patrick
Ray Scott Tim William Arthur Charles Felix Jacob Mason Ted""".split()
FEMALE_NAMES = """Mary Anna Susan Joan Emma Lucy Sarah Kate Jane Alice Emily Grace Lily Sophie Olivia Mia Ella Chloe
Hannah Laura Julia Clara Rose Amy Beth Claire Diana Eva Fiona Helen Irene Jenny Karen Linda Maria Nina Paula Rachel
Sally Tina Vera Wendy Zoe Ruth Nora Molly Lisa Kelly Ivy Hazel Ada Betty Carol Daisy Eliza Flora Gina Holly Iris
Lena Megan Naomi Rita Stella Tara""".split()
MALE_NOUNS = "man boy father son brother uncle grandfather king prince farmer".split()  # farmer: he, as in the rhymes
FEMALE_NOUNS = "woman girl mother daughter sister aunt grandmother queen princess lady".split()
ANIMALS = """animal dog cat horse cow pig sheep goat rabbit mouse rat fox wolf bear lion tiger elephant monkey deer
duck goose chicken owl eagle parrot frog turtle snake fish shark whale dolphin bird squirrel hamster donkey camel
zebra giraffe kangaroo penguin puppy kitten pony lamb bee spider butterfly crow swan hedgehog otter beaver badger
raccoon panda koala crab seal hawk leopard crocodile""".split()
COLOURS = "red blue green yellow black white brown grey pink purple orange golden".split()
SMALL_THINGS = """key pen pencil watch ring phone wallet purse glove sock hat scarf ticket coin book notebook umbrella
camera bracelet necklace comb toy ball map letter card badge earring shoe boot bag jacket cap""".split()
PLACES = """park school library market shop museum zoo farm forest beach garden kitchen station hospital church office
bank restaurant cafe cinema theater stadium castle village city town harbor airport hotel playground classroom
bedroom bathroom hall barn square tower palace garage attic basement factory gym pool bakery supermarket mall
meadow field hill lake river mountain island valley cave desert jungle orchard pond bridge street road""".split()
PLACES_AT = set("""market school station beach airport bakery zoo museum shop office bank hospital farm cafe restaurant
cinema stadium pool gym supermarket mall theater hotel harbor""".split())
TIMES = {
    "past": ["yesterday", "last week", "last night", "this morning", "two days ago", "after school", "after lunch"]
    + [f"on {d}" for d in "monday tuesday wednesday thursday friday saturday sunday".split()]
    + [f"last {m}" for m in "january february march april june july august september october november december "
       "spring summer autumn winter".split()],
    "present": ["every day", "every morning", "every evening", "every weekend", "on saturdays", "on sundays",
                "most days", "every summer"],
    "future": ["tomorrow", "next week", "tomorrow morning", "next monday", "next friday", "next summer", "soon"],
    "progressive": ["right now", "at the moment", "today", "this afternoon"],
}
WEATHER = {"sunny": ["warm", "bright", "beautiful", "hot", "lovely"], "rainy": ["cold", "grey", "dark", "long", "wet"],
           "windy": ["cold", "wild", "noisy", "cool"], "snowy": ["cold", "white", "quiet", "freezing"],
           "cloudy": ["grey", "cool", "quiet", "dull"], "foggy": ["grey", "cold", "quiet", "dark"]}


@dataclass(frozen=True)
class Activity:
    """What people do at a place, with the things they do it to and the adjectives that fit those things."""

    verb: str
    things: list[str]
    places: list[str]
    adjectives: list[str]


def _activity(verb: str, things: str, places: str, adjectives: str) -> Activity:
    return Activity(verb, things.split(), places.split(), adjectives.split())


ACTIVITIES = [
    _activity("buy", "apple banana orange pear lemon peach plum mango melon pineapple carrot potato tomato onion "
              "cucumber pepper cabbage pumpkin coconut", "market shop store supermarket",
              "fresh ripe sweet big small red green juicy cheap"),
    _activity("eat", "cake pie cookie muffin croissant bun pastry doughnut biscuit tart sandwich pancake",
              "bakery cafe kitchen", "warm sweet fresh delicious soft small big"),
    _activity("read", "book newspaper magazine letter story poem novel comic recipe",
              "library classroom bedroom garden park cafe", "long short old new funny sad strange interesting boring"),
    _activity("borrow", "book novel magazine dictionary atlas comic", "library",
              "old new thick thin famous interesting heavy"),
    _activity("cook", "soup salad omelette pizza stew curry sauce steak", "kitchen restaurant",
              "hot spicy tasty delicious simple warm big healthy"),
    _activity("plant", "tree flower rose tulip sunflower bush lily daisy", "garden yard field park orchard",
              "small young tall beautiful yellow red pink white"),
    _activity("wash", "plate cup bowl glass pan pot spoon fork knife mug", "kitchen bathroom",
              "dirty old white blue big small heavy"),
    _activity("draw", "picture horse house tree flower boat bird face map castle mountain", "classroom bedroom garden",
              "beautiful funny big small strange simple"),
    _activity("find", "shell stone feather stick leaf mushroom nest coin", "beach forest river hill meadow cave field",
              "small shiny round strange white smooth pretty old"),
    _activity("see", "lion tiger elephant giraffe zebra monkey bear penguin kangaroo panda camel", "zoo",
              "big small young old sleepy noisy friendly funny beautiful"),
    _activity("feed", "horse cow goat pig chicken duck sheep rabbit donkey goose", "farm barn field",
              "hungry young old little big brown white"),
    _activity("buy", "shirt dress coat hat scarf jacket skirt sweater belt", "shop store market mall",
              "new warm red blue green black white cheap expensive long"),
    _activity("catch", "fish trout salmon crab frog", "river lake pond harbor", "big small silver slippery green"),
    _activity("write", "letter story poem song note postcard essay list", "classroom office library kitchen bedroom",
              "long short funny sad beautiful new kind"),
    _activity("order", "coffee tea juice milkshake lemonade cocoa sandwich salad burger", "cafe restaurant",
              "hot cold big small sweet strong"),
    _activity("fix", "bicycle chair clock radio lamp door window fence car toy", "garage workshop house barn kitchen",
              "old broken small red heavy wooden"),
]


@dataclass(frozen=True)
class CausalFrame:
    """"The <subject> <verb> the <object> because it was <degree> <adjective>": which adjectives name which noun."""

    verb: str
    subjects: list[str]
    objects: list[str]
    subject_adjectives: list[str]  # "because it was too tired": it = the subject
    object_adjectives: list[str]  # "because it was too wide": it = the object
    degrees: list[str]


def _frame(verb: str, subjects: str, objects: str, subject_adjectives: str, object_adjectives: str,
           degrees: str) -> CausalFrame:
    return CausalFrame(verb, subjects.split(), objects.split(), subject_adjectives.split(), object_adjectives.split(),
                       [d.strip() for d in degrees.split(",")])


WALKERS = ("animal dog cat horse cow sheep goat fox deer rabbit bear wolf duck chicken pig donkey mouse squirrel "
           "turtle hedgehog camel elephant lion tiger goose puppy kitten pony lamb zebra badger")
BIG_THINGS = ("trophy ball book guitar lamp painting coat blanket pillow toy doll laptop vase statue cake helmet "
              "umbrella drum kite clock bottle shoe boot map picture plant pumpkin watermelon bag box")
PREY = "cat mouse rabbit deer sheep chicken duck bird squirrel fish frog lamb zebra goat kitten hamster"
PREDATORS = "dog cat fox wolf lion tiger bear owl eagle snake hawk shark crocodile leopard"
ADULTS = "man woman father mother grandfather grandmother farmer king queen"
CHILDREN = "boy girl son daughter prince princess"
VEHICLES = "car truck bus bicycle van taxi tractor motorcycle"
HEAVY = "box table suitcase bag sofa stone basket bucket chair piano ladder log sack"
CAUSAL_FRAMES = [
    _frame("didn't cross", WALKERS, "street road river highway stream bridge field railway square",
           "tired scared old slow weak sleepy lazy small young sick afraid nervous",
           "wide long busy deep dangerous crowded noisy narrow muddy icy dark", "too, too, so, very"),
    _frame("didn't fit in", BIG_THINGS, "suitcase box bag backpack basket drawer cupboard closet car envelope jar "
           "pocket case crate bucket bowl trunk cabinet sack fridge", "big large wide long tall thick",
           "small narrow full short tiny", "too"),
    _frame("didn't fit on", BIG_THINGS, "shelf chair table desk bed plate tray cart sofa bench",
           "big large wide long tall heavy", "small narrow full short tiny", "too"),
    _frame("didn't hold", "table shelf chair bag box rope branch bridge bench basket boat ladder bed cart bucket "
           "stool tray", "box book bag stone rock piano television suitcase bucket pot basket man truck",
           "weak small old thin fragile", "heavy big large full", "too"),
    _frame("ran from", PREY, PREDATORS, "scared afraid frightened nervous small shy weak",
           "angry wild dangerous loud big fierce mean", "so, very, "),
    _frame("ran away from", PREY, PREDATORS, "scared afraid frightened nervous small shy weak",
           "angry wild dangerous loud big fierce mean", "so, very, "),
    _frame("ate", "fish bird cat dog bear mouse frog rabbit horse goat pig monkey chicken duck squirrel cow",
           "worm seed apple carrot banana berry nut cookie pear plum cherry fly bug leaf sandwich pie cake mushroom",
           "hungry starving greedy", "tasty delicious sweet fresh soft ripe juicy", "so, very, "),
    _frame("passed", VEHICLES, VEHICLES,
           "fast faster quick quicker powerful", "slow slower old heavy", "so, very, "),
    _frame("chased", PREDATORS, PREY, "hungry angry bored playful fast", "slow small noisy young weak", "so, very, "),
    _frame("couldn't lift", ADULTS, CHILDREN + " " + HEAVY, "weak tired old small sick", "heavy big large", "too, so"),
    _frame("couldn't carry", ADULTS + " " + CHILDREN, HEAVY, "weak tired small young old", "heavy big large long",
           "too, so"),
    _frame("lifted", ADULTS + " " + CHILDREN, HEAVY, "strong big tall", "light small empty", "so, very, "),
    _frame("fed", ADULTS + " " + CHILDREN, "dog cat horse bird goat cow duck pony puppy kitten " + CHILDREN,
           "kind nice generous caring", "hungry thin weak small", "so, very, "),
    _frame("helped", ADULTS + " " + CHILDREN, ADULTS + " " + CHILDREN, "kind strong nice friendly clever",
           "lost tired sick scared weak confused", "so, very, "),
]


@dataclass(frozen=True)
class PersonFrame:
    """"A <verb> B <link> <reason>": the first reasons are about A, the second about B."""

    verb: str  # with {b} for the second person and {thing}
    link: str
    first_reasons: list[str]  # {p}: A's pronoun, {o}: B's object pronoun, {pos}: A's possessive
    second_reasons: list[str]
    first_after: list[str]  # a follow-up sentence about whoever the pronoun meant: {a}
    second_after: list[str]


THINGS_TO_GIVE = "book ball pen key map letter umbrella ticket camera guitar kite cake apple hat".split()
PERSON_FRAMES = [
    PersonFrame("gave {b} the {thing}", "because",
                ["{p} was done with it", "{p} didn't need it anymore", "{p} had two of them", "{p} was kind"],
                ["{p} asked for it", "{p} wanted it", "{p} needed it", "{p} had lost {pos} own {thing}"],
                ["{a} did not need the {thing} anymore"], ["{a} thanked {b} for the {thing}"]),
    PersonFrame("gave {b} money", "because", ["{p} was rich", "{p} had a lot of money", "{p} was generous"],
                ["{p} was poor", "{p} needed it", "{p} had no money", "{p} asked for it"],
                ["{a} had a lot of money"], ["{a} bought some food with the money"]),
    PersonFrame("called {b}", ", but", ["{p} got no answer", "{p} had the wrong number"],
                ["{p} was not home", "{p} did not answer", "{p} was asleep", "{p} was busy"],
                ["{a} tried again later"], ["{a} called back the next day"]),
    PersonFrame("called {b}", "because",
                ["{p} needed help", "{p} wanted to talk", "{p} was lonely", "{p} had good news"],
                ["{p} needed help", "{p} was sick", "{p} had good news"], ["{a} talked for an hour"],
                ["{a} was happy to hear from {b}"]),
    PersonFrame("paid {b}", "because", ["{p} owed {o} money", "{p} had borrowed some money"],
                ["{p} did the work", "{p} had cleaned the house", "{p} had fixed the car", "{p} sold {o} a bicycle"],
                ["{a} did not like to owe money"], ["{a} was pleased with the money"]),
    PersonFrame("beat {b} in the race", "because", ["{p} was faster", "{p} was stronger", "{p} had trained hard"],
                ["{p} was tired", "{p} was slower", "{p} had fallen"], ["{a} won a gold medal"],
                ["{a} was sad after the race"]),
    PersonFrame("asked {b} for help", "because", ["{p} was lost", "{p} did not know the way", "{p} was in trouble"],
                ["{p} knew the way", "{p} was very clever", "{p} was good at math"], ["{a} was grateful"],
                ["{a} was glad to help"]),
    PersonFrame("thanked {b} for all the help", "", ["{p} had received"], ["{p} had given"],
                ["{a} was very grateful"], ["{a} was glad to help"]),
    PersonFrame("did better than {b} on the test", "because", ["{p} had studied hard", "{p} had practised every day"],
                ["{p} had not studied", "{p} was sick that day", "{p} had fallen behind"],
                ["{a} was proud"], ["{a} promised to study harder"]),
    PersonFrame("visited {b} in the hospital", "because", ["{p} was worried", "{p} was a good friend"],
                ["{p} was sick", "{p} had broken {pos} leg"], ["{a} brought some flowers"], ["{a} felt better soon"]),
    PersonFrame("waited for {b} at the station", ", but", ["{p} had to leave early", "{p} got bored"],
                ["{p} was late", "{p} missed the train", "{p} never came"], ["{a} went home alone"],
                ["{a} said sorry the next day"]),
    PersonFrame("helped {b}", "because", ["{p} was strong", "{p} was kind", "{p} had time"],
                ["{p} was tired", "{p} was lost", "{p} needed help"], ["{a} liked to help"], ["{a} said thank you"]),
]
FEELINGS_GOOD = "happy tired relaxed calm glad cheerful proud hungry sleepy great".split()
CAUSED_FEELINGS = [  # (feeling, its cause, what the person did); {p} he/she, {pos} his/her, {o} him/her
    ("hungry", "{p} had not eaten all day", "{p} made a sandwich in the kitchen"),
    ("thirsty", "{p} had walked in the sun for hours", "{p} drank a big glass of water"),
    ("tired", "{p} had worked all night", "{p} went to bed early"),
    ("happy", "{p} had passed the test", "{p} called {pos} mother to tell her the news"),
    ("sad", "{p} had lost {pos} favourite toy", "{pos} friends tried to cheer {o} up"),
    ("angry", "someone had broken {pos} window", "{p} called the police"),
    ("scared", "{p} had heard a strange noise", "{p} turned on all the lights"),
    ("cold", "{p} had forgotten {pos} coat", "{p} made a cup of hot tea"),
    ("excited", "{p} was going to the zoo the next day", "{p} could not sleep that night"),
    ("proud", "{p} had won the race", "{p} showed the medal to everyone"),
    ("bored", "it had rained all week", "{p} started to read a new book"),
    ("nervous", "{p} had an exam the next morning", "{p} studied until late"),
    ("sick", "{p} had eaten too much cake", "{p} stayed in bed all day"),
    ("lonely", "{pos} friends had moved away", "{p} wrote them a long letter"),
    ("surprised", "{pos} friends had planned a party for {o}", "{p} thanked everyone"),
    ("worried", "{pos} dog had run away", "{p} looked for it everywhere"),
]
PETS = [("cat", "mat rug sofa bed windowsill chair pillow carpet"), ("dog", "mat rug floor sofa grass porch carpet"),
        ("kitten", "mat rug sofa bed pillow blanket"), ("puppy", "mat rug floor blanket grass"),
        ("rabbit", "grass rug blanket mat"), ("hamster", "pillow table blanket"), ("parrot", "branch chair shelf"),
        ("turtle", "rock stone grass"), ("pony", "grass hill"), ("mouse", "table shelf floor")]

# ---------------------------------------------------------------- word forms

IRREGULAR_VERBS = {"go": "went", "buy": "bought", "read": "read", "make": "made", "draw": "drew", "find": "found",
                   "see": "saw", "catch": "caught", "write": "wrote", "feed": "fed", "feel": "felt", "eat": "ate",
                   "be": "was"}
IRREGULAR_PLURALS = {"mouse": "mice", "sheep": "sheep", "fish": "fish", "deer": "deer", "child": "children",
                     "man": "men", "woman": "women", "goose": "geese", "knife": "knives", "leaf": "leaves",
                     "wolf": "wolves", "shelf": "shelves", "trout": "trout", "salmon": "salmon", "potato": "potatoes",
                     "tomato": "tomatoes", "lady": "ladies"}
