"""Daily digests, as plain data: what is new for a server since its last digest, and when the next one is due.

No wording and no Discord here (bot/render/digest.py words it; bot/adapters/discord_bot schedules and posts it).
Import the modules themselves: `models` (data only, also read by the store), `schedule`, `compose`.
"""
