"""The SQLite FTS5 triggers that keep ``search_fts`` in step with ``search_searchentry``.

A migration that makes SQLite rebuild the entry table (adding a unique or
foreign-key column does) drops them with the old table: such a migration ends
with ``recreate_triggers``.
"""

TRIGGERS = [
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO search_fts(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens);
    END""",
]


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("search_fts_ai", "search_fts_ad", "search_fts_au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in TRIGGERS:
        schema_editor.execute(sql)
    # The copy into the rebuilt table fired no trigger; the index content is unchanged
    # (same rowids), but rebuild it to be sure it matches.
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
