"""The adapter tests' fixtures (the real bot against the Discord stand-in), for the fault tests here."""

from tests.adapters.conftest import briefbot, briefbot_factory  # noqa: F401  (fixtures)
from tests.discord_standin.fixtures import standin, standin_factory  # noqa: F401  (fixtures)
