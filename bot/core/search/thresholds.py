"""Every score that decides "answer", "did you mean" or "nothing found", in one place (scores are 0-100).

Different things are matched differently, so they have different bars; each has a name that says which.
"""

# Claims (bot.core.search.engine): 75% weighted term coverage + 25% sequence similarity.
CLAIM_ACCEPT = 60.0  # a claim scoring below this is not an answer ...
CLAIM_SUGGEST = 40.0  # ... but may be offered as "did you mean"
# A /search answered with fewer claims than this also lists the closest claims below the bar, apart and marked
# less sure, up to this many claims in all: a question in other words may be answered by a near neighbour of
# what was meant, and the claim meant is often the next one down.
CLOSE_SHOWN = 5
LONG_QUESTION_WORDS = 8  # a question with this many words that are not small words is long: its score is diluted,
LONG_QUESTION_SUGGEST = 25.0  # so its closest claims are offered as "did you mean" from this score
# ... unless it answers a question asked in other words (engine._in_other_words): it holds this many of the
# question's words (in any form or through a synonym) and this share of its weight, scores within this many
# points of the best claim, and the words the index lacks weigh at most this share of the question.
OTHER_WORDS_HELD = 3
OTHER_WORDS_COVER = 0.35
# A question of more words than this (not small words) spreads its weight thin: the share needed falls in
# proportion to its length, to no less than the floor (engine._other_words_cover).
OTHER_WORDS_LONG = 10
OTHER_WORDS_COVER_FLOOR = 0.2
# ... and a claim CLEAR_LEAD points ahead of every other needs no more than this share.
OTHER_WORDS_COVER_LEADING = 0.30
OTHER_WORDS_LEAD = 5.0
OTHER_WORDS_UNKNOWN = 0.30
# ... or it is far ahead of every other claim (engine._clear_lead): at least this many points ahead, scoring at
# least this, and holding the question's heaviest word that is not a name and this share of all such words;
# the words no claim holds, and the names it lacks, weigh at most this share of the question.
CLEAR_LEAD = 8.0
CLEAR_LEAD_FLOOR = 45.0
CLEAR_LEAD_COVER = 0.4
CLEAR_LEAD_UNKNOWN = 0.1
# A claim that lacks a word weighing at least this share of a question made of keywords only (its subject:
# "Canada fentanyl czar", "Pemex deportation flights") is at most a suggestion. Names of people are checked
# apart (a government's claim may speak for its president); a question in sentences is not held to it.
CLAIM_LACKS_SUBJECT = 0.30
# A claim that lacks the names of places and bodies the question writes with a capital ("Honduras", "Ottawa",
# "Texas"), weighing together at least this share of it, is at most a suggestion: a question in other words
# changes the words, not the names. (People are checked apart: a government's claim may speak for them.)
CLAIM_LACKS_PLACE = 0.15

# A year remembered wrong by up to this many years is a slip ("the Supreme Court ... in 2021" for its 2022 ruling);
# a claim said further from every year the question names is of another time (lookups._years_apart, and
# engine._in_other_words for a year written as a word: "her 2021 visit" is not the 2024 criticism of her).
YEARS_MISREMEMBERED = 2

# Names of briefings, topics and articles (rapidfuzz WRatio over their names, exact and prefix raised).
NAME_ACCEPT = 80.0
NAME_SUGGEST = 50.0

# People (bot.core.search.people): aliases and role nouns, typo-tolerant; a wrong speaker is worse than none.
PERSON_ACCEPT = 85.0
PERSON_SUGGEST = 60.0
PERSON_TIE = 3.0  # people within this many points of the best are equally likely

# A /search whose whole query is (nearly) a person's name or a briefing's name also lists that person/briefing.
PERSON_IN_SEARCH = 90.0
BRIEFING_IN_SEARCH = 85.0
