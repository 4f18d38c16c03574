"""Adapters: the typed command table, the console, the CLI and the discord.py bot."""
