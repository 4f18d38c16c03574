"""Other forms of an English word, without a dictionary: endings added, removed or swapped, and the irregular
verbs a news question uses ("sent" for send, "fled" for flee, "shut"/"shutting").

The forms are only guesses: the engine keeps those the index holds, so "clos" or "bord" cost nothing.
"""

from __future__ import annotations

from functools import lru_cache

SUFFIXES = ("s", "es", "d", "ed", "ing", "n", "en", "ens", "ened", "ening")
_VOWELS = frozenset("aeiou")

# Irregular verbs of news prose: lemma -> its other forms. Left out on purpose: forms that are common words of
# their own (left, found, bound, saw, wound, fed, lay, bore, stuck), so "the left" never means "leave".
IRREGULAR: dict[str, tuple[str, ...]] = {
    "arise": ("arose", "arisen"), "become": ("became",), "begin": ("began", "begun"),
    "break": ("broke", "broken"), "bring": ("brought",), "build": ("built",), "buy": ("bought",),
    "catch": ("caught",), "choose": ("chose", "chosen"), "come": ("came",), "deal": ("dealt",),
    "draw": ("drew", "drawn"), "drive": ("drove", "driven"), "fall": ("fell", "fallen"), "feel": ("felt",),
    "fight": ("fought",), "flee": ("fled",), "fly": ("flew", "flown", "flies"), "forbid": ("forbade", "forbidden"),
    "freeze": ("froze", "frozen"), "get": ("got", "gotten"), "give": ("gave", "given"), "go": ("went", "gone"),
    "grow": ("grew", "grown"), "hide": ("hid", "hidden"), "hold": ("held",), "keep": ("kept",),
    "know": ("knew", "known"), "lead": ("led",), "lend": ("lent",), "lose": ("lost",), "make": ("made",),
    "mean": ("meant",), "meet": ("met",), "mislead": ("misled",), "overcome": ("overcame",),
    "oversee": ("oversaw", "overseen"), "pay": ("paid",), "rise": ("rose", "risen"), "run": ("ran",),
    "seek": ("sought",), "sell": ("sold",), "send": ("sent",), "shake": ("shook", "shaken"),
    "shoot": ("shot",), "show": ("shown",), "sink": ("sank", "sunk"), "speak": ("spoke", "spoken"),
    "spend": ("spent",), "stand": ("stood",), "steal": ("stole", "stolen"), "strike": ("struck", "stricken"),
    "swear": ("swore", "sworn"), "take": ("took", "taken"), "teach": ("taught",), "tell": ("told",),
    "think": ("thought",), "throw": ("threw", "thrown"), "undergo": ("underwent", "undergone"),
    "understand": ("understood",), "undertake": ("undertook", "undertaken"), "uphold": ("upheld",),
    "win": ("won",), "withdraw": ("withdrew", "withdrawn"), "withhold": ("withheld",),
    "write": ("wrote", "written"), "child": ("children",), "crisis": ("crises",), "analysis": ("analyses",),
}
_LEMMA = {form: lemma for lemma, forms in IRREGULAR.items() for form in forms}


def _doubles(stem: str) -> bool:
    """Whether a short verb doubles its last consonant before -ed and -ing (one vowel between consonants:
    "ban" -> "banned"): then "cared" or "timed" cannot be "car" or "tim", only "care" and "time"."""
    return (len(stem) == 3 and stem[0] not in _VOWELS and stem[1] in _VOWELS
            and stem[2] not in _VOWELS and stem[2] not in "wxy")


def stems(word: str, shortest: int) -> set[str]:
    """The word without each ending it may carry ("threatened" -> "threaten", "threat")."""
    return {word[: -len(end)] for end in SUFFIXES if word.endswith(end) and len(word) - len(end) >= shortest}


@lru_cache(maxsize=8192)
def bases(word: str, shortest: int = 4) -> frozenset[str]:
    """What the word may be a form of: itself, without an ending, with the e or y an ending took
    ("closing" -> close, "levies" -> levy), with a doubled consonant undone ("labelled" -> label), the other
    of -ize/-ise, the lemma of an irregular form ("sent" -> send). An irregular form is read as its lemma only:
    "flown" is fly, not flow."""
    if word in _LEMMA:
        return frozenset({word, _LEMMA[word]})
    out = {word}
    for end in SUFFIXES:
        if word.endswith(end) and len(word) - len(end) >= shortest:
            stem = word[: -len(end)]
            out.add(stem)
            if end in ("ed", "ing", "es"):
                out.add(stem + "e")
                if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                    out.add(stem[:-1])
        elif end in ("ed", "ing", "es") and word.endswith(end) and len(word) - len(end) == shortest - 1 == 3:
            stem = word[: -len(end)]
            out.add(stem + "e")  # a short verb's e, taken by its ending: living -> live
            if not _doubles(stem):  # ... or none: a verb of three letters that would not double its last
                out.add(stem)  # consonant ("ending" -> end, "asked" -> ask, "aimed" -> aim, "fixed" -> fix)
    if len(word) > 4 and word.endswith(("ies", "ied")):
        out.add(word[:-3] + "y")
    if len(word) == 5 and word.endswith(("uses", "xes", "zes")):
        # A short noun's plural after a hiss: buses -> bus, taxes -> tax, boxes -> box (not "loses" -> los, as in
        # Los Angeles: most such plurals of -s are of a word in -se, cases, roses).
        out.add(word[:-2])
    for base in list(out):
        out |= _spellings(base)
    return frozenset(out)


# -ing forms that are words of their own in news copy, prepositions ("according to", "including"): a question
# asking about an accord or what was included does not mean them.
PREPOSITIONS = frozenset("according concerning regarding including excluding pending barring".split())


@lru_cache(maxsize=8192)
def forms(base: str) -> frozenset[str]:
    """The forms a base word may take: with each ending, with an e or y changed, with its last consonant
    doubled (shut -> shutting), the -ize/-ise twin, and an irregular verb's forms."""
    out = {base, *(base + end for end in SUFFIXES)}
    if base.endswith("e") and len(base) >= 4:
        out |= {base[:-1] + "ing", base[:-1] + "ed"}
    if len(base) >= 4 and base.endswith("y") and base[-2] not in _VOWELS:
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if len(base) >= 3 and base[-1] not in _VOWELS and base[-1] not in "wxy" and base[-2] in _VOWELS \
            and base[-3] not in _VOWELS:
        out |= {base + base[-1] + "ed", base + base[-1] + "ing", base + base[-1] + "er", base + base[-1] + "ers"}
    for spelled in _spellings(base):
        out |= {spelled, *(spelled + end for end in SUFFIXES)}
    out.update(IRREGULAR.get(base, ()))
    return frozenset(out - (PREPOSITIONS - {base}))


def inflections(word: str) -> set[str]:
    """Other forms of a word: with an ending, without one, or with another (threaten, threatened, threatens)."""
    return {form for base in bases(word) for form in forms(base)} - {word}


# Endings that make a noun of a verb (deport -> deportation, deportee; enforce -> enforcement): a looser kin
# than an inflection, so the engine counts these below the word's own forms.
_DERIVING = ("ation", "ations", "ion", "ions", "ment", "ments", "ee", "ees")


@lru_cache(maxsize=8192)
def derivations(word: str) -> frozenset[str]:
    """Nouns made from the word's verb and the verb of a noun ("returned" -> returnee, returnees, return;
    "deportation" -> deport, deported, deportee), not counting the word's own inflections."""
    verbs = set(bases(word))
    for end in _DERIVING:
        if word.endswith(end) and len(word) - len(end) >= 4:
            stem = word[: -len(end)]
            verbs |= {stem, stem + "e"}
            if end.startswith("ion") and stem.endswith("t"):
                verbs.add(stem[:-1] + "e")  # "completion" -> complete (via complet), "execution" -> execute
    out: set[str] = set()
    for verb in verbs:
        root = verb[:-1] if verb.endswith("e") else verb
        if len(root) >= 4:
            out |= {root + end for end in _DERIVING}
        out |= {f for base in bases(verb) for f in forms(base)}
    out |= _adverb_and_adjective(word)
    return frozenset(out - inflections(word) - {word})


def _adverb_and_adjective(word: str) -> set[str]:
    """"economically" -> economic, "heavily" -> heavy, "sharply" -> sharp; and back ("economic" ->
    economically, "sharp" -> sharply): a question says how, a claim says what ("hit economically" is "an
    economic hit")."""
    if len(word) < 6 or not word.isalpha():
        return set()
    if word.endswith("ically"):
        return {word[:-4]}
    if word.endswith("ily"):
        return {word[:-3] + "y"}
    if word.endswith("ly"):
        return {word[:-2]}
    if word.endswith("ic"):
        return {word + "ally"}
    return {word[:-1] + "ily"} if word.endswith("y") else {word + "ly"}


def _spellings(word: str) -> set[str]:
    """The -ize/-ise twin of a word (organize, organise, organization, organisation)."""
    for a, b in (("iz", "is"), ("is", "iz")):
        for end in ("e", "ed", "es", "ing", "ation", "ations"):
            if word.endswith(a + end) and len(word) > len(a + end) + 3:
                return {word[: -len(a + end)] + b + end}
    return set()
