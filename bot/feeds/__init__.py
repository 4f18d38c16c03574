"""Feeds: polling RSS/Atom feeds over the network and handing new articles to a sink (ingest).

A service layer beside the adapters: it may use the core and aiohttp, never Discord; the core never imports
it. fetch (polite HTTP) -> parse (feedparser) -> extract (a page's main text) -> sink; poller schedules.
"""
