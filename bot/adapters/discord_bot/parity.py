"""Discord answers with the console's own handlers, so both say exactly the same thing."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Hashable

import discord

from bot.adapters.commands import COMMANDS
from bot.adapters.discord_bot.answer_cache import AnswerCache
from bot.adapters.discord_bot.respond import answer, prepared
from bot.core.service import Briefbot
from bot.render.cards import Reply

log = logging.getLogger(__name__)


async def console_reply(core: Briefbot, command: str, text: str = "") -> Reply:
    """The Reply the console prints for `/command text` (its plain data is for the CLI's --json)."""
    reply, _ = await COMMANDS[command].handler(core, text)
    return reply


def console_key(command: str, text: str) -> Hashable:
    return (command, text)


async def answer_like_console(interaction: discord.Interaction, core: Briefbot, command: str, text: str = "") -> None:
    """Answer `/command text` as the console would; the same question gets the cached answer."""
    await answer(interaction, lambda: console_reply(core, command, text), key=console_key(command, text))


async def warm_up(core: Briefbot, answers: AnswerCache) -> int:
    """Answer, ahead of anyone asking, what autocomplete offers: every briefing, person and article as
    picked from the list (most questions arrive that way). This also builds the core's search indexes,
    so the first burst after a start or a reload does not pay for them."""
    started = time.perf_counter()
    try:
        questions = [("topics", "")]
        questions += [("brief", match.slug) for match in await core.suggest_topics("", 1000)]
        questions += [("who", person_id) for person_id, _ in await core.suggest_people("", 1000)]
        questions += [("source", article_id) for article_id, _ in await core.suggest_articles("", 1000)]
        for command, text in questions:
            key = console_key(command, text)
            if answers.peek(key) is None:
                # shielded: if the warm-up is cancelled, someone may be waiting for this very answer
                await asyncio.shield(answers.compute(key, prepared(lambda c=command, t=text: console_reply(core, c, t))))
    except Exception:  # an optimisation only: questions are still answered when asked
        log.exception("warming up the answers failed")
        return 0
    log.info("answered %d questions ahead in %.2f s", len(questions), time.perf_counter() - started)
    return len(questions)
