"""Text to search terms: accents and case folded, figures normalised, typo keys for fuzzy lookup.

The same functions build the index and read the query, so "López" and "Lopez", "76%" and "76 percent",
"$800 billion" and "800 billion dollars" end up as the same terms on both sides. Terms are plain
alphanumeric words, so SQLite's FTS5 tokenizer keeps them exactly as made here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import OSA

from bot.core.analysis.fold import FOLD_TABLE

MAX_QUERY_CHARS = 1000  # longer input is cut (a quote is rarely longer; 5,000 characters must still answer)
FUZZY_MIN = 4  # words shorter than this are never typo-expanded

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]")
_THOUSANDS = re.compile(r"(?<=\d)[,\u00a0\u202f](?=\d{3}(?!\d))")
_INITIALS = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_WORD = re.compile(r"[^\W_]+(?:(?<=\d)\.\d+)?")
_DIGIT = re.compile(r"\d")
_SPELLED_HINT = re.compile(r"(?i)%|percent|per cent|pct|thousand|million|billion|trillion|dollar|peso")

# Spanish small words (a question may be asked in Spanish: the glossary reads its other words in English)
SPANISH_STOPWORDS = frozenset(
    """el la los las de del y o ni al que en un una
    por para con como se es fue fueron su sus muy cuanto cuantos cuanta cuantas cual cuales quien quienes donde cuando
    durante segun sobre entre pero porque este esta estos estas ese eso esos esas tambien hasta desde hacia
    va iba tras lo necesito quiero saber tengo tiene tienen tenemos aqui ahi alla alli
    te algo ha han habia habian hubo les le mi mis tu queria querian quisiera
    ya ser si hay otro otra otros otras dame buscame pa""".split()
)
STOPWORDS = SPANISH_STOPWORDS | frozenset(
    """a about above after again against all also am an and any are as at be been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its itself just me more most my no nor not of off on once only or other our out
    over own same she should so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    said says say saying told tell did didnt does quote quoted claim claims statement statements event happened happen
    comment comments commented commenting remark remarks remarked mention mentions mentioned
    eg ie etc aka cf viz please kindly thanks thank thx v vs versus
    btw tbh imo imho idk iirc afaik afaict fwiw fyi ngl jk omg lol lmao smh tldr nvm np tysm asap
    many much several hundreds thousands dozens tens millions whether ever really actually still yet
    dont doesnt isnt arent wasnt werent hasnt havent hadnt wont wouldnt cant cannot couldnt shouldnt
    whats thats hows whos wheres whens whys theres thered therell itd itll thatd thatll theyd theyll theyre theyve
    youd youll youre youve im ive hed hes shes weve wholl whod whatd whered wouldve couldve shouldve mightve""".split()
)

# --- figures: "76%", "76 percent", "$100 million", "100 million dollars", "1,785", "3.5 million" ----------------

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "millones": 1e6,
    "mil": 1e3,
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CURRENCY = re.compile(r"(?:us\$|\$|usd ?|us dollars? ?)$")
_AFTER = re.compile(
    r"(?: ?-? ?(?P<scale>thousand|millions?|billions?|trillion|millones|mil|mln|mn|bn|tn|k|m|b)\b)?"
    r"(?: ?(?P<unit>%|percent\b|per ?cent\b|pct\b|percentage points?\b|dollars?\b|usd\b|pesos?\b))?"
)


@dataclass(frozen=True)
class Figure:
    """One number as written, and the terms it is indexed under."""

    start: int
    end: int
    terms: tuple[str, ...]


def _number_term(value: float) -> str:
    """12 -> '12'; 2.5 -> '2p5'; 3500000.0 -> '3500000' (terms stay alphanumeric)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", "p")


def figures(folded: str) -> list[Figure]:
    """Numbers with their scale and unit in folded text: '$800 billion' -> usd800000000000 and 800000000000."""
    found: list[Figure] = []
    for number in _NUMBER.finditer(folded):
        start, num = number.start(), number.group()
        if start and (folded[start - 1].isalnum() or folded[start - 1] == "."):
            continue  # part of a word or of a longer number ("covid19", "v1.2")
        currency = _CURRENCY.search(folded, max(0, start - 11), start)
        after = _AFTER.match(folded, number.end())
        scale, unit = after["scale"], after["unit"] or ""
        cur = currency is not None
        if not (scale or unit or cur) and "." not in num:
            continue  # a bare integer is already a term of its own
        money = cur or unit.startswith(("dollar", "usd"))
        if scale in {"m", "b", "k"} and not money and not folded.startswith(scale, number.end()):
            scale = None  # "5 m" (metres?) or "k" apart, without money: don't guess; "140k" and "3.5m" are written so
        term = _number_term(float(num) * (_SCALES[scale] if scale else 1))
        if unit.startswith("percentage"):
            terms = [f"{term}pts"]
        elif unit.startswith(("%", "percent", "per", "pct")):
            terms = [f"{term}pct"]
        elif money:
            terms = [f"usd{term}", term]
        elif unit.startswith("peso"):
            terms = [f"mxn{term}", term]
        else:
            terms = [term]
        end = after.end() if (scale or unit) else number.end()
        found.append(Figure(currency.start() if currency else start, end, tuple(terms)))
    return found


# --- numbers written as words, before a unit or scale: "seventy-six percent" is 76%, "two million" 2000000 -------

_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEENS = {w: i + 10 for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen"
                                           " nineteen".split())}
_TENS = {w: (i + 2) * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_BELOW_100 = (rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_ONES)}))?|(?:{'|'.join(_TEENS)})"
              rf"|(?:{'|'.join(_ONES)}))")
_SPELLED = re.compile(
    # "a hundred million", "a billion dollars" (not "a million" alone: "a million reasons")
    rf"\b((?:{_BELOW_100}|a(?= hundred\b| (?:thousand|million|billion|trillion) (?:dollars?|pesos?)\b))"
    rf"(?: hundred(?:(?: and)? {_BELOW_100})?)?)"
    r"(?=[ -]?(?:%|(?:percent|per cent|pct|thousand|million|billion|trillion|dollars?|pesos?)\b))",
    re.IGNORECASE,
)


# Fractions of a scale: "a quarter of a million" and "a quarter million" are 250000, "half a billion" 500000000.
_FRACTION = re.compile(r"\b(?:(?:a|one) )?(quarter|half|three[- ]quarters?)(?:(?: of)? an?)? (thousand|million|billion|trillion)\b",
                       re.IGNORECASE)
_FRACTIONS = {"quarter": "0.25", "half": "0.5"}


def _fraction(match: re.Match[str]) -> str:
    return f"{_FRACTIONS.get(match.group(1).lower(), '0.75')} {match.group(2)}"


def _spelled_value(phrase: str) -> str:
    """'seventy-six' -> '76'; 'three hundred and fifty' -> '350'; 'a hundred' -> '100' (a match of _SPELLED)."""
    total = current = 0
    for word in re.split(r"[- ]+", phrase.lower()):
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "a":  # "a hundred million", "a million dollars"
            current += 1
        elif word != "and":
            current += _ONES.get(word, 0) + _TEENS.get(word, 0) + _TENS.get(word, 0)
    return str(total + current)


# "w/o" is "without" as typed on a phone (its "o" alone would be the Spanish "or", a small word).
_WITHOUT = re.compile(r"(?i)\bw/o\b")
# "post-election" is "after the election" (alone, "post" is a message posted).
_POST = re.compile(r"(?i)\bpost-(?=[a-z])")


def prepare(text: str) -> str:
    """Raw text made comparable before folding: no control characters, thousands separators, initials,
    numbers before a unit or scale as digits."""
    text = _CONTROL.sub(" ", text)
    if "/" in text:
        text = _WITHOUT.sub("without", text)
    if "post" in text or "Post" in text:
        text = _POST.sub("after ", text)
    if _SPELLED_HINT.search(text):
        text = _FRACTION.sub(_fraction, text)
        text = _SPELLED.sub(lambda m: _spelled_value(m.group(1)), text)
    if "," in text or "\u00a0" in text or "\u202f" in text:
        text = _THOUSANDS.sub("", text)
    if "." in text:
        text = _INITIALS.sub(lambda m: m.group(1).replace(".", "") + " ", text)
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub("", text)
    return text


_FOLD = FOLD_TABLE


def words(text: str) -> list[str]:
    """Folded words of already-prepared text (as analysis.fold folds them); '63.7' stays one term ('63p7')."""
    return _words_of_folded(text.translate(_FOLD))


def _words_of_folded(folded: str) -> list[str]:
    return [w.replace(".", "p") if "." in w else w for w in _WORD.findall(folded)]


def terms(text: str) -> list[str]:
    """Every term a text is indexed under: its words plus its normalised figures."""
    folded = prepare(text).translate(_FOLD)
    out = _words_of_folded(folded)
    if _DIGIT.search(folded):
        for figure in figures(folded):
            out.extend(figure.terms)
    return out


@dataclass(frozen=True)
class QueryTerm:
    """One thing the user asked for: a word, or a figure that any of `alternatives` satisfies."""

    text: str  # as typed (folded)
    alternatives: tuple[str, ...]
    figure: bool = False
    stop: bool = False
    proportion: bool = False  # a share in words ("eight in ten") or hedged ("almost 60%"): about that percentage
    approximate: bool = False  # a hedged number ("around 400", "some 3 million"): a claim's figure near it holds it


# Shares written in words, which reporters use for percentages: "eight in ten", "one out of every five", "two
# thirds of", "four-fifths as many", "three-quarters". Each stands for a percentage, approximately ("nearly six
# in ten" for 58.2%). A bare "a third" is not one ("a third country"): a fraction is followed by "of" or "as",
# or hyphenated.
_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
          "tenth": 10, "tenths": 10}
_COUNT = r"(?:one|two|three|four|five|six|seven|eight|nine|\d{1,2})"
_PROPORTION = re.compile(
    rf"\b(?:(?P<n>{_COUNT}) (?:in|out of) (?:every )?(?P<d>two|three|four|five|six|seven|eight|nine|ten|\d{{1,3}})\b"
    rf"|(?:(?P<fn>a|one|two|three|four)(?P<sep>[- ]))?(?P<f>halves|half|thirds?|quarters?|fifths?|tenths?)\b"
    rf"(?P<tail>(?= (?:of|as)\b))?)"
)


_HEDGES = (r"\b(?:almost|nearly|about|around|roughly|some|approximately|close to|over|more than|under|less than"
           r"|just over|just under|up to|something like|somewhere around|in the region of|upwards of|north of|like)\s+")
_HEDGE = re.compile(_HEDGES + "$")  # before a figure: "almost 60%"
HEDGE_REACH = 20  # characters before a figure a hedge may start in ("in the region of ")
_HEDGED_NUMBER = re.compile(_HEDGES + r"(\d+)\b(?![.,]\d)")  # a bare number: "around 400"
_BY = re.compile(r"\bby $")  # "cut by a fifth", "rose by a quarter": a share of what it was ...
_NOUN_AFTER = re.compile(r" (?:country|countries|party|parties|person|option|way|world)\b")  # ... not "by a third country"
_HALF_OF_TIME = re.compile(r"\b(?:first|second|last|latter|former|other|back|front|top|bottom) $")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL.get(word, 1 if word in ("a", "one") else 0)


def proportions(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, percentage term) for each share written in words in folded text."""
    found = []
    for match in _PROPORTION.finditer(folded):
        if match["n"]:
            share, whole = _count(match["n"]), _count(match["d"])
        else:
            if match["sep"] != "-" and match["tail"] is None and not (
                    _BY.search(folded, 0, match.start()) and not _NOUN_AFTER.match(folded, match.end())):
                continue  # "a third country", "one half": not a share of something ("cut by a fifth" is)
            if not match["fn"] and (match["f"] != "half" or _HALF_OF_TIME.search(folded, 0, match.start())):
                continue  # "thirds of", "quarters as": no count; "the first half of 2019" is a time
            share, whole = _count(match["fn"] or "one"), _PARTS[match["f"]]
        if 0 < share < whole <= 100:
            found.append((match.start(), match.end(), f"{round(100 * share / whole)}pct"))
    return found


# Newsroom shorthand a question may use for a word claims write out ("Sheinbaum 1st call w/ Trump", "MX envoy").
# A role's word cut short on a phone, read so only beside the word that makes it a role ("foreign min", "dhs sec",
# "sec of state"; not "min wage"): (word before, word) -> the word; (word, word after) -> the word.
_ROLE_AFTER = {
    **{(before, "min"): "minister" for before in ("foreign", "interior", "economy", "finance", "prime", "defense")},
    **{(before, "sec"): "secretary" for before in ("dhs", "homeland", "foreign", "interior", "state", "defense")},
}
_ROLE_BEFORE = {("sec", "of"): "secretary"}
SHORTHAND_PATH = Path(__file__).with_name("shorthand.txt")


def _shorthand() -> dict[str, str]:
    """shorthand.txt: typed form -> the words it stands for ("potus" -> "president", "xings" -> "crossings")."""
    out: dict[str, str] = {}
    try:
        lines = SHORTHAND_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out  # a trimmed install: shorthand is read as typed
    for line in lines:
        typed, bar, meant = line.partition("|")
        if bar and not line.startswith("#"):
            out[typed.strip()] = " ".join(meant.split())
    return out


SHORTHAND = _shorthand()


# Search-engine operators typed out of habit ("tariffs AND Trump", NEAR(a b)): syntax, not words to look for.
# Only in capitals: "near the border" keeps its "near".
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT|NEAR)\b")


# A fiscal or calendar year as budget offices write it ("FY2024", "FY24", "CY 2023"): the year, to date the
# question like any year it names.
_FISCAL_YEAR = re.compile(r"\b(?:FY|CY|fy|cy)\s?['\u2019]?((?:19|20)\d{2}|\d{2})\b")


def _full_year(digits: str) -> str:
    return digits if len(digits) == 4 else f"20{digits}"


# "the States", written with its capital, is the United States in everyday speech ("Mexicans living in the
# States"); "the states of Chiapas and Oaxaca" are Mexico's.
_THE_STATES = re.compile(r"\bthe States\b(?!\s+of\b)")


# A hashtag's or a handle's words ("#RemainInMexico", "@SecBlinken"): split where a capital follows a small letter.
_HASHTAG = re.compile(r"(?<!\w)[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _hashtags(text: str) -> str:
    return _HASHTAG.sub(lambda tag: _CAMEL.sub(" ", tag.group(1)), text) if "#" in text or "@" in text else text


def query_terms(text: str, max_terms: int = 64) -> list[QueryTerm]:
    """The query as a list of terms; a figure replaces the words it was written with ("76 percent")."""
    written = _THE_STATES.sub("the US", _OPERATORS.sub(" ", _hashtags(text[:MAX_QUERY_CHARS])))
    written = _FISCAL_YEAR.sub(lambda found: _full_year(found.group(1)), written)
    folded = prepare(written).translate(_FOLD)
    out: list[QueryTerm] = []
    seen: set[str] = set()
    cursor = 0
    spans = figures(folded) if _DIGIT.search(folded) else []
    shares = proportions(folded)
    if shares:  # a share written in words is a figure too, unless a written figure overlaps it ...
        # ... from before it: in "four out of every five dollars" the dollars are the share's, not a sum of $5
        spans = [f for f in spans if not any(start < f.start < end for start, end, _ in shares)]
        spans += [Figure(start, end, (term,)) for start, end, term in shares
                  if not any(f.start < end and start < f.end for f in spans)]
        spans.sort(key=lambda f: f.start)
    words_share = {(start, end) for start, end, _ in shares}
    # A hedged percentage ("almost 60 percent", "about 80%") is a share too: the claim may say 58.2%.
    words_share |= {(f.start, f.end) for f in spans if f.terms[0].endswith("pct")
                    and _HEDGE.search(folded, max(0, f.start - HEDGE_REACH), f.start)}
    hedged = {m.group(1) for m in _HEDGED_NUMBER.finditer(folded)}  # "around 400": a bare number, held as a word
    for figure in [*spans, None]:
        end = figure.start if figure else len(folded)
        run = _words_of_folded(folded[cursor:end])
        for at, typed in enumerate(run):
            typed = _ROLE_AFTER.get((run[at - 1] if at else "", typed), typed)  # "foreign min": minister
            typed = _ROLE_BEFORE.get((typed, run[at + 1] if at + 1 < len(run) else ""), typed)  # "sec of state"
            for word in SHORTHAND.get(typed, typed).split():  # "vp": vice president
                if word not in seen:
                    seen.add(word)
                    out.append(QueryTerm(word, (word,), stop=word in STOPWORDS, approximate=word in hedged))
        if figure:
            key = figure.terms[0]
            if key not in seen:
                seen.add(key)
                hedge = _HEDGE.search(folded, max(0, figure.start - HEDGE_REACH), figure.start)
                out.append(QueryTerm(" ".join(folded[figure.start:figure.end].split()), figure.terms, figure=True,
                                     proportion=(figure.start, figure.end) in words_share, approximate=bool(hedge)))
            cursor = figure.end
    return out[:max_terms]


# --- typo keys: symmetric deletion (a term and the query word meet when one deletion each makes them equal)


def fuzzy_candidate(term: str) -> bool:
    return len(term) >= FUZZY_MIN and term.isalpha() and term.isascii()


def deletion_keys(term: str) -> set[str]:
    """The term and every string one deletion away from it."""
    return {term, *(term[:i] + term[i + 1 :] for i in range(len(term)))}


def max_typos(term: str) -> int:
    return 1 if len(term) < 8 else 2


_DOUBLED = re.compile(r"(.)\1+")


def undoubled(word: str) -> str:
    """The word with every run of one letter written once: "tarrif" and "tariff" are both "tarif"."""
    return _DOUBLED.sub(r"\1", word)


def slip_distance(typed: str, known: str, limit: int) -> int:
    """How many slips part a typed word from a known one (limit + 1 when more than limit). A doubled letter
    written on the wrong letter ("tarrif", "harrass", "embarassed", "ocurred") is one slip, the commonest
    misspelling there is, though it takes two edits."""
    distance = OSA.distance(typed, known, score_cutoff=limit)
    if distance > 1 and undoubled(typed) == undoubled(known):
        return 1
    return distance
