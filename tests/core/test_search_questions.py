"""Questions typed the way users ask them in chat, with question words and other word forms."""

import pytest

from bot.core.search.results import SearchAnswer


@pytest.mark.parametrize(
    ("ask", "question", "expected"),
    [
        # (trump-25-percent-tariff-threat is that threat's day, but neither it nor its passage says 25%)
        ("when", "when did Trump threaten 25% tariffs?", "trump-floats-25-percent-tariff-mexican-exports"),
        ("when", "Trump threatened tariffs on Colombia", "trump-threatens-colombia-tariffs"),
        ("quote", "who said build bridges?", "sheinbaum-build-bridges"),
        ("quote", "who said keep a cool head", "sheinbaum-keep-cool-head"),
    ],
)
async def test_chat_questions_find_the_claim(core, ask, question, expected):
    answer = await getattr(core, ask)(question)
    assert isinstance(answer, SearchAnswer), answer
    found = [hit.view.claim.id for hit in answer.hits]
    assert expected in found[:5]
    if ask == "quote":
        assert found[0] == expected
