"""`python -m bot` starts the bot (or the console without a token), like `briefbot run`."""

from bot.adapters.cli import app

if __name__ == "__main__":  # not when a spawned process (the lookup process) imports the main module again
    app(["run"], prog_name="briefbot")
