"""Chinese text → index tokens: jieba's words plus every single character.

The segmenter is rjieba, the Python binding of jieba-rs (jieba's algorithm and
dictionary in Rust): about 25 times faster than the pure-Python jieba
(0.2 ms against 5 ms for 350 characters), which keeps indexing a saved item
well under 20 ms.

Words make a match on a whole word rank higher; the single characters, kept in
order, make every substring findable as a phrase of characters (复工复产, 复工,
a person's name that jieba does not know). Latin letters and digits are kept as
runs (2025, gdp), lower-cased.

The dictionary is compiled into the package (no file or network access); the
segmenter is built once per process, on first use, under a lock.
"""

import re
import threading

import rjieba

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
                _tokenizer = rjieba.Jieba()  # the dictionary built into the package
    return _tokenizer


def characters(text):
    """The character tokens of a text, in order."""
    return [m.group(0).lower() for m in _CHAR_TOKEN.finditer(text or "")]


def words(text):
    """jieba's search-mode words of more than one character (single characters are
    indexed by ``characters`` already)."""
    result = []
    for word in tokenizer().cut_for_search(text or "", True):
        word = word.strip().lower()
        if _CJK_WORD.fullmatch(word):
            result.append(word)
    return result


def index_text(text):
    """The token string stored in the index: the words, then the characters."""
    return " ".join(words(text) + characters(text))
