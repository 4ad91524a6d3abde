"""Chinese word boundaries for the print layouts (jieba), shared by title and headline breaking.

A line of a title or headline should break between words (疫情防控 | 和), never
inside one (疫情防 | 控). ``boundaries`` says where the words of a text meet;
the layouts weigh their break points with it (``cjk.balance_lines`` for the
bulletin's titles; the newspaper's headlines may do the same).

jieba loads its dictionary once per process (about half a second the first
time a process segments anything; its prefix cache lives in the temporary
folder); segmentations are cached per text.

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
import logging
import threading

__all__ = ["boundaries", "splits_word", "words"]

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    # jieba announces loading its dictionary on the root of its own logger.
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    with _lock:
        tokenizer.initialize()
    return tokenizer


@functools.lru_cache(maxsize=4096)
def words(text):
    """The words of ``text`` (a tuple), in order; together they are ``text``."""
    if not text:
        return ()
    return tuple(_tokenizer().cut(text, HMM=True))


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
