"""`python -m bot` starts the bot (or the console without a token), like `briefbot run`."""

from bot.adapters.cli import app

app(["run"], prog_name="briefbot")
