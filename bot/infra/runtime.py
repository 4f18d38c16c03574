"""How the bot's processes run Python: settings that are not the user's to choose."""

from __future__ import annotations

# Python collects its youngest objects every 700 allocations. A burst of interactions allocates millions of
# short-lived objects that reference counting frees anyway, so those collections (about 600 per 1,500
# interactions, and the older ones they lead to) cost the bot about 0.2 s of CPU (bench/interactions.py: GC
# time 290 -> 80 ms, bot CPU per burst 0.30 -> 0.23 s cached, 0.58 -> 0.53 s distinct). Cycles are still
# collected, less often; resident memory is the same (~112 MB). The bot and its lookup process run with these;
# so does bench/search.py, to time the search as the bot runs it.
GC_THRESHOLDS = (50_000, 20, 20)
