"""Chinese word boundaries for the print layouts (jieba's algorithm), shared by title and headline breaking.

A line of a title or headline should break between words (疫情防控 | 和), never
inside one (疫情防 | 控). ``boundaries`` says where the words of a text meet;
the layouts weigh their break points with it (``cjk.balance_lines`` for the
bulletin's titles; the newspaper's headlines may do the same).

The segmenter is rjieba (jieba-rs, jieba's algorithm and dictionary compiled
in; the search app uses it too): built once per process on first use (about a
quarter of a second), segmentations cached per text.

Public API:

``words(text)``
    The words of ``text`` in order, as jieba cuts them (punctuation and spaces
    are words of their own); ``"".join(words(text)) == text``.
``boundaries(text)``
    The offsets ``0 < i < len(text)`` at which one word ends and the next
    begins.
``splits_word(text, index)``
    True when a break before ``text[index]`` would cut a word in two.
"""

import functools
import threading

__all__ = ["boundaries", "splits_word", "words"]

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import rjieba

    with _lock:
        return rjieba.Jieba()


@functools.lru_cache(maxsize=4096)
def words(text):
    """The words of ``text`` (a tuple), in order; together they are ``text``."""
    if not text:
        return ()
    return tuple(_tokenizer().cut(text, True))  # with the HMM for words not in the dictionary


@functools.lru_cache(maxsize=4096)
def boundaries(text):
    """Offsets (a frozenset) where one word of ``text`` ends and the next begins."""
    offsets, position = set(), 0
    for word in words(text):
        position += len(word)
        offsets.add(position)
    offsets.discard(len(text))
    return frozenset(offsets)


def splits_word(text, index):
    """Would a line break before ``text[index]`` cut a word in two?"""
    return 0 < index < len(text) and index not in boundaries(text)
