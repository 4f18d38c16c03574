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
    # 2: the search index. search_docs holds each claim's folded terms and the columns filters use; FTS5 indexes
    # it as external content (no positions: the ranker reads the terms); search_terms keeps each term's document
    # frequency; search_fuzzy maps one-deletion keys to terms for typos; search_articles serves source lookups.
    # New docs reach search_fts in one INSERT ... SELECT per batch (search_index.index_docs; a trigger per row
    # is 8x slower); deletes and updates follow through triggers.
    """
    CREATE TABLE search_docs (
        rowid INTEGER PRIMARY KEY,
        claim_id TEXT NOT NULL UNIQUE REFERENCES claims(id) ON DELETE CASCADE,
        speaker_id TEXT NOT NULL, kind TEXT NOT NULL, said_sort TEXT NOT NULL, said_last TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX search_docs_speaker ON search_docs(speaker_id, said_sort);
    CREATE INDEX search_docs_said ON search_docs(said_sort);
    CREATE VIRTUAL TABLE search_fts USING fts5(
        body, content='search_docs', content_rowid='rowid', detail=none, columnsize=0,
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
        INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
    END;
    CREATE TRIGGER search_docs_au AFTER UPDATE OF body ON search_docs BEGIN
        INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
        INSERT INTO search_fts(rowid, body) VALUES (new.rowid, new.body);
    END;
    CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE search_fuzzy (key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (key, term)) WITHOUT ROWID;
    CREATE TABLE search_articles (
        rowid INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
        body TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE search_articles_fts USING fts5(
        body, content='search_articles', content_rowid='rowid', detail=none, columnsize=0, prefix='2 3',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER search_articles_ad AFTER DELETE ON search_articles BEGIN
        INSERT INTO search_articles_fts(search_articles_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
    END;
    CREATE INDEX people_name ON people(name);
    CREATE INDEX claim_topics_claim ON claim_topics(claim_id);
    CREATE INDEX claims_origin ON claims(origin);  -- a recompile finds the content's claims among a million imported
    INSERT OR REPLACE INTO meta VALUES ('search_docs', '0');
    INSERT OR REPLACE INTO meta VALUES ('search_generation', '0')
    """,
    # 3: the latest articles without a scan, for an empty /source box (autocomplete) at 100k articles
    """
    CREATE INDEX IF NOT EXISTS articles_published ON articles(published)
    """,
    # 4: the synonym lexicon (data/synonyms.yaml): a query word also finds the other words of its groups
    """
    CREATE TABLE synonyms (group_id INTEGER NOT NULL, term TEXT NOT NULL, PRIMARY KEY (group_id, term)) WITHOUT ROWID
    """,
    # 5: a claim's search body may go on with the words of its source passages; `own` counts the claim's own
    # leading terms (NULL: the whole body is the claim's)
    """
    ALTER TABLE search_docs ADD COLUMN own INTEGER
    """,
    # 6: where a claim's date comes from: date_source (basis public_record: a URL or a short citation) and
    # date_phrase (the article's own words the date was worked out from, "on Sunday", "this week")
    """
    ALTER TABLE claims ADD COLUMN date_source TEXT;
    ALTER TABLE claims ADD COLUMN date_phrase TEXT
    """,
    # 7: daily digests. Per-server settings grow topics, quiet days and a pause with its reason; digest_runs
    # becomes the delivery ledger (one row per server and local date, written before posting: the nonce, the
    # rendered parts, the message ids as they are posted); claim_history and briefing_history remember when an
    # item was first seen and last changed, across recompiles (which re-insert every content claim); digest_sent
    # keeps what each server was sent, so no item reaches it twice. Rows that exist now are history already:
    # they are dated at the baseline, so the first digest does not announce the whole index as new.
    """
    ALTER TABLE guild_settings ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE guild_settings ADD COLUMN quiet_days TEXT NOT NULL DEFAULT 'post';
    ALTER TABLE guild_settings ADD COLUMN paused_reason TEXT;
    ALTER TABLE guild_settings ADD COLUMN paused_at TEXT;
    ALTER TABLE digest_runs ADD COLUMN nonce TEXT;
    ALTER TABLE digest_runs ADD COLUMN channel_id INTEGER;
    ALTER TABLE digest_runs ADD COLUMN scheduled_for TEXT;
    ALTER TABLE digest_runs ADD COLUMN since TEXT;
    ALTER TABLE digest_runs ADD COLUMN until TEXT;
    ALTER TABLE digest_runs ADD COLUMN payload TEXT;
    ALTER TABLE digest_runs ADD COLUMN items TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE digest_runs ADD COLUMN message_ids TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE digest_runs ADD COLUMN error TEXT;
    ALTER TABLE digest_runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE digest_runs ADD COLUMN updated_at TEXT;
    CREATE INDEX digest_runs_status ON digest_runs(status, run_date);
    CREATE INDEX digest_runs_posted ON digest_runs(guild_id, posted_at);
    CREATE TABLE claim_history (
        claim_id TEXT PRIMARY KEY, fingerprint TEXT, first_seen TEXT NOT NULL, changed_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX claim_history_changed ON claim_history(changed_at);
    CREATE TABLE briefing_history (
        slug TEXT PRIMARY KEY, fingerprint TEXT, first_seen TEXT NOT NULL, changed_at TEXT NOT NULL,
        points TEXT NOT NULL DEFAULT '[]', added TEXT NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID;
    CREATE TABLE digest_sent (
        guild_id INTEGER NOT NULL, kind TEXT NOT NULL, item_id TEXT NOT NULL, fingerprint TEXT,
        run_date TEXT NOT NULL, PRIMARY KEY (guild_id, kind, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX claims_month_day ON claims(substr(said_on, 6)) WHERE length(said_on) = 10;
    INSERT INTO claim_history SELECT id, NULL, '0001-01-01 00:00:00.000000', '0001-01-01 00:00:00.000000' FROM claims;
    INSERT INTO briefing_history (slug, fingerprint, first_seen, changed_at)
        SELECT slug, NULL, '0001-01-01 00:00:00.000000', '0001-01-01 00:00:00.000000' FROM briefings
    """,
    # 8: ingested articles, keyed by their text's hash so ingesting the same text twice changes nothing
    """
    CREATE TABLE ingested_articles (
        content_hash TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        source TEXT,
        ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
    ) WITHOUT ROWID;
    CREATE INDEX ingested_articles_article ON ingested_articles(article_id)
    """,
    # 9 (feeds, issue 14): the feeds with their polling state (conditional GET validators, backoff, a pause
    # with its reason) and every item ever taken. feed_items outlives its feed (no cascade): a feed removed and
    # added again takes none of its old items twice; the link and content hash indexes catch the same story in
    # another feed.
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT, topics TEXT NOT NULL DEFAULT '[]',
        added_at TEXT NOT NULL, etag TEXT, last_modified TEXT, last_poll TEXT, last_new_item TEXT,
        items_seen INTEGER NOT NULL DEFAULT 0, claims_added INTEGER NOT NULL DEFAULT 0,
        errors_in_a_row INTEGER NOT NULL DEFAULT 0, paused_reason TEXT, next_poll_at TEXT, last_error TEXT
    );
    CREATE INDEX feeds_due ON feeds(next_poll_at) WHERE paused_reason IS NULL;
    CREATE TABLE feed_items (
        feed_id INTEGER NOT NULL, item_key TEXT NOT NULL, link TEXT, content_hash TEXT,
        first_seen TEXT NOT NULL, PRIMARY KEY (feed_id, item_key)
    ) WITHOUT ROWID;
    CREATE INDEX feed_items_link ON feed_items(link) WHERE link IS NOT NULL;
    CREATE INDEX feed_items_content ON feed_items(content_hash) WHERE content_hash IS NOT NULL
    """,
    # 10 (issue 11): the last text of each content file that loaded as a whole, so a file whose new version
    # does not (a YAML typo) is served from it instead of going offline. path is the file's label
    # (data/claims/x.yaml); good_at is when that text (hash) first loaded. Runtime state: no compile clears it.
    """
    CREATE TABLE content_files (
        path TEXT PRIMARY KEY, text TEXT NOT NULL, hash TEXT NOT NULL, good_at TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    # 11 (issue 16): how many of a claim's last index terms are the names its paragraph set it in (places and
    # bodies named before its passage): evidence of what it is about, not text to compare the question with.
    """
    ALTER TABLE search_docs ADD COLUMN setting INTEGER NOT NULL DEFAULT 0
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
