"""briefbot: sourced briefings and who-said-what-when lookups, for Discord and the terminal."""

__version__ = "0.1.0"
