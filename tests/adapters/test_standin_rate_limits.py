"""The stand-in's rate limits behave as Discord documents them, and discord.py waits them out.

Raw requests check the documented shapes (5 per 5 s per channel on Create Message, 50 per second globally,
the 429 bodies and headers); bare discord.py clients check that a burst is paced by retry_after and every
message still arrives once. The multi-guild world announces each guild with its own GUILD_CREATE. Last, the
real bot's digests for many servers at once are paced under the global limit (no 429 at all).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import aiohttp
import discord

from bot.adapters.discord_bot.digest_delivery import Pacer
from bot.core.digest.models import DigestSettings
from tests.discord_standin import DiscordStandin, World
from tests.discord_standin.ratelimits import RateLimits

API_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After",
               "X-RateLimit-Bucket")


async def post(session: aiohttp.ClientSession, server: DiscordStandin, channel_id: str, content: str):
    async with session.post(f"{server.api_base}/channels/{channel_id}/messages", json={"content": content},
                            headers={"Authorization": f"Bot {server.token}"}) as response:
        return response.status, dict(response.headers), await response.json()


async def test_create_message_is_limited_to_5_per_5_seconds_per_channel(standin_factory):
    server = await standin_factory(rate_limits=True)
    channel, other = server.world.general_channel_id, server.world.briefings_channel_id
    async with aiohttp.ClientSession() as session:
        answers = [await post(session, server, channel, f"m{i}") for i in range(6)]
        status, headers, body = answers[-1]
        assert [a[0] for a in answers[:5]] == [200] * 5
        assert [a[1]["X-RateLimit-Remaining"] for a in answers[:5]] == ["4", "3", "2", "1", "0"]
        for _, h, _ in answers[:5]:
            assert all(name in h for name in API_HEADERS) and h["X-RateLimit-Limit"] == "5"
            assert 0 < float(h["X-RateLimit-Reset-After"]) <= 5
            assert abs(float(h["X-RateLimit-Reset"]) - time.time() - float(h["X-RateLimit-Reset-After"])) < 1
        assert status == 429 and body["global"] is False and body["message"] == "You are being rate limited."
        assert 0 < body["retry_after"] <= 5
        assert headers["X-RateLimit-Remaining"] == "0" and headers["X-RateLimit-Scope"] == "user"
        assert int(headers["Retry-After"]) >= body["retry_after"] and headers["Via"]  # discord.py needs Via
        assert "X-RateLimit-Global" not in headers
        assert not server.violations  # a 429 is not a violation by itself
        assert (await post(session, server, other, "another channel"))[0] == 200  # buckets are per channel
        await asyncio.sleep(server.rate_limits.grace + 0.1)
        assert (await post(session, server, channel, "m5"))[0] == 429  # the same request again, too early
    assert [v.kind for v in server.violations] == ["ignored_retry_after"]
    assert len(server.channel_messages) == 6


async def test_the_global_limit_is_50_requests_a_second_and_says_so(standin_factory):
    server = await standin_factory(rate_limits=True)
    auth = {"Authorization": f"Bot {server.token}"}
    async with aiohttp.ClientSession() as session:
        async def me() -> tuple[int, dict, dict]:
            async with session.get(f"{server.api_base}/users/@me", headers=auth) as response:
                return response.status, dict(response.headers), await response.json()

        answers = await asyncio.gather(*(me() for _ in range(60)))
        limited = [a for a in answers if a[0] == 429]
        assert sum(a[0] == 200 for a in answers) == 50 and len(limited) == 10
        _, headers, body = limited[0]
        assert body["global"] is True and 0 < body["retry_after"] <= 1
        assert headers["X-RateLimit-Global"] == "true" and headers["X-RateLimit-Scope"] == "global"
        assert headers["Retry-After"] == "1" and headers["Via"]
        await asyncio.sleep(body["retry_after"] + 0.05)
        assert (await me())[0] == 200  # after retry_after, allowed again
    assert not server.violations
    assert server.rate_limits.global_429s == 10


async def test_off_by_default(standin):
    async with aiohttp.ClientSession() as session:
        answers = [await post(session, standin, standin.world.general_channel_id, f"m{i}") for i in range(8)]
    assert [a[0] for a in answers] == [200] * 8 and "X-RateLimit-Bucket" not in answers[0][1]


async def logged_in(server: DiscordStandin) -> discord.Client:
    client = discord.Client(intents=discord.Intents.none())
    await client.login(server.token)
    return client


async def test_discord_py_waits_out_a_channel_burst_and_posts_each_message_once(standin_factory):
    # Shorter windows than Discord's keep the test quick; the shapes are the documented ones.
    server = await standin_factory(rate_limits=RateLimits(message_limit=3, message_per=1.0))
    client = await logged_in(server)
    try:
        channel = client.get_partial_messageable(int(server.world.general_channel_id))
        started = time.perf_counter()
        sent = await asyncio.gather(*(channel.send(f"burst {i}", nonce=f"n{i}") for i in range(8)))
        elapsed = time.perf_counter() - started
    finally:
        await client.close()
    assert sorted(m.content for m in sent) == sorted(f"burst {i}" for i in range(8))
    assert len(server.channel_messages) == 8
    assert elapsed >= 2.0  # 8 messages at 3 a second: three windows
    server.assert_clean()  # discord.py honoured every retry_after (or never needed one)


async def test_discord_py_waits_out_the_global_limit(standin_factory):
    world = World(extra_guild_count=30)
    server = await standin_factory(world=world, rate_limits=RateLimits(global_limit=10))
    client = await logged_in(server)
    try:
        started = time.perf_counter()
        sent = await asyncio.gather(*(client.get_partial_messageable(int(g.channel_id)).send("hello")
                                      for g in world.extra_guilds))
        elapsed = time.perf_counter() - started
    finally:
        await client.close()
    assert len(sent) == 30 and len(server.channel_messages) == 30
    assert {m.message["channel_id"] for m in server.channel_messages} == {g.channel_id for g in world.extra_guilds}
    assert server.rate_limits.global_429s > 0 and elapsed >= 2.0  # 30 requests at 10 a second
    server.assert_clean()


async def test_a_multi_guild_world_announces_every_guild(standin_factory):
    world = World(extra_guild_count=5)
    server = await standin_factory(world=world)
    client = discord.Client(intents=discord.Intents(guilds=True))
    async with server.run_bot(client, guild_ready_timeout=0.05):
        assert sorted(str(g.id) for g in client.guilds) == sorted(world.guild_ids)
        for extra in world.extra_guilds:
            guild = client.get_guild(int(extra.guild_id))
            channel = guild.get_channel(int(extra.channel_id))
            assert isinstance(channel, discord.TextChannel) and guild.name == extra.name
            assert channel.permissions_for(guild.me).send_messages
        await guild.get_channel(int(extra.channel_id)).send("hello")
    assert server.channel_messages[0].message["channel_id"] == world.extra_guilds[-1].channel_id
    server.assert_clean()


async def test_digests_for_many_servers_at_once_are_paced_under_the_global_limit(briefbot_factory):
    # Discord's shapes with a smaller global limit, and the bot's pacer scaled to match (45/s of 50 in the bot).
    world = World(extra_guild_count=60)
    server, bot = await briefbot_factory(standin_options={"world": world, "rate_limits": RateLimits(global_limit=20)})
    bot.digests.pacer = Pacer(rate=18, burst=2)
    for guild in world.extra_guilds:
        await bot.core.store.save_digest_settings(DigestSettings(int(guild.guild_id), int(guild.channel_id),
                                                                 "08:00", "UTC"))
    await asyncio.sleep(1.1)  # start-up's own requests leave the global window
    outcomes = await asyncio.gather(*(bot.digests.deliver(int(g.guild_id), manual=True) for g in world.extra_guilds))
    assert [o.status for o in outcomes] == ["posted"] * 60
    posted = Counter(m.message["channel_id"] for m in server.channel_messages)
    assert set(posted) == {g.channel_id for g in world.extra_guilds}
    nonces = Counter((m.message["channel_id"], m.message.get("nonce")) for m in server.channel_messages)
    assert max(nonces.values()) == 1  # no part posted twice
    assert server.rate_limits.limited == []  # paced: Discord never had to say 429
    server.assert_clean()
