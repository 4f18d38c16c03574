"""DiscordStandin: a local Discord (API v10 REST + gateway) for end-to-end tests of a discord.py 2.x bot.

    async with DiscordStandin() as discord_api:
        async with discord_api.run_bot(bot):          # login + connect + wait for on_ready
            await bot.tree.sync(guild=discord.Object(int(discord_api.world.guild_id)))
            record = await discord_api.send_interaction(payloads.slash_command("ping"))
            response = await record.wait_response()
        discord_api.assert_clean()

Entering the context patches discord.py's two hard-coded endpoints (`Route.BASE` and
`DiscordWebSocket.DEFAULT_GATEWAY`: a non-sharded Client never asks /gateway/bot where to connect)
and restores them on exit.
"""

from __future__ import annotations

import asyncio
import copy
import json
import secrets
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import discord
import yarl
from aiohttp import web

from . import limits
from .commands import CommandRegistry
from .gateway import PRIVILEGED, Gateway, GatewaySession
from .limits import EPHEMERAL, LOADING, Problems
from .messages import MessageStore, read_body
from .payloads import ATTACHMENT_SIZE_LIMIT
from .ratelimits import RateLimits
from .records import CallbackRecord, InteractionRecord, MessageRecord, RequestRecord, Violation
from .world import DEFAULT_WORLD, World

API = "/api/v10"
# Callback types Discord accepts per interaction type (PING 1, APP_COMMAND 2, COMPONENT 3, AUTOCOMPLETE 4, MODAL 5).
VALID_CALLBACKS = {1: {1}, 2: {4, 5, 9, 10, 12}, 3: {4, 5, 6, 7, 9, 10, 12}, 4: {8}, 5: {4, 5, 6, 7, 10, 12}}
CHANNEL_MESSAGE_FLAGS = (1 << 2) | (1 << 12) | limits.COMPONENTS_V2  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, V2
ERR_UNKNOWN_INTERACTION = {"message": "Unknown interaction", "code": 10062}
ERR_UNKNOWN_WEBHOOK = {"message": "Unknown Webhook", "code": 10015}
ERR_UNKNOWN_MESSAGE = {"message": "Unknown Message", "code": 10008}
ERR_UNKNOWN_CHANNEL = {"message": "Unknown Channel", "code": 10003}
ERR_EMPTY = {"message": "Cannot send an empty message", "code": 50006}
RECORD = web.RequestKey("record", RequestRecord)


def _json(data: Any, status: int = 200) -> web.Response:
    # Exactly "application/json": discord.py's json_or_text() compares the header verbatim, so aiohttp's
    # json_response ("application/json; charset=utf-8") would reach the bot as a plain string.
    return web.Response(status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


def _body(request: web.Request) -> dict[str, Any]:
    body = request[RECORD].body
    return body if isinstance(body, dict) else {}


class DiscordStandin:
    def __init__(
        self,
        *,
        world: World | None = None,
        token: str | None = None,
        response_deadline: float = 3.0,
        token_lifetime: float = 15 * 60,
        heartbeat_interval_ms: int = 41250,
        privileged_intents: int = PRIVILEGED,
        require_synced_commands: bool = False,
        patch_discord: bool = True,
        rate_limits: bool | RateLimits = False,
    ) -> None:
        self.world = world or DEFAULT_WORLD
        # Discord's global (50/s) and Create Message (5 per 5 s per channel) limits: off unless asked for
        # (True: the documented figures; or a RateLimits with others). See ratelimits.py.
        self.rate_limits: RateLimits | None = (RateLimits() if rate_limits is True else rate_limits) or None
        # Built at runtime and obviously fake: no real-token-shaped literal anywhere.
        self.token = token or f"standin.{secrets.token_urlsafe(18)}"
        self.response_deadline = response_deadline  # Discord: initial response within 3 s or the token dies
        self.token_lifetime = token_lifetime  # Discord: followups/edits allowed for 15 minutes
        self.require_synced_commands = require_synced_commands
        self.patch_discord = patch_discord
        self.verify_key = secrets.token_hex(32)
        self.port = 0

        self.gateway = Gateway(self.world, self.token, lambda: self.gateway_url, heartbeat_interval_ms, privileged_intents)
        self.registry = CommandRegistry(self.world)
        self.store = MessageStore(self.world, lambda: self.url)
        self.violations: list[Violation] = []  # requests Discord would refuse, interactions it would fail
        self.unknown_requests: list[RequestRecord] = []  # routes the stand-in does not implement
        self.internal_errors: list[BaseException] = []  # bugs in the stand-in itself
        self.requests: list[RequestRecord] = []  # every REST call, in order
        self.interactions: dict[str, InteractionRecord] = {}
        self.channel_messages: list[MessageRecord] = []
        # Discord: with enforce_nonce, a repeat of a nonce by the same author "in the past few minutes" gets
        # the earlier message back instead of a new one. Keyed by (author, nonce): (monotonic time, message id).
        self.nonce_ttl = 180.0
        self._nonces: dict[tuple[str, str], tuple[float, str]] = {}
        # Failures a test chooses per channel id: an int answers every POST with that status, a list answers
        # the next POSTs with its statuses in turn (then the channel works). Not violations: Discord does this.
        self.channel_faults: dict[str, int | list[int]] = {}

        self._by_token: dict[str, InteractionRecord] = {}
        self._timers: list[asyncio.TimerHandle] = []
        self._runner: web.AppRunner | None = None
        self._saved: tuple[str, yarl.URL] | None = None

    # -- addresses and lifecycle -----------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.url + API

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def sessions(self) -> list[GatewaySession]:
        return self.gateway.sessions

    @property
    def commands(self) -> dict[str | None, list[dict[str, Any]]]:
        """Registered commands by scope: None = global, else the guild ID string."""
        return self.registry.scopes

    @property
    def messages(self) -> dict[str, dict[str, Any]]:
        return self.store.messages

    async def __aenter__(self) -> DiscordStandin:
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        self._routes(app.router)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))  # random free port, no race between picking and binding
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        if self.patch_discord:
            self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
            discord.http.Route.BASE = self.api_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        for timer in self._timers:
            timer.cancel()
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved

    @asynccontextmanager
    async def run_bot(self, bot: discord.Client, *, timeout: float = 10.0,  # noqa: ASYNC109
                      guild_ready_timeout: float | None = None) -> AsyncIterator[discord.Client]:
        """Logs the bot in (runs setup_hook), connects, waits for on_ready; closes it cleanly on exit.

        discord.py waits `guild_ready_timeout` (default 2 s) after the last GUILD_CREATE before READY:
        construct the bot with a small value, or pass one here (sets the private ConnectionState field)."""
        if guild_ready_timeout is not None:
            bot._connection.guild_ready_timeout = guild_ready_timeout
        await bot.login(self.token)
        connect = asyncio.create_task(bot.connect(), name="standin-bot-connect")
        ready = asyncio.create_task(bot.wait_until_ready())
        try:
            done, _ = await asyncio.wait({connect, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if ready not in done:
                if connect.done():
                    connect.result()  # re-raise why it stopped (bad token, disallowed intents, ...)
                raise TimeoutError(f"bot was not ready within {timeout}s")
            yield bot
        finally:
            ready.cancel()
            await bot.close()
            with suppress(asyncio.CancelledError, discord.ConnectionClosed):
                await asyncio.wait_for(connect, 5)

    # -- test API --------------------------------------------------------------------------------
    async def wait_until_connected(self, timeout: float = 10.0) -> GatewaySession:  # noqa: ASYNC109
        """The most recent gateway session that got READY (for bots started without run_bot)."""
        deadline = time.perf_counter() + timeout
        while (session := self.gateway.ready_session()) is None:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no bot identified on the stand-in gateway within {timeout}s")
            await asyncio.sleep(0.01)
        return session

    async def send_interaction(self, payload: dict[str, Any], *, require_synced: bool | None = None) -> InteractionRecord:
        """Dispatches INTERACTION_CREATE to the connected bot; await the returned record's wait_* methods."""
        session = self.gateway.ready_session()
        if session is None:
            raise RuntimeError("no bot is connected to the stand-in gateway (use run_bot / wait_until_connected)")
        payload = copy.deepcopy(payload)
        if payload["type"] in (2, 4):
            require = self.require_synced_commands if require_synced is None else require_synced
            self.registry.bind(payload, require=require)
        if payload.get("message"):  # Discord sends the message as it stands now, not as the test last saw it
            payload["message"] = copy.deepcopy(self.messages.get(payload["message"]["id"], payload["message"]))
        record = InteractionRecord(payload, original_message=copy.deepcopy(payload.get("message")))
        self.interactions[record.id] = record
        self._by_token[record.token] = record
        record.sent_at = await session.dispatch("INTERACTION_CREATE", payload)
        loop = asyncio.get_running_loop()
        self._timers.append(loop.call_at(loop.time() + self.response_deadline, self._deadline_passed, record))
        return record

    @property
    def response_latencies(self) -> list[float]:
        """Seconds from INTERACTION_CREATE written to initial callback received, per answered interaction."""
        return [r.response.latency for r in self.interactions.values() if r.response is not None]

    def command(self, name: str, *, guild_id: str | None = None, type: int = 1) -> dict[str, Any] | None:
        """A registered command as Discord returned it (with its ID), or None."""
        return self.registry.get(name, guild_id=guild_id, type=type)

    async def wait_channel_messages(self, n: int = 1, timeout: float = 5.0) -> list[MessageRecord]:  # noqa: ASYNC109
        deadline = time.perf_counter() + timeout
        while len(self.channel_messages) < n:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"expected {n} channel message(s), got {len(self.channel_messages)}")
            await asyncio.sleep(0.01)
        return self.channel_messages[:n]

    def assert_clean(self) -> None:
        """Fails if the bot made a request Discord would reject, or called a route the stand-in lacks."""
        problems = [f"[standin_crash] {e!r}" for e in self.internal_errors]
        problems += [str(v) for v in self.violations]
        problems += [f"[unknown_route] {r.method} {r.path}" for r in self.unknown_requests]
        assert not problems, "Discord stand-in saw problems:\n  " + "\n  ".join(problems)

    # -- plumbing --------------------------------------------------------------------------------
    def _routes(self, r: web.UrlDispatcher) -> None:
        r.add_get(API + "/users/@me", self._get_me)
        r.add_get(API + "/gateway", self._get_gateway)
        r.add_get(API + "/gateway/bot", self._get_gateway)
        r.add_get(API + "/oauth2/applications/@me", self._get_application)
        r.add_get(API + "/applications/@me", self._get_application)
        r.add_route("*", API + "/applications/{app}/commands", self._commands)
        r.add_route("*", API + "/applications/{app}/guilds/{guild}/commands", self._commands)
        r.add_post(API + "/interactions/{iid}/{token}/callback", self._callback)
        r.add_post(API + "/webhooks/{app}/{token}", self._followup)
        r.add_route("*", API + "/webhooks/{app}/{token}/messages/{mid}", self._webhook_message)
        r.add_post(API + "/channels/{cid}/messages", self._channel_post)
        r.add_get(API + "/channels/{cid}/messages", self._channel_history)
        r.add_route("*", API + "/channels/{cid}/messages/{mid}", self._channel_message)
        r.add_get(API + "/channels/{cid}", self._get_channel)
        r.add_post(API + "/channels/{cid}/typing", self._typing)
        r.add_get("/attachments/{cid}/{aid}/{filename}", self._attachment)
        r.add_get("/", self.gateway.handle)
        r.add_route("*", "/{tail:.*}", self._unknown)  # registered last: catches everything else

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if (request.path == "/" and request.method == "GET") or request.path.startswith("/attachments/"):
            return await self._guarded(handler, request)
        try:
            body, files = await read_body(request)
        except ValueError:
            return _json({"message": "The request body contains invalid JSON.", "code": 50109}, 400)
        record = RequestRecord(request.method, request.path, dict(request.query), body, files)
        self.requests.append(record)
        request[RECORD] = record
        # Interaction callbacks and webhooks authenticate by their token; everything else needs the bot token.
        token_auth = request.path.startswith((API + "/interactions/", API + "/webhooks/"))
        if not token_auth and request.headers.get("Authorization") != f"Bot {self.token}":
            response: web.StreamResponse = _json({"message": "401: Unauthorized", "code": 0}, 401)
        elif self.rate_limits is not None:
            response = await self._rate_limited(handler, request, record)
        else:
            response = await self._guarded(handler, request)
        record.status = response.status
        return response

    async def _rate_limited(self, handler: Any, request: web.Request, record: RequestRecord) -> web.StreamResponse:
        assert self.rate_limits is not None
        limited = self.rate_limits.check(request.method, request.path, record.body)
        if limited.ignored is not None:
            self.violations.append(Violation("ignored_retry_after", request.method, request.path, limited.status,
                                             limited.ignored, body=record.body, error=limited.body))
        if limited.status == 429:
            response = _json(limited.body, 429)
        else:
            response = await self._guarded(handler, request)
        response.headers.update(limited.headers)
        return response

    async def _guarded(self, handler: Any, request: web.Request) -> web.StreamResponse:
        """A crash in the stand-in itself must fail the test (assert_clean), not just get logged."""
        try:
            return await handler(request)
        except (web.HTTPException, asyncio.CancelledError, ConnectionResetError):
            raise
        except Exception as exc:
            self.internal_errors.append(exc)
            raise

    def _reject(self, request: web.Request, status: int, kind: str, error: dict[str, Any], *,
                record: InteractionRecord | None = None, detail: str | None = None) -> web.Response:
        violation = Violation(
            kind=kind, method=request.method, path=request.path, status=status,
            message=detail or error.get("message", ""), body=request[RECORD].body, error=error,
            interaction_id=record.id if record else None,
        )
        self.violations.append(violation)
        if record is not None:
            record.errors.append(violation)
            record._notify()
        return _json(error, status)

    def _check_body(self, request: web.Request, body: dict[str, Any], record: InteractionRecord | None, *,
                    path: tuple[Any, ...] = (), creating: bool = True) -> web.Response | None:
        """Discord's message limits, the empty-message rule and the upload size limit."""
        files = request[RECORD].files
        p = Problems()
        limits.check_message(p, body, path)
        if p:
            return self._reject(request, 400, "invalid_body", p.error_body(), record=record, detail=p.summary())
        if creating and limits.is_empty_message({**body, "attachments": body.get("attachments") or files}):
            return self._reject(request, 400, "empty_message", ERR_EMPTY, record=record)
        if any(len(f.data) > ATTACHMENT_SIZE_LIMIT for f in files):
            return self._reject(request, 413, "file_too_large", {"message": "Request entity too large", "code": 40005},
                                record=record)
        return None

    def _deadline_passed(self, record: InteractionRecord) -> None:
        if record.response is not None:
            return
        record.expired = True
        data = record.payload.get("data") or {}
        violation = Violation("not_acknowledged", "-", f"interaction {record.id} ({data.get('name') or data.get('custom_id')})",
                              0, f"no initial response within {self.response_deadline}s ('The application did not respond')",
                              interaction_id=record.id)
        self.violations.append(violation)
        record.errors.append(violation)
        record._notify()

    # -- simple REST -----------------------------------------------------------------------------
    async def _get_me(self, request: web.Request) -> web.Response:
        return _json(self.world.client_user())

    async def _get_gateway(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url.rstrip("/"), "shards": 1, "session_start_limit": limit})

    async def _get_application(self, request: web.Request) -> web.Response:
        return _json(self.world.application(self.verify_key))

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self.world.channel(request.match_info["cid"])
        return _json(channel) if channel else self._reject(request, 404, "unknown_channel", ERR_UNKNOWN_CHANNEL)

    async def _typing(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _attachment(self, request: web.Request) -> web.Response:
        f = self.store.files.get(request.match_info["aid"])
        if f is None:
            return web.Response(status=404)
        return web.Response(body=f.data, content_type=f.content_type or "application/octet-stream")

    async def _unknown(self, request: web.Request) -> web.Response:
        self.unknown_requests.append(request[RECORD])
        return _json({"message": "404: Not Found", "code": 0}, 404)

    async def _commands(self, request: web.Request) -> web.Response:
        app, guild = request.match_info["app"], request.match_info.get("guild")
        if app != self.world.application_id or (guild is not None and guild != self.world.guild_id):
            return self._reject(request, 403, "missing_access", {"message": "Missing Access", "code": 50001})
        if request.method == "GET":
            return _json(self.registry.scopes.get(guild, []))
        if request.method != "PUT":
            return await self._unknown(request)
        body = request[RECORD].body
        p = Problems()
        limits.check_commands(p, body)
        if p:
            return self._reject(request, 400, "invalid_body", p.error_body(), detail=p.summary())
        return _json(self.registry.overwrite(guild, body))

    # -- interactions ----------------------------------------------------------------------------
    async def _callback(self, request: web.Request) -> web.Response:
        now = time.perf_counter()
        record = self.interactions.get(request.match_info["iid"])
        if record is None or record.token != request.match_info["token"]:
            return self._reject(request, 404, "unknown_interaction", ERR_UNKNOWN_INTERACTION)
        if record.response is not None:
            return self._reject(request, 400, "already_acknowledged",
                                {"message": "Interaction has already been acknowledged.", "code": 40060}, record=record)
        late = now - record.sent_at
        if record.expired or late > self.response_deadline:
            record.expired = True
            return self._reject(request, 404, "unknown_interaction", ERR_UNKNOWN_INTERACTION, record=record,
                                detail=f"initial response after {late:.2f}s (deadline {self.response_deadline}s)")
        body = _body(request)
        ctype, data = body.get("type"), body.get("data") or {}
        if (error := self._check_callback(request, record, ctype, data)) is not None:
            return error

        files = request[RECORD].files
        record.response = CallbackRecord(ctype, data, files, received_at=now, latency=late)
        channel_id = record.payload["channel_id"]
        message = None
        if ctype == 4:
            message = self.store.create(channel_id, data, files, record=record)
        elif ctype == 5:  # the "<bot> is thinking..." placeholder
            message = self.store.create(channel_id, {}, [], record=record, flags=LOADING | (data.get("flags", 0) & EPHEMERAL))
        elif ctype == 7 and record.original_message is not None:
            message = self.store.edit(record.original_message, data, files)
        if message is not None:
            record.original_message = message
            if ctype in (4, 5):
                record.response_message = message
        record._notify()
        if request.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        # discord.py 2.7 always asks ?with_response=1 and parses this InteractionCallbackResponse.
        callback: dict[str, Any] = {"id": record.id, "type": record.payload["type"]}
        if message is not None:
            callback.update(response_message_id=message["id"], response_message_loading=ctype == 5,
                            response_message_ephemeral=bool(message["flags"] & EPHEMERAL))
        out: dict[str, Any] = {"interaction": callback}
        if ctype in (4, 7) and message is not None:
            out["resource"] = {"type": ctype, "message": message}
        return _json(out)

    def _check_callback(self, request: web.Request, record: InteractionRecord, ctype: Any,
                        data: dict[str, Any]) -> web.Response | None:
        p = Problems()
        itype = record.payload["type"]
        if ctype not in VALID_CALLBACKS.get(itype, set()):
            p.add(("type",), "INTERACTION_CALLBACK_TYPE_INVALID", f"Callback type {ctype} is not valid for interaction type {itype}")
        elif ctype in (4, 7):
            if (data.get("flags") or 0) & ~limits.CALLBACK_FLAGS:
                p.add(("data", "flags"), "MESSAGE_FLAGS_INVALID", "Only SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS, "
                      "IS_VOICE_MESSAGE and IS_COMPONENTS_V2 can be set")
            else:
                return self._check_body(request, data, record, path=("data",), creating=ctype == 4)
        elif ctype == 5 and (data.get("flags") or 0) & ~EPHEMERAL:
            p.add(("data", "flags"), "MESSAGE_FLAGS_INVALID", "A deferred response may only set EPHEMERAL")
        elif ctype == 8:
            limits.check_autocomplete(p, data)
        elif ctype == 9:
            limits.check_modal(p, data)
        if p:
            return self._reject(request, 400, "invalid_body", p.error_body(), record=record, detail=p.summary())
        return None

    def _token_record(self, request: web.Request) -> tuple[InteractionRecord | None, web.Response | None]:
        """Webhook-token checks shared by followups and message GET/PATCH/DELETE."""
        record = self._by_token.get(request.match_info["token"])
        now = time.perf_counter()
        if record is None or request.match_info["app"] != self.world.application_id:
            return None, self._reject(request, 404, "unknown_webhook", ERR_UNKNOWN_WEBHOOK)
        if record.expired or (record.response is None and now - record.sent_at > self.response_deadline):
            return None, self._reject(request, 404, "unknown_webhook", ERR_UNKNOWN_WEBHOOK, record=record,
                                      detail="token invalidated: no initial response within the deadline")
        if record.response is None:
            return None, self._reject(request, 404, "webhook_before_response", ERR_UNKNOWN_WEBHOOK, record=record,
                                      detail="followup/edit before the initial interaction response")
        if now - record.sent_at > self.token_lifetime:
            return None, self._reject(request, 401, "token_expired", {"message": "Invalid Webhook Token", "code": 50027},
                                      record=record)
        return record, None

    async def _followup(self, request: web.Request) -> web.Response:
        record, error = self._token_record(request)
        if record is None:
            return error  # type: ignore[return-value]
        body, files = _body(request), request[RECORD].files
        if (error := self._check_body(request, body, record)) is not None:
            return error
        original = record.original_message
        # Documented quirk: the first followup after a type-5 defer edits the loading message instead of
        # creating one, and its ephemeral flag is ignored (the defer's choice stands).
        if record.response and record.response.type == 5 and original and original["flags"] & LOADING:
            message = self.store.edit(original, {k: v for k, v in body.items() if k != "flags"}, files)
            record.original_message = message
            followup = MessageRecord(body, message, files, replaced_deferred=True)
        else:
            flags = (body.get("flags") or 0) & limits.CALLBACK_FLAGS
            message = self.store.create(record.payload["channel_id"], body, files, record=record, flags=flags)
            followup = MessageRecord(body, message, files)
        record.followups.append(followup)
        record._notify()
        return _json(message)

    async def _webhook_message(self, request: web.Request) -> web.Response:
        record, error = self._token_record(request)
        if record is None:
            return error  # type: ignore[return-value]
        mid = request.match_info["mid"]
        original = None if record.original_deleted else record.original_message
        is_original = mid == "@original" or (original or {}).get("id") == mid
        followup = None if is_original else next((f for f in record.followups if f.message["id"] == mid), None)
        target = original if is_original else (followup.message if followup else None)
        if target is None:
            return self._reject(request, 404, "unknown_message", ERR_UNKNOWN_MESSAGE, record=record)
        if request.method == "GET":
            return _json(target)
        if request.method == "DELETE":
            record.original_deleted = record.original_deleted or is_original
            self.messages.pop(target["id"], None)
            record._notify()
            return web.Response(status=204)
        if request.method != "PATCH":
            return await self._unknown(request)
        edited = self._edited(request, target, record)
        if isinstance(edited, web.Response):
            return edited
        if is_original:
            record.original_message = edited
            record.edits.append(_body(request))
        elif followup is not None:
            followup.message = edited
        record._notify()
        return _json(edited)

    def _edited(self, request: web.Request, target: dict[str, Any],
                record: InteractionRecord | None) -> dict[str, Any] | web.Response:
        body = _body(request)
        if (error := self._check_body(request, body, record, creating=False)) is not None:
            return error
        edited = self.store.edit(target, body, request[RECORD].files)
        if limits.is_empty_message(edited):
            return self._reject(request, 400, "empty_message", ERR_EMPTY, record=record)
        return edited

    # -- channel messages ------------------------------------------------------------------------
    async def _channel_post(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        if (fault := self._fault(cid)) is not None:
            return fault
        if self.world.channel(cid) is None:
            return self._reject(request, 404, "unknown_channel", ERR_UNKNOWN_CHANNEL)
        body, files = _body(request), request[RECORD].files
        if (error := self._check_body(request, body, None)) is not None:
            return error
        nonce = body.get("nonce")
        if nonce is not None and len(str(nonce)) > 25:
            return self._reject(request, 400, "invalid_body", {"message": "Invalid Form Body", "code": 50035,
                                "errors": {"nonce": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH",
                                                                  "message": "Must be 25 or fewer in length."}]}}})
        key = (self.world.bot.id, str(nonce))
        now = time.monotonic()
        if nonce is not None and body.get("enforce_nonce") and key in self._nonces:
            sent_at, mid = self._nonces[key]
            if now - sent_at <= self.nonce_ttl:
                earlier = self.messages.get(mid)
                if earlier is None:  # deleted since: Discord answers Unknown Message
                    return _json(ERR_UNKNOWN_MESSAGE, 404)
                return _json(earlier)
        reply = 19 if body.get("message_reference") else 0
        message = self.store.create(cid, body, files, flags=(body.get("flags") or 0) & CHANNEL_MESSAGE_FLAGS, msg_type=reply)
        if nonce is not None:
            message["nonce"] = str(nonce)
            if body.get("enforce_nonce"):
                self._nonces[key] = (now, message["id"])
        self.channel_messages.append(MessageRecord(body, message, files))
        return _json(message)

    def _fault(self, cid: str) -> web.Response | None:
        chosen = self.channel_faults.get(cid)
        if isinstance(chosen, list):
            status = chosen.pop(0) if chosen else None
        else:
            status = chosen
        if status is None:
            return None
        errors = {403: {"message": "Missing Permissions", "code": 50013}, 404: ERR_UNKNOWN_CHANNEL}
        return _json(errors.get(status, {"message": f"{status}: Server Error", "code": 0}), status)

    async def _channel_history(self, request: web.Request) -> web.Response:
        """GET /channels/{id}/messages: the newest first, at most `limit` (default 50, at most 100)."""
        cid = request.match_info["cid"]
        if self.world.channel(cid) is None:
            return self._reject(request, 404, "unknown_channel", ERR_UNKNOWN_CHANNEL)
        limit = max(1, min(100, int(request.query.get("limit") or 50)))
        before = request.query.get("before")
        found = [m for m in self.messages.values() if m["channel_id"] == cid and not m["flags"] & EPHEMERAL
                 and (before is None or int(m["id"]) < int(before))]
        found.sort(key=lambda m: int(m["id"]), reverse=True)
        return _json([{k: v for k, v in m.items() if k != "nonce"} for m in found[:limit]])

    async def _channel_message(self, request: web.Request) -> web.Response:
        target = self.messages.get(request.match_info["mid"])
        # Ephemeral interaction messages are invisible to channel endpoints.
        if target is None or target["channel_id"] != request.match_info["cid"] or target["flags"] & EPHEMERAL:
            return self._reject(request, 404, "unknown_message", ERR_UNKNOWN_MESSAGE)
        if request.method == "GET":
            return _json(target)
        if request.method == "DELETE":
            del self.messages[target["id"]]
            return web.Response(status=204)
        if request.method != "PATCH":
            return await self._unknown(request)
        edited = self._edited(request, target, None)
        if isinstance(edited, web.Response):
            return edited
        for posted in self.channel_messages:
            if posted.message["id"] == edited["id"]:
                posted.message = edited
        return _json(edited)

