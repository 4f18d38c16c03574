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
    "refer voice publish"
).split()

# Multi-word ways of saying something, each a regular expression over lowercased text: "raised concerns
# about", "made it clear that", "put forward", "issued a statement".
REPORTING_PHRASES = (
    r"rais(?:e|es|ed|ing) (?:\w+ )?(?:concerns?|questions?|objections?|doubts?|the (?:issue|possibility|idea))",
    r"ma(?:ke|kes|de|king) (?:it )?(?:clear|known|public)",
    r"put(?:s|ting)? forward",
    r"issu(?:e|es|ed|ing) (?:a |an )?(?:\w+ )?(?:statement|warning|message|communique|ultimatum|call)",
    r"(?:went|go|goes|going) on to say",
    r"(?:took|take|takes|taking) (?:the|a) (?:\w+ )?(?:position|stance|view)",
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
    "intensify strengthen enforce secure invite host declare"
).split()

# Nouns of saying: "Trump's threat of tariffs" is Trump's statement, whoever the sentence is about.
REPORTING_NOUNS = (
    "threat threats promise promises pledge pledges warning warnings demand demands remarks statement "
    "statements proposal proposals announcement call calls accusation accusations vow vows insistence "
    "criticism rhetoric claim claims comments message"
).split()

IRREGULAR_PAST = {
    "say": "said", "tell": "told", "write": "wrote", "find": "found", "send": "sent", "build": "built",
    "cut": "cut", "meet": "met", "withdraw": "withdrew", "freeze": "froze", "hold": "held", "lead": "led",
    "take": "took", "give": "gave", "make": "made", "speak": "spoke", "set": "set", "begin": "began",
    "put": "put", "keep": "kept", "dispatch": "dispatched",
}
IRREGULAR_PARTICIPLE = {"write": "written", "withdraw": "withdrawn", "freeze": "frozen", "speak": "spoken",
                        "take": "taken", "give": "given", "begin": "begun"}
DOUBLING = {"ban": "bann", "stop": "stopp", "admit": "admitt", "refer": "referr", "plan": "plann"}

ACCORDING = ("according to", "as reported by", "citing", "in the words of")

# Words that, right before a verb's participle, make it passive: no agent unless "by X" follows.
PASSIVE_AUX = frozenset("was were been be being is are get got".split())
AUXILIARY = frozenset(
    "has have had also already once again later then reportedly repeatedly publicly previously recently "
    "quickly immediately will would could should may might can did does do not never just still even "
    "swiftly formally officially firmly strongly further had since now so far thus therefore again first "
    "subsequently eventually finally".split()
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
