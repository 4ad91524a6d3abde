"""Chinese text → index tokens: jieba's words plus every single character.

Words make a match on a whole word rank higher; the single characters, kept in
order, make every substring findable as a phrase of characters (复工复产, 复工,
a person's name that jieba does not know). Latin letters and digits are kept as
runs (2025, gdp), lower-cased.

jieba loads its dictionary from the package itself (no network); it is
initialised once per process, on first use, under a lock.
"""

import logging
import re
import threading

import jieba

_lock = threading.Lock()
_tokenizer = None

# One CJK character (basic block, extension A, compatibility) or a run of
# Latin letters / digits.
_CHAR_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[0-9a-z]+", re.I)
_CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                t = jieba.Tokenizer()  # the dictionary shipped inside the package
                t.initialize()
                _tokenizer = t
    return _tokenizer


def characters(text):
    """The character tokens of a text, in order."""
    return [m.group(0).lower() for m in _CHAR_TOKEN.finditer(text or "")]


def words(text):
    """jieba's search-mode words of more than one character (single characters are
    indexed by ``characters`` already)."""
    result = []
    for word in tokenizer().cut_for_search(text or ""):
        word = word.strip().lower()
        if _CJK_WORD.fullmatch(word):
            result.append(word)
    return result


def index_text(text):
    """The token string stored in the index: the words, then the characters."""
    return " ".join(words(text) + characters(text))
