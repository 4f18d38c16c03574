"""Word lists the extractor's rules read: reporting and action verbs, titles, pronouns, abbreviations.

General English news vocabulary only; nothing here names a person or fits one article.
"""

from __future__ import annotations

ABBREVIATIONS = frozenset(
    "mr. mrs. ms. dr. prof. sen. rep. gov. gen. col. lt. sgt. capt. st. jr. sr. no. vs. etc. inc. corp. co. "
    "ltd. dept. est. approx. fig. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. "
    "u.s. u.n. u.k. e.u. d.c. a.m. p.m. i.e. e.g. sra. sr. lic. ing.".split()
)

# Reporting verbs: the base form; inflections are generated (irregular pasts listed).
REPORTING = (
    "say tell state warn threaten announce pledge vow argue acknowledge emphasize emphasise reiterate insist "
    "deny reject label write post add claim note explain stress suggest indicate promise demand urge describe "
    "accuse allege assert maintain express highlight criticize criticise praise predict confirm report "
    "reaffirm respond propose ask agree worry fear believe float signal hint elaborate concede admit contend "
    "caution complain question recall tweet estimate identify call characterize characterise dismiss reply "
    "counter condemn defend mention point comment testify notice observe speculate conclude find "
    "refer voice publish disclose reveal lament assure reassure recommend advise affirm retort decry denounce "
    "lambast applaud underscore underline clarify tout boast recount refute rebut oppose endorse outline repeat "
    "expect dispute credit"
).split()

# Multi-word ways of saying something, each a regular expression over lowercased text: "raised concerns
# about", "made it clear that", "put forward", "issued a statement".
REPORTING_PHRASES = (
    r"rais(?:e|es|ed|ing) (?:\w+ )?(?:concerns?|questions?|objections?|doubts?|alarms?|"
    r"the (?:issue|possibility|idea|specter|spectre|prospect))",
    r"ma(?:ke|kes|de|king) (?:it )?(?:clear|known|public)",
    r"put(?:s|ting)? forward",
    r"issu(?:e|es|ed|ing) (?:a |an )?(?:\w+ )?(?:statement|warning|message|communique|ultimatum|call)",
    r"(?:went|go|goes|going) on to say",
    r"(?:took|take|takes|taking) (?:the|a) (?:\w+ )?(?:position|stance|view)",
    r"commit(?:s|ted|ting)? (?:itself |himself |herself |themselves )?to",
    r"(?:spoke|speak|speaks|speaking) out",
    r"(?:called|call|calls|calling) on",
)
# Rarer phrases, each tried only where its key word occurs (an alternation tried at every word costs time).
GUARDED_PHRASES = (
    # "X was quoted by Bloomberg as saying": X said it
    ("quoted", r"(?:was|were|is|are) (?:also )?quoted (?:by [\w.'’ -]{1,40}? )?as (?:saying|telling)"),
    # "Census Bureau data showed", "central bank figures show": the body whose records they are states them
    ("show", r"(?:data|figures|statistics|numbers|estimates|records|tallies) (?:show|shows|showed|showing)"),
)

# Verbs of doing: a named actor doing them is an action claim.
ACTION = (
    "sign designate disband impose deport detain deploy send launch expel arrest raid introduce adopt issue "
    "approve ratify suspend seal reinstate order direct create establish implement cut grant block "
    "dismantle build withdraw halt revoke suspend freeze fund transport resume repatriate apprehend "
    "enact unveil extend roll increase reduce tighten deploy negotiate meet host visit invest ban "
    "finance accept receive return relocate stop close reopen cancel terminate sanction pardon welcome give "
    "resist help engage hold congratulate reach coordinate provide take put force boost press push "
    "offer allow begin start keep continue move cooperate collaborate disrupt dispatch expand tighten "
    "intensify strengthen enforce secure invite host declare pause raise seize veto file sue fire appoint "
    "nominate lift ease delay postpone scrap retaliate levy slap repeal rescind overturn allocate donate pay vote "
    "resign mobilize mobilise reinforce capture extradite transfer shut loosen relax waive exempt charge indict "
    "drop win sell buy summon focus"
).split()

# Nouns of saying: "Trump's threat of tariffs" is Trump's statement, whoever the sentence is about.
REPORTING_NOUNS = (
    "threat threats promise promises pledge pledges warning warnings demand demands remarks statement "
    "statements proposal proposals announcement call calls accusation accusations vow vows insistence "
    "criticism rhetoric claim claims comments message"
).split()

# Nouns of doing: "Blinken's second visit", "after Trump's re-election" are the owner's deeds.
DEED_NOUNS = "visit trip victory re-election reelection resignation ruling".split()

IRREGULAR_PAST = {
    "say": "said", "tell": "told", "write": "wrote", "find": "found", "send": "sent", "build": "built",
    "cut": "cut", "meet": "met", "withdraw": "withdrew", "freeze": "froze", "hold": "held", "lead": "led",
    "take": "took", "give": "gave", "make": "made", "speak": "spoke", "set": "set", "begin": "began",
    "put": "put", "keep": "kept", "dispatch": "dispatched", "pay": "paid", "win": "won", "shut": "shut",
    "sell": "sold", "buy": "bought",
}
IRREGULAR_PARTICIPLE = {"write": "written", "withdraw": "withdrawn", "freeze": "frozen", "speak": "spoken",
                        "take": "taken", "give": "given", "begin": "begun"}
DOUBLING = {"ban": "bann", "stop": "stopp", "admit": "admitt", "refer": "referr", "plan": "plann", "rebut": "rebutt", "slap": "slapp",
            "drop": "dropp", "veto": "veto", "shut": "shutt", "win": "winn"}

ACCORDING = ("according to", "as reported by", "citing", "in the words of")

# Words that, right before a verb's participle, make it passive: no agent unless "by X" follows.
PASSIVE_AUX = frozenset("was were been be being is are get got".split())
AUXILIARY = frozenset(
    "has have had also already once again later then reportedly repeatedly publicly previously recently "
    "quickly immediately will would could should may might can did does do not never just still even "
    "swiftly formally officially firmly strongly further had since now so far thus therefore again first "
    "subsequently eventually finally nonetheless nevertheless however instead meanwhile separately likewise "
    "too".split()
)

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = frozenset({"they", "it"})

# Titles that introduce a name ("Foreign Minister Juan Ramon de la Fuente") and make a role noun.
TITLES = (
    "president-elect president vice president prime minister foreign minister minister secretary "
    "interior secretary foreign secretary senator sen. representative rep. governor gov. mayor ambassador "
    "spokesperson spokesman spokeswoman chancellor king queen general judge justice director chief "
    "commissioner attorney general congressman congresswoman leader chairman chairwoman chair envoy "
    "czar official officials analyst economist professor candidate nominee then-president former"
).split()

ROLE_NOUNS = (
    "president minister secretary senator governor mayor ambassador spokesperson spokesman spokeswoman "
    "chancellor director commissioner envoy official leader president-elect"
).split()

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Words that make a number a statistic (a count of something), not a year or a list position.
UNITS = ("percent", "per cent", "%", "million", "billion", "trillion", "thousand")

# Capitalised words that start sentences or name places/things, never speakers on their own.
NOT_NAMES = frozenset(
    "the a an this that these those it its he she they we i you his her their our in on at for from by with "
    "but and or as if when while after before since during under over although though however meanwhile "
    "despite following according also still even yet so then there here what which who why how "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)

NAME_PARTICLES = frozenset("de la del los las van von der di da du le bin al y".split())


def inflections(base: str) -> set[str]:
    """say -> say, says, said, saying; the few irregular forms come from the tables above."""
    stem = DOUBLING.get(base, base)
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        third, past, ing = base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    elif base.endswith("e"):
        third, past, ing = base + "s", base + "d", base[:-1] + "ing"
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        third, past, ing = base + "es", base + "ed", base + "ing"
    else:
        third, past, ing = base + "s", stem + "ed", stem + "ing"
    past = IRREGULAR_PAST.get(base, past)
    forms = {base, third, past, ing, IRREGULAR_PARTICIPLE.get(base, past)}
    return forms


# Unnamed sources and groups that speak in news copy ("a senior U.S. official", "economists", "lawmakers"):
# singular forms need an indefinite article ("a spokesman for the ministry"); plurals stand alone.
SOURCE_NOUNS = {
    "official": "officials", "spokesperson": "spokespeople", "spokesman": "spokesmen", "spokeswoman": "spokeswomen",
    "diplomat": "diplomats", "source": "sources", "analyst": "analysts", "economist": "economists",
    "expert": "experts", "lawmaker": "lawmakers", "legislator": "legislators", "critic": "critics",
    "observer": "observers", "resident": "residents", "activist": "activists", "advocate": "advocates",
    "investor": "investors", "executive": "executives", "negotiator": "negotiators", "prosecutor": "prosecutors",
    "witness": "witnesses", "protester": "protesters", "researcher": "researchers", "aide": "aides",
    "adviser": "advisers", "advisor": "advisors", "ally": "allies", "supporter": "supporters",
    "opponent": "opponents", "authority": "authorities", "leader": "leaders", "organizer": "organizers",
    "representative": "representatives", "envoy": "envoys", "strategist": "strategists", "union": "unions",
    "group": "groups", "farmer": "farmers", "worker": "workers", "owner": "owners",
    "businessman": "businessmen", "businesswoman": "businesswomen", "voter": "voters", "student": "students",
    "driver": "drivers", "employee": "employees", "person": "people", "director": "directors",
    # the trades and callings news copy quotes as groups ("exporters say the tariffs will hurt them")
    "exporter": "exporters", "importer": "importers", "retailer": "retailers", "manufacturer": "manufacturers",
    "producer": "producers", "business": "businesses", "company": "companies", "firm": "firms",
    "employer": "employers", "trader": "traders", "banker": "bankers", "consumer": "consumers",
    "scientist": "scientists", "scholar": "scholars", "academic": "academics", "doctor": "doctors",
    "campaigner": "campaigners", "forecaster": "forecasters", "teacher": "teachers", "parent": "parents",
    "lawyer": "lawyers", "attorney": "attorneys",
}
# Of those, the ones that speak for a government when a country qualifies them ("U.S. officials").
GOVERNMENT_SOURCES = frozenset("official officials authorities diplomat diplomats negotiator negotiators "
                               "spokesperson spokesman spokeswoman envoy envoys".split())
# Lowercase words that may qualify a source noun ("senior administration officials").
SOURCE_MODIFIERS = frozenset(
    "senior top high-ranking former local federal state regional municipal government administration military "
    "security health trade foreign immigration migration border police party opposition independent private "
    "industry business union company ministry campaign congressional republican democratic conservative "
    "liberal other some many several two three four most few anonymous unnamed rights human advocacy civil "
    "environmental aid humanitarian".split())

# Last words that make a capitalised name a body, not a person ("Census Bureau", "Foreign Ministry").
ORGANISATION_HEADS = frozenset(
    "bureau department ministry agency institute commission office council court bank party committee service "
    "administration association confederation university center centre foundation fund organization "
    "organisation group corp corporation company coalition union federation board authority secretariat "
    "chamber congress senate parliament assembly police guard army navy network times post journal news "
    "press reuters cabinet embassy consulate patrol protection command forces legislature tribunal reserve "
    "treasury cartel exchange alliance caucus society league institution forum".split())

# Words for peoples and regions: the last word of "Central American" or "Latin American", never a surname.
DEMONYMS = frozenset(
    "american americans mexican mexicans canadian canadians colombian colombians brazilian brazilians guatemalan "
    "guatemalans honduran hondurans salvadoran salvadorans venezuelan venezuelans cuban cubans haitian haitians "
    "nicaraguan nicaraguans panamanian chinese japanese korean indian russian ukrainian european europeans "
    "african africans asian asians latin latino latinos latina hispanic hispanics british french german spanish "
    "italian israeli palestinian iranian arab arabs texan texans californian".split())

# Spanish reporting verbs as written in quoted Spanish copy ("«...», dijo Sheinbaum"), accents folded.
SPANISH_REPORTING = frozenset("dijo dice afirmo afirma declaro declara senalo senala aseguro asegura escribio "
                              "escribe anuncio anuncia advirtio advierte explico explica sostuvo sostiene".split())
