"""The running bot answers from what the store holds now, whoever wrote it: `briefbot import` in another
process must not leave the bot serving a cached answer from before."""

from __future__ import annotations

import json

from bot.core.service import Core
from bot.core.store import Store
from tests.adapters.helpers import answered, ask, text_of

LINE = {"id": "zq-claim", "speaker": "zed-quokkason", "speaker_name": "Zed Quokkason", "kind": "paraphrase",
        "text": "Quokkason said the quokka border crossing at Zanzibar Point is closed.", "said_on": "2024",
        "said_on_basis": "publication", "article": "zq-article", "span": [0, 5]}


async def test_an_import_by_another_process_reaches_a_question_asked_before(briefbot, tmp_path):
    standin, bot = briefbot
    record, _ = await ask(standin, "quote", {"text": "quokka border crossing at Zanzibar Point"})
    assert "Nothing found" in text_of(await answered(record))

    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(LINE) + "\n")
    async with Store(bot.core.store.path) as other:  # a second writer, as `briefbot import` would be
        await Core(other, bot.core.paths).import_claims(source)
    bot.core.lookups.engine._checked = 0.0  # as if the one-second recheck interval had passed

    record, _ = await ask(standin, "quote", {"text": "quokka border crossing at Zanzibar Point"})
    assert "Zed Quokkason" in text_of(await answered(record))
    standin.assert_clean()
