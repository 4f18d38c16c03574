"""Why nothing was found, in words: the core gives a reason and its fields, this says it to a person.

The wording names commands the way the reader types them: `/who Sheinbaum` in Discord and the console,
`briefbot who Sheinbaum` in a terminal (Style).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import NotFound
from bot.render.cards import Card, Reply
from bot.render.text import clip, defuse_mentions, plain_query

NOT_FOUND_COLOR = 0xC05621
SUGGESTION_LENGTH = 90


@dataclass(frozen=True)
class Style:
    """How a reader invokes a command: '/' (Discord, the console) or 'briefbot ' (the CLI)."""

    prefix: str = "/"

    def invoke(self, command: str, argument: str = "") -> str:
        return f"{self.prefix}{command} {argument}".strip()


SLASH = Style("/")
TERMINAL = Style("briefbot ")

_EXAMPLES = {  # what to type when nothing was: (command, example)
    "topic": ("brief", "tariffs"),
    "person": ("who", "Sheinbaum"),
    "quote": ("quote", "build bridges"),
    "event": ("when", "25% tariffs"),
    "search": ("search", "tariffs"),
    "article": ("source", "sheinbaum"),
}
_ASK_FOR = {
    "topic": "Name a topic",
    "person": "Name a person",
    "quote": "Type some words of the quote",
    "event": "Name an event",
    "search": "Type something to search for",
    "article": "Name an article (its id or words of its title)",
}
_NO_MATCH = {
    "briefing": "No briefing matches “{q}”.",
    "person": "No one in the people registry matches “{q}”.",
    "claim": "No claim matches “{q}” well enough.",
    "event": "Nothing dated{within} matches “{q}”.",
    "topic": "No topic matches “{q}”.",
    "kind": "No kind of claim matches “{q}”.",
    "article": "No article matches “{q}”.",
}


def not_found_text(answer: NotFound, style: Style = SLASH) -> str:
    """One or two sentences: what was not found and what to try."""
    q = plain_query(answer.query)
    if answer.reason == "empty":
        command, example = _EXAMPLES.get(answer.what, ("help", ""))
        text = f"{_ASK_FOR.get(answer.what, 'Type what to look for')}, for example {style.invoke(command, example)}."
    elif answer.reason == "no_match" and answer.speaker and answer.what == "claim":
        speaker = plain_query(answer.speaker, 60)
        text = (f"No claim by {speaker} matches “{q}” well enough. {style.invoke('who', speaker)} lists everything"
                f" they said.")
    elif answer.reason == "no_match":
        within = f" in {answer.period}" if answer.period else ""
        text = _NO_MATCH.get(answer.what, "Nothing matches “{q}”.").format(q=q, within=within)
    elif answer.reason == "no_holder":
        leader = plain_query(answer.speaker or "that leader", 60)
        text = (f"The people registry knows no one who held the role in “{q}” while {leader} was in office;"
                f" it names only the holders it knows, never a later or earlier one.")
    elif answer.reason == "ambiguous":
        text = f"Several people match “{q}”; name one more precisely."
    elif answer.reason == "bad_date":
        text = f"“{plain_query(answer.query, 40)}” is not a date like 2019, 2019-06 or 2019-06-05."
    elif answer.reason == "reversed":
        start, _, end = answer.query.partition(" ")
        text = f"The dates are reversed: “from” {plain_query(start, 20)} is after “to” {plain_query(end, 20)}."
    elif answer.reason == "excluded":
        text = "No claim passes those filters."
    elif answer.reason == "no_content":
        text = "No briefings are loaded yet."
    else:
        text = f"Nothing found for “{q}”."
    if answer.what in {"briefing", "topic"} and answer.reason in {"empty", "no_match"}:
        text += f" Try {style.invoke('topics')} to see every briefing."
    return text


def not_found_reply(answer: NotFound, style: Style = SLASH) -> Reply:
    description = defuse_mentions(not_found_text(answer, style))
    if answer.suggestions:
        shown = (clip(s, SUGGESTION_LENGTH) for s in answer.suggestions)
        description += "\n\nDid you mean: " + ", ".join(f"**{defuse_mentions(s)}**" for s in shown) + "?"
    return Reply([Card("Nothing found", description, color=NOT_FOUND_COLOR)], ephemeral=True)
