"""Citations read cleanly: one [n] per article behind a point, and a source listed once per claim."""

from __future__ import annotations

import re

from bot.adapters.commands import Commands
from bot.render.answers import source_text


async def test_no_briefing_cites_the_same_source_twice_in_a_row(core):
    commands = Commands(core)
    for topic in await core.topics():
        reply, _ = await commands.brief(topic.slug)
        text = "\n".join(f"{card.description}\n" + "\n".join(f.value for f in card.fields) for card in reply.pages)
        assert not re.search(r"\[(\d+)\]\[\1\]", text), topic.slug


async def test_a_claim_in_two_passages_of_one_article_names_the_article_once(core):
    views = await core.store.claims_by_id(await _all_claim_ids(core))
    twice = [v for v in views if len({r.article_id for r in v.sources}) < len(v.sources)]
    assert twice, "the curated content has claims that appear twice in one article"
    for view in twice:
        line = source_text(view, limit=5)
        titles = [r.title for r in view.sources]
        for title in set(titles):
            assert line.count(f"“{title}”") == 1, (view.claim.id, line)


async def _all_claim_ids(core) -> list[str]:
    return await core.store.read(lambda conn: [r[0] for r in conn.execute("SELECT id FROM claims")])
