"""pytest fixtures for the Discord stand-in. Import them into a conftest.py:

    from tests.discord_standin.fixtures import standin, standin_factory  # noqa: F401
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from typing import Any

import pytest_asyncio

from .server import DiscordStandin


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[DiscordStandin]:
    """A started stand-in with default settings (3 s response deadline); discord.py is pointed at it."""
    async with DiscordStandin() as server:
        yield server


@pytest_asyncio.fixture
async def standin_factory() -> AsyncIterator[Callable[..., Any]]:
    """`server = await standin_factory(response_deadline=0.5)`: a started stand-in with custom settings,
    stopped at teardown."""
    async with AsyncExitStack() as stack:

        async def make(**kwargs: Any) -> DiscordStandin:
            return await stack.enter_async_context(DiscordStandin(**kwargs))

        yield make
