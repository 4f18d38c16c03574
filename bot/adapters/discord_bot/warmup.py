"""Answer ahead what autocomplete offers, so the first burst after a start or a reload is served at once."""

from __future__ import annotations

import asyncio
import logging
import time
from functools import partial

from bot.adapters.commands import Commands
from bot.adapters.discord_bot.answer_cache import AnswerCache
from bot.adapters.discord_bot.dispatch import reply_of
from bot.adapters.discord_bot.respond import prepared
from bot.adapters.lookup_process import asked_ahead

log = logging.getLogger(__name__)


async def warm_up(commands: Commands, answers: AnswerCache) -> int:
    """Every briefing, person and article as picked from the autocomplete list (most questions arrive that
    way), under the keys the cogs use. Answered in this process (the lookup process may still be starting); this
    also builds the core's search indexes."""
    started = time.perf_counter()
    core = commands.core
    try:
        questions = await asked_ahead(core)
        for lookup in questions:
            if answers.peek(lookup) is None:
                # shielded: if the warm-up is cancelled, someone may be waiting for this very answer
                await asyncio.shield(answers.compute(lookup, prepared(reply_of(partial(lookup.run, commands)))))
    except Exception:  # an optimisation only: questions are still answered when asked
        log.exception("warming up the answers failed")
        return 0
    log.info("answered %d questions ahead in %.2f s", len(questions), time.perf_counter() - started)
    return len(questions)
