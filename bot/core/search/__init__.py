"""Search core: normalisation (accents, figures, typo keys), index rows, retrieval, ranking, people resolution.

No Discord and no SQL here: the store writes and reads the index (bot/store/search_index.py); the service calls
`Lookups` (bot/search/lookups.py) for /who, /quote, /when, /search and /source.
"""
