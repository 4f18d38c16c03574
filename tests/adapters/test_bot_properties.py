"""Whatever anyone types into any option, the bot answers in time, within Discord's limits, pinging nobody.

The stand-in rejects what Discord would reject (limits, late or missing responses): `assert_clean` after
every example turns any such breach into a failure.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.adapters.helpers import answered, assert_never_pings, assert_no_raw_pings, complete
from tests.discord_standin import payloads

# (command, option, the other options it needs): every free-text option a user can fill.
TEXT_OPTIONS = [
    ("brief", "topic", {}), ("who", "person", {}), ("quote", "text", {}), ("when", "event", {}),
    ("search", "query", {}), ("search", "speaker", {"query": "tariffs"}), ("search", "topic", {"query": "tariffs"}),
    ("search", "from", {"query": "tariffs"}), ("search", "to", {"query": "tariffs"}), ("source", "article", {}),
]
AUTOCOMPLETED = [("brief", "topic", {}), ("who", "person", {}), ("source", "article", {}),
                 ("search", "speaker", {"query": "x"}), ("search", "topic", {"query": "x"})]
HOSTILE = [
    "", " ", "x" * 5000, "tariffs " * 700, "🇲🇽🇺🇸 🤠" * 300, "\x00\x01\x1b[31m\u202e\ufeff", "\n\n\t",
    'NEAR(tariffs "build") OR * AND -border^2 "unterminated', "'; DROP TABLE claims; --", "%_%' OR 1=1 --",
    "@everyone @here <@123456789012345678> <@&1> <#2>", "**__~~`||markdown||`~~__**", "\\" * 100,
    "Ⅻ ﬁ ß İ ǅ", "a" * 101, "2019-13-45", "0000", "-1",
]
# Text as people (and scripts) really type it: any printable or control character, emoji, RTL marks...
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1000, max_size=5000),
    st.sampled_from(HOSTILE),
)
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


async def check_answer(standin, command: str, options: dict) -> None:
    record = await standin.send_interaction(payloads.slash_command(command, options), require_synced=True)
    response = await record.wait_response()
    assert response.type in (4, 5)
    message = await answered(record)
    assert message["embeds"] or message["content"]
    assert_no_raw_pings(message)
    standin.assert_clean()


@pytest.mark.parametrize(("command", "option", "others"), TEXT_OPTIONS, ids=lambda v: v if isinstance(v, str) else "")
async def test_hostile_text_in_every_option(briefbot, command, option, others):
    standin, _ = briefbot
    for text in HOSTILE:
        await check_answer(standin, command, {**others, option: text})
    assert max(standin.response_latencies) < 1.5
    assert_never_pings(standin)


@pytest.mark.parametrize(("command", "option", "others"), TEXT_OPTIONS, ids=lambda v: v if isinstance(v, str) else "")
@PROPERTY
@given(text=TEXT)
async def test_any_text_in_any_option_gets_a_valid_answer(briefbot, command, option, others, text):
    standin, _ = briefbot
    await check_answer(standin, command, {**others, option: text})


@pytest.mark.parametrize(("command", "option", "others"), AUTOCOMPLETED, ids=lambda v: v if isinstance(v, str) else "")
@PROPERTY
@given(text=TEXT)
async def test_any_text_typed_gets_valid_autocomplete(briefbot, command, option, others, text):
    standin, _ = briefbot
    choices = await complete(standin, command, {**others, option: text}, focused=option)
    assert len(choices) <= 25
    assert all(1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100 for c in choices)
    standin.assert_clean()


@PROPERTY
@given(kind=st.sampled_from(["direct_quote", "paraphrase", "statistic", "action"]), query=TEXT,
       speaker=st.one_of(st.none(), TEXT), date_from=st.one_of(st.none(), st.sampled_from(["2019", "2024-11", "x"])))
async def test_search_with_any_mix_of_filters(briefbot, kind, query, speaker, date_from):
    standin, _ = briefbot
    options = {"query": query, "kind": kind}
    if speaker is not None:
        options["speaker"] = speaker
    if date_from is not None:
        options["from"] = date_from
    await check_answer(standin, "search", options)
