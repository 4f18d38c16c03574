"""The gateway websocket: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats, member chunks, dispatch.

discord.py 2.7 connects to `{gateway}?v=10&encoding=json&compress=zlib-stream`, or `compress=zstd-stream`
when `zstandard` (or Python 3.14's `compression.zstd`) is importable. Both are implemented: every frame is
one complete JSON payload, compressed on a single per-connection stream and flushed (zlib: Z_SYNC_FLUSH,
so each frame ends in 00 00 ff ff; zstd: a flushed block), sent as a binary frame.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
import zlib
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

from .world import APP_FLAGS, World

# Gateway opcodes (API v10)
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE, RESUME = 0, 1, 2, 3, 4, 6
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11
GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT = 1 << 1, 1 << 8, 1 << 15
PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


def make_compressor(kind: str | None) -> Callable[[bytes], bytes] | None:
    if kind is None:
        return None
    if kind == "zlib-stream":
        z = zlib.compressobj()
        return lambda data: z.compress(data) + z.flush(zlib.Z_SYNC_FLUSH)
    if kind == "zstd-stream":
        try:
            import zstandard  # type: ignore[import-not-found]
        except ImportError:
            from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+

            c = zstd.ZstdCompressor()
            return lambda data: c.compress(data, zstd.ZstdCompressor.FLUSH_BLOCK)
        zobj = zstandard.ZstdCompressor().compressobj()
        return lambda data: zobj.compress(data) + zobj.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
    raise ValueError(f"unsupported gateway compression {kind!r}")


class GatewaySession:
    """One websocket connection."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self._compressor = make_compressor(compress)
        self._send_lock = asyncio.Lock()  # compression is a stream: frames must go out in order
        self.seq = 0
        self.session_id = secrets.token_hex(16)
        self.identify: dict[str, Any] | None = None
        self.presence: dict[str, Any] | None = None
        self.ready = False
        self.heartbeats = 0

    @property
    def intents(self) -> int:
        return (self.identify or {}).get("intents", 0)

    @property
    def shard(self) -> tuple[int, int]:
        shard = (self.identify or {}).get("shard") or [0, 1]
        return shard[0], shard[1]

    async def send(self, payload: dict[str, Any]) -> float:
        async with self._send_lock:
            return await self._write(payload)

    async def dispatch(self, event: str, data: Any) -> float:
        """Sends an op-0 event; returns perf_counter() taken just before the frame was written."""
        async with self._send_lock:  # sequence numbers must match write order
            self.seq += 1
            return await self._write({"op": DISPATCH, "t": event, "s": self.seq, "d": data})

    async def op(self, op: int, data: Any = None) -> None:
        await self.send({"op": op, "t": None, "s": None, "d": data})

    async def close(self, code: int, reason: str) -> None:
        if not self.ws.closed:
            await self.ws.close(code=code, message=reason.encode())

    async def _write(self, payload: dict[str, Any]) -> float:
        raw = json.dumps(payload, separators=(",", ":")).encode()
        stamp = time.perf_counter()
        if self._compressor is not None:
            await self.ws.send_bytes(self._compressor(raw))
        else:
            await self.ws.send_str(raw.decode())
        return stamp


class Gateway:
    """Serves gateway connections for one stand-in. Resume is never offered: a RESUME gets
    INVALID_SESSION(false), so the client simply identifies again."""

    def __init__(self, world: World, token: str, url: Callable[[], str], heartbeat_interval_ms: int,
                 privileged_intents: int) -> None:
        self.world = world
        self.token = token
        self.url = url
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.privileged_intents = privileged_intents  # the toggles on the app's Bot page
        self.sessions: list[GatewaySession] = []

    def ready_session(self) -> GatewaySession | None:
        return next((s for s in reversed(self.sessions) if s.ready), None)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        session = GatewaySession(ws, request.query.get("compress"))
        self.sessions.append(session)
        try:
            if request.query.get("v") != "10" or request.query.get("encoding", "json") != "json":
                await session.close(4012, "Invalid API version")
                return ws
            await session.op(HELLO, {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ['["standin"]']})
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_op(session, json.loads(msg.data))
                elif msg.type is WSMsgType.BINARY:  # ETF/compressed client payloads: not something discord.py sends
                    await session.close(4002, "Error while decoding payload.")
        finally:
            self.sessions.remove(session)
        return ws

    async def close_all(self) -> None:
        for session in list(self.sessions):
            await session.close(1001, "stand-in shutting down")

    async def _on_op(self, session: GatewaySession, msg: dict[str, Any]) -> None:
        op, data = msg.get("op"), msg.get("d")
        if op == HEARTBEAT:
            session.heartbeats += 1
            await session.op(HEARTBEAT_ACK)
        elif op == IDENTIFY:
            await self._identify(session, data)
        elif session.identify is None:
            await session.close(4003, "Not authenticated.")
        elif op == RESUME:
            await session.op(INVALID_SESSION, False)
        elif op == REQUEST_MEMBERS:
            await self._member_chunk(session, data)
        elif op == PRESENCE:
            session.presence = data
        elif op != VOICE_STATE:
            await session.close(4001, "Unknown opcode.")

    async def _identify(self, session: GatewaySession, data: dict[str, Any]) -> None:
        if session.identify is not None:
            return await session.close(4005, "Already authenticated.")
        if data.get("token") != self.token:
            return await session.close(4004, "Authentication failed.")
        session.identify = data
        if session.intents & PRIVILEGED & ~self.privileged_intents:
            return await session.close(4014, "Disallowed intent(s).")
        shard_id, shard_count = session.shard
        guild_ids = [g for g in self.world.guild_ids if (int(g) >> 22) % shard_count == shard_id]
        ready = {
            "v": 10, "user": self.world.client_user(), "user_settings": {}, "session_type": "normal",
            "session_id": session.session_id, "resume_gateway_url": self.url(),
            "guilds": [{"id": g, "unavailable": True} for g in guild_ids],
            "private_channels": [], "presences": [], "relationships": [], "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["us-east", "us-central"],
            "application": {"id": self.world.application_id, "flags": APP_FLAGS}, "_trace": ['["standin"]'],
        }
        if "shard" in data:  # AutoShardedClient's parse_ready reads it
            ready["shard"] = [shard_id, shard_count]
        await session.dispatch("READY", ready)
        # other members only come with GUILD_PRESENCES; otherwise a members-intent bot chunks
        members = bool(session.intents & GUILD_PRESENCES)
        for guild_id in guild_ids:  # one GUILD_CREATE per guild in this shard, as Discord sends them
            await session.dispatch("GUILD_CREATE", self.world.guild_create_for(guild_id, include_members=members))
        session.ready = True

    async def _member_chunk(self, session: GatewaySession, data: dict[str, Any]) -> None:
        extra = self.world.extra_guild(str(data.get("guild_id")))
        people, not_found = ([self.world.bot] if extra else self.world.people), []
        if data.get("user_ids"):
            ids = {str(i) for i in data["user_ids"]}
            people = [p for p in people if p.id in ids]
            not_found = sorted(ids - {p.id for p in people})
        elif data.get("query"):
            people = [p for p in people if p.username.lower().startswith(data["query"].lower())]
        if data.get("limit"):
            people = people[: data["limit"]]
        members = [self.world.member_payload(p) for p in people]
        if extra is not None:
            members = [{**m, "roles": [extra.bot_role_id]} for m in members]
        chunk = {"guild_id": extra.guild_id if extra else self.world.guild_id, "members": members,
                 "chunk_index": 0, "chunk_count": 1, "not_found": not_found}
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await session.dispatch("GUILD_MEMBERS_CHUNK", chunk)
