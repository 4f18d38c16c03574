"""Schema migrations, applied in order at start-up; PRAGMA user_version records how far a file has come.

Append new steps; never edit a released one. Content tables are rebuilt by the compiler; runtime tables
(guild_settings, digest_runs) hold user state and must survive every migration and recompile.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: content, imported claims and runtime state
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE articles (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, file TEXT, author TEXT, outlet TEXT, kind TEXT,
        published TEXT NOT NULL, precision TEXT NOT NULL, not_before TEXT, not_after TEXT, url TEXT,
        origin TEXT NOT NULL DEFAULT 'content',
        body TEXT  -- the article's text when the user has it (seeds folder, ingest): source passages

    );
    CREATE TABLE people (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'content'
    );
    CREATE TABLE roles (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        title TEXT NOT NULL, start TEXT, end TEXT
    );
    CREATE TABLE aliases (
        person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        alias TEXT NOT NULL, folded TEXT NOT NULL, start TEXT, end TEXT, is_role INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX aliases_folded ON aliases(folded);
    CREATE TABLE topics (slug TEXT PRIMARY KEY, title TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]');
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        speaker_id TEXT NOT NULL REFERENCES people(id),
        speaker_role TEXT, kind TEXT NOT NULL, text TEXT NOT NULL, quote TEXT,
        said_on TEXT NOT NULL, said_sort TEXT NOT NULL, precision TEXT NOT NULL, basis TEXT NOT NULL,
        date_note TEXT, not_before TEXT, not_after TEXT, figures TEXT NOT NULL DEFAULT '[]',
        topics TEXT NOT NULL DEFAULT '[]',
        origin TEXT NOT NULL DEFAULT 'content', added_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX claims_speaker ON claims(speaker_id, said_sort);
    CREATE INDEX claims_said ON claims(said_sort);
    CREATE TABLE claim_appearances (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id),
        start INTEGER NOT NULL, end INTEGER NOT NULL
    );
    CREATE INDEX appearances_claim ON claim_appearances(claim_id);
    CREATE INDEX appearances_article ON claim_appearances(article_id);
    CREATE TABLE claim_topics (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE, topic TEXT NOT NULL
    );
    CREATE INDEX claim_topics_topic ON claim_topics(topic);
    CREATE TABLE briefings (
        slug TEXT PRIMARY KEY, title TEXT NOT NULL, summary TEXT NOT NULL, updated TEXT,
        data TEXT NOT NULL
    );

    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY, digest_channel_id INTEGER, digest_time TEXT, timezone TEXT,
        digest_enabled INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE digest_runs (
        guild_id INTEGER NOT NULL, run_date TEXT NOT NULL, status TEXT NOT NULL,
        message_id INTEGER, started_at TEXT NOT NULL DEFAULT (datetime('now')), posted_at TEXT,
        PRIMARY KEY (guild_id, run_date)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
