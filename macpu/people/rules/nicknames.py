"""Given names and the short and familiar forms agencies write for them (Bill for William, Alfie for Alfred).

Each group's first name is the canonical form. A familiar form that belongs to more than one name (Alex:
Alexander and Alexandra; Sam: Samuel and Samantha) is in each of their groups: matching takes it for either
(`FULL_NAMES`), and the search keys for the first (`CANONICAL`). Sex does not enter: matching weighs it apart.
The list is English-centric (docs/linkage.md, "What it can get wrong").
"""

NICKNAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("abigail", "abbie", "abby", "abi", "gail"),
    ("adam", "ade"),
    ("albert", "al", "bert", "bertie"),
    ("alexander", "alex", "alec", "alistair", "sandy", "xander", "lex"),
    ("alexandra", "alexa", "lexi", "lexie", "sasha", "zandra"),
    ("alfred", "alf", "alfie", "fred", "freddie", "freddy"),
    ("amelia", "millie", "milly", "mia", "emmy"),
    ("andrew", "andy", "drew"),
    ("anthony", "tony", "ant", "antony"),
    ("archibald", "archie", "archy"),
    ("arthur", "art", "artie"),
    ("barbara", "babs", "barb", "barbie"),
    ("benjamin", "ben", "benny", "benji", "benjy"),
    ("bradley", "brad"),
    ("catherine", "cathy", "cath", "kate", "katie", "kat", "katherine", "kathryn", "kay", "kitty", "cate"),
    ("charles", "charlie", "chas", "chaz", "chuck"),
    ("charlotte", "lottie", "lotte", "charley", "lotty"),
    ("christina", "chrissie", "tina", "christine", "kirsty", "kirstie"),
    ("christopher", "chris", "kit", "topher"),
    ("cornelius", "con", "neil"),
    ("daniel", "dan", "danny"),
    ("danielle", "dani"),
    ("david", "dave", "davey", "davy", "dai"),
    ("deborah", "debbie", "deb", "debs"),
    ("dominic", "dom"),
    ("dorothy", "dot", "dotty", "dolly"),
    ("douglas", "doug", "dougie"),
    ("edward", "ed", "eddie", "eddy", "ted", "teddy", "ned"),
    ("eleanor", "ellie", "elle", "nell", "nellie", "lenny", "ella", "elena", "elinor"),
    (
        "elizabeth",
        "liz",
        "lizzie",
        "lizzy",
        "beth",
        "betty",
        "bess",
        "bessie",
        "eliza",
        "libby",
        "lisa",
        "liza",
        "elsie",
    ),
    ("emily", "em", "emmy", "emilie"),
    ("emma", "em"),
    ("florence", "flo", "florrie", "flossie"),
    ("frances", "fran", "frankie", "fanny"),
    ("francis", "frank", "frankie"),
    ("frederick", "fred", "freddie", "freddy", "frederic"),
    ("gabriel", "gabe"),
    ("gabriella", "gabby", "gabi", "gabrielle", "ella"),
    ("geoffrey", "geoff", "jeff", "jeffrey"),
    ("george", "georgie", "geordie"),
    ("georgina", "georgia", "gina"),
    ("gerald", "gerry", "jerry"),
    ("gregory", "greg"),
    ("harold", "harry", "hal"),
    ("harriet", "hattie", "hatty", "harri"),
    ("henry", "harry", "hank", "hal", "hen"),
    ("isabella", "bella", "izzy", "issy", "isabel", "isabelle", "izzie", "belle", "isobel"),
    ("jacob", "jake", "jakey"),
    ("james", "jim", "jimmy", "jamie", "jem", "jimbo"),
    ("janet", "jan", "jenny"),
    ("jennifer", "jen", "jenny", "jenna", "jenni"),
    ("jessica", "jess", "jessie", "jessy"),
    ("john", "jack", "johnny", "jon", "jonny", "ian", "sean", "shaun", "evan"),
    ("jonathan", "jon", "jonny", "johnny", "nathan"),
    ("joseph", "joe", "joey", "jo", "jos"),
    ("josephine", "jo", "josie", "jojo", "posy"),
    ("joshua", "josh"),
    ("judith", "judy", "jude"),
    ("katerina", "katya"),
    ("kenneth", "ken", "kenny"),
    ("kimberley", "kim", "kimberly"),
    ("lawrence", "larry", "laurie", "laurence", "lol"),
    ("leonard", "len", "lenny", "leo"),
    ("leonardo", "leo"),
    ("lewis", "lew", "louis", "lou"),
    ("louisa", "louise", "lou", "lulu", "louie"),
    ("lucinda", "lucy", "cindy"),
    ("madeleine", "maddie", "maddy", "madeline", "madelyn", "madison"),
    ("margaret", "maggie", "meg", "megan", "peggy", "madge", "marge", "margie", "greta", "rita", "daisy", "molly"),
    ("mary", "molly", "polly", "mae", "may", "maria", "marie", "mollie"),
    ("matilda", "tilly", "tillie", "mattie", "tilda"),
    ("matthew", "matt", "matty", "mat"),
    ("michael", "mike", "mick", "mickey", "micky", "mikey", "mitch"),
    ("michelle", "shell", "shelley", "chelle"),
    ("nathaniel", "nat", "nate", "nathan"),
    ("nicholas", "nick", "nicky", "nico", "nic", "niall"),
    ("nicola", "nicky", "nikki", "nic", "nicole"),
    ("oliver", "ollie", "olly", "noll"),
    ("olivia", "liv", "livvy", "livia", "ollie"),
    ("patricia", "pat", "patty", "tricia", "trish", "patsy"),
    ("patrick", "pat", "paddy", "patsy", "rick"),
    ("penelope", "penny", "pen", "nell"),
    ("peter", "pete", "petey"),
    ("philip", "phil", "pip", "phillip"),
    ("rebecca", "becky", "becca", "bex", "becki", "reba"),
    ("richard", "rich", "richie", "rick", "ricky", "dick", "dickie", "ritchie"),
    ("robert", "rob", "robbie", "bob", "bobby", "bert", "robin", "rab"),
    ("ronald", "ron", "ronnie"),
    ("rosemary", "rosie", "rose", "rosa", "romy"),
    ("samantha", "sam", "sammy", "sammie"),
    ("samuel", "sam", "sammy", "sammie"),
    ("sarah", "sally", "sadie", "sara", "sal"),
    ("sebastian", "seb", "sebby", "bastian"),
    ("sophia", "sophie", "soph", "sofia"),
    ("stephanie", "steph", "stevie", "steff"),
    ("stephen", "steve", "stevie", "steven", "stevo"),
    ("susan", "sue", "susie", "suzy", "suzanne", "susannah", "sukie"),
    ("terence", "terry", "tel"),
    ("theodore", "theo", "ted", "teddy"),
    ("thomas", "tom", "tommy", "tam", "thom"),
    ("timothy", "tim", "timmy"),
    ("tobias", "toby"),
    ("valerie", "val"),
    ("victoria", "vicky", "vicki", "tori", "tory", "vic"),
    ("vincent", "vince", "vinny", "vin"),
    ("walter", "walt", "wally"),
    ("william", "will", "bill", "billy", "willie", "willy", "liam", "wills"),
    ("zachary", "zach", "zack", "zac", "zak"),
)


def _canonical_forms() -> dict[str, str]:
    canonical: dict[str, str] = {}
    for group in NICKNAME_GROUPS:
        for name in group:
            # A familiar form in two groups keeps the first: an ambiguous one still reaches one of its full names.
            canonical.setdefault(name, group[0])
    return canonical


CANONICAL: dict[str, str] = _canonical_forms()


def _full_names() -> dict[str, frozenset[str]]:
    """Every full name a name may stand for: Sam for Samuel and for Samantha, Em for Emily and for Emma."""
    full: dict[str, set[str]] = {}
    for group in NICKNAME_GROUPS:
        for name in group:
            full.setdefault(name, set()).add(group[0])
    return {name: frozenset(names) for name, names in full.items()}


FULL_NAMES: dict[str, frozenset[str]] = _full_names()
