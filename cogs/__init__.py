"""discord.py extensions, one per feature. Each parses options, calls the core, renders, replies."""
