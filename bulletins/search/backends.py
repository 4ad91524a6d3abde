"""One interface over the two full-text back-ends.

``backend().match(queryset, query)`` narrows a SearchEntry queryset to the
entries matching a parsed ``query.Query`` and annotates each with ``rank``
(higher is better). PostgreSQL uses the generated ``vector`` column (GIN
index, ``simple`` configuration) and ``ts_rank``; SQLite uses the FTS5 table
``search_fts`` and ``bm25``. The match set is the same on both: every included
term's characters as a phrase, no excluded term's.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

TABLE = "search_searchentry"
FTS_TABLE = "search_fts"


def _phrase_pg(chars):
    return "(" + " <-> ".join(f"'{c}'" for c in chars) + ")"


class PostgresBackend:
    vendor = "postgresql"

    def tsquery(self, query, for_rank=False):
        parts = []
        for term in query.include:
            phrase = _phrase_pg(term.chars)
            if for_rank and term.words:
                # A whole-word hit ranks higher; it never widens the match (a word is a substring).
                phrase = "(" + " | ".join([phrase, *(f"'{w}'" for w in term.words)]) + ")"
            parts.append(phrase)
        if not for_rank:
            parts += [f"!{_phrase_pg(term.chars)}" for term in query.exclude]
        return " & ".join(parts)

    def match(self, queryset, query):
        matching = self.tsquery(query)
        ranking = self.tsquery(query, for_rank=True)
        return queryset.extra(
            where=[f"{TABLE}.vector @@ to_tsquery('simple', %s)"], params=[matching]
        ).annotate(rank=RawSQL(f"ts_rank({TABLE}.vector, to_tsquery('simple', %s))", [ranking]))


def _phrase_fts(chars):
    return '"' + " ".join(chars) + '"'


class SqliteBackend:
    vendor = "sqlite"

    def expression(self, query):
        """An FTS5 query: each term as its character phrase, or as a whole word
        when jieba knows the term as one (that ranks higher and never widens
        the match: the word is the same characters)."""
        parts = []
        for term in query.include:
            whole = "".join(term.chars)
            options = [_phrase_fts(term.chars), *(f'"{w}"' for w in term.words if w == whole)]
            parts.append("(" + " OR ".join(options) + ")")
        expr = " AND ".join(parts)
        for term in query.exclude:
            expr = f"({expr}) NOT {_phrase_fts(term.chars)}"
        return expr

    def match(self, queryset, query):
        # A join with the FTS table (not a subquery per row); bm25 is lower for
        # better matches, the title column weighs ten times the body.
        return queryset.extra(
            select={"rank": f"-bm25({FTS_TABLE}, 10.0, 1.0)"},
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = {TABLE}.id", f"{FTS_TABLE} MATCH %s"],
            params=[self.expression(query)],
        )


_BACKENDS = {b.vendor: b for b in (PostgresBackend(), SqliteBackend())}


def backend():
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise RuntimeError(f"全文检索不支持数据库 {connection.vendor}") from None
