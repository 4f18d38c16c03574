"""The answer cache: one lookup per question however many ask at once; errors and stale answers never kept."""

from __future__ import annotations

import asyncio

import pytest

from bot.adapters.discord_bot.answer_cache import AnswerCache


async def test_people_asking_at_once_share_one_lookup():
    cache, calls = AnswerCache(), []

    async def lookup():
        calls.append(1)
        await asyncio.sleep(0.01)
        return "answer"

    results = await asyncio.gather(*(asyncio.shield(cache.compute("q", lookup)) for _ in range(20)))
    assert results == ["answer"] * 20 and len(calls) == 1
    assert cache.peek("q") == "answer" and (cache.hits, cache.misses) == (1, 1)


async def test_a_failed_lookup_is_not_kept():
    cache = AnswerCache()

    async def broken():
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        await cache.compute("q", broken)
    assert cache.peek("q") is None


async def test_an_answer_from_before_a_clear_is_not_kept():
    cache, release = AnswerCache(), asyncio.Event()

    async def slow():
        await release.wait()
        return "old content"

    task = cache.compute("q", slow)
    cache.clear()  # /admin reload recompiled while the lookup ran
    release.set()
    assert await task == "old content"  # who asked still gets an answer...
    assert cache.peek("q") is None  # ...but the next asker gets one from the new content


async def test_oldest_and_expired_answers_go():
    cache = AnswerCache(size=2, ttl=0.05)

    async def answer(text):
        return text

    for key in ("a", "b", "c"):
        await cache.compute(key, lambda key=key: answer(key))
    assert cache.peek("a") is None and cache.peek("c") == "c" and len(cache) == 2
    await asyncio.sleep(0.06)
    assert cache.peek("c") is None


async def test_lookups_queue_beyond_the_limit():
    cache, running, most = AnswerCache(lookups_at_once=2), 0, 0

    async def lookup():
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.005)
        running -= 1
        return 1

    await asyncio.gather(*(cache.compute(n, lookup) for n in range(10)))
    assert most == 2
