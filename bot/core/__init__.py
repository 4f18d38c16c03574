"""The core: content, store, search, service. Knows nothing of Discord, render or adapters."""
