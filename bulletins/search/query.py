"""The search box's little language: words, "phrases", and -exclusions.

    复工复产 "项目 建设" -招商

Every term must occur (a term is matched as the sequence of its characters, so
it is found inside longer words too); a quoted phrase keeps its spaces out of
the way; a term after a minus sign must not occur.
"""

import re
from dataclasses import dataclass, field

from . import segment

_TERM = re.compile(r'(-?)(?:"([^"]*)"|“([^”]*)”|(\S+))')


@dataclass
class Term:
    text: str
    chars: list  # character tokens, matched as a phrase
    words: list  # jieba words of the term (for ranking)


@dataclass
class Query:
    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.include)

    def highlight_terms(self):
        return [t.text for t in self.include]


def parse(raw):
    query = Query()
    for minus, quoted, quoted_cn, bare in _TERM.findall((raw or "").strip()[:200]):
        text = (quoted or quoted_cn or bare).strip()
        if not text or text == "-":
            continue
        chars = segment.characters(text)
        if not chars:
            continue
        term = Term(text=text, chars=chars, words=segment.words(text))
        (query.exclude if minus else query.include).append(term)
    return query
