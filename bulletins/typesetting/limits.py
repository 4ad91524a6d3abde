"""Every render runs with a time and a memory limit, and a failed render names
the item it was laying out.

``limited`` sets a deadline and a memory ceiling for the renders of the
calling thread. In a process's main thread (a gunicorn sync worker, a Celery
worker, the command line) a timer signal checks both every quarter second and
interrupts the render wherever it is. In any thread, ``install`` (called by
``engine.prepare``) wraps the WeasyPrint steps every render repeats — box
building, block and table layout, line breaking, drawing — with ``check``,
which raises ``RenderLimitExceeded`` once the deadline has passed or the
process has grown past the ceiling. The same limits hold in the web process
(tasks run in-process by default) and in a Celery worker, where the task's
soft and hard time limits stand behind them.

While laying out, ``check`` also notes the item whose box it is in (the
bulletin marks each item's section with ``data-item``; the newspaper's
measuring probes carry the item in their id), so the error says which item
the editor should look at.
"""

import contextlib
import functools
import os
import re
import signal
import sys
import threading
import time

from django.conf import settings

_state = threading.local()
_CHECK_MEMORY_EVERY = 256  # calls between two looks at the process size (a /proc read)
_PROBE_ID = re.compile(r"^[hcbp]-(\d+)-")


class RenderLimitExceeded(Exception):
    """A render ran past its time or memory limit (the message is Chinese)."""

    def __init__(self, message, item_id=None):
        super().__init__(message)
        self.item_id = item_id


def time_limit():
    return float(getattr(settings, "NEWSROOM_RENDER_TIME_LIMIT", 30))


def memory_limit_mb():
    return int(getattr(settings, "NEWSROOM_RENDER_MEMORY_LIMIT_MB", 1024))


@contextlib.contextmanager
def limited(seconds=None, megabytes=None):
    """Renders in this thread stop with ``RenderLimitExceeded`` after
    ``seconds`` or once the process grew by ``megabytes`` (defaults: settings)."""
    seconds = time_limit() if seconds is None else seconds
    megabytes = memory_limit_mb() if megabytes is None else megabytes
    previous = getattr(_state, "limits", None)
    _state.limits = (time.monotonic() + seconds, seconds, _rss_mb() + megabytes, megabytes)
    _state.calls = 0
    _state.item_id = None
    try:
        with _timer():
            yield
    finally:
        _state.limits = previous


_TICK = 0.25  # seconds between two timer checks


@contextlib.contextmanager
def _timer():
    """In the main thread, SIGALRM every _TICK runs ``check`` wherever the render is."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        yield  # someone else's timer is running: leave it alone, the hooks still check
        return

    def on_tick(signum, frame):
        check(memory=True)

    previous = signal.signal(signal.SIGALRM, on_tick)
    signal.setitimer(signal.ITIMER_REAL, _TICK, _TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0, 0)
        signal.signal(signal.SIGALRM, previous)


def current_item_id():
    """The item the last render of this thread was laying out (None if unknown)."""
    return getattr(_state, "item_id", None)


def check(box=None, memory=False):
    limits = getattr(_state, "limits", None)
    if limits is None:
        return
    if box is not None:
        _note_item(box)
    deadline, seconds, ceiling, megabytes = limits
    if time.monotonic() > deadline:
        raise RenderLimitExceeded(f"排版超过时间上限（{seconds:g}秒）", current_item_id())
    _state.calls += 1
    if (memory or _state.calls % _CHECK_MEMORY_EVERY == 0) and _rss_mb() > ceiling:
        raise RenderLimitExceeded(f"排版占用内存超过上限（{megabytes}MB）", current_item_id())


def _note_item(box):
    # A box (layout) or an element (box building).
    element = getattr(box, "element", box)
    get = getattr(element, "get", None)
    if get is None or not str(getattr(element, "tag", "")).endswith(("section", "div")):
        return
    item = get("data-item")
    if item is None:
        match = _PROBE_ID.match(get("id") or "")
        item = match.group(1) if match else None
    if item and item.isdigit():
        _state.item_id = int(item)


def _rss_mb():
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0


# WeasyPrint functions every render calls again and again: (module, name, where the box argument is).
_HOOKS = (
    ("weasyprint.formatting_structure.build", "element_to_box", 0),
    ("weasyprint.layout.table", "collapse_table_borders", None),
    ("weasyprint.layout.block", "block_level_layout", 1),
    ("weasyprint.text.line_break", "split_first_line", None),
    ("weasyprint.layout.table", "table_layout", 1),
    ("weasyprint.draw", "draw_stacking_context", None),
    ("weasyprint.draw.border", "draw_line", None),
)


def install():
    """Wrap the hooked WeasyPrint functions with ``check`` wherever they are
    referenced (modules import them by name). Called once, by ``engine.prepare``."""
    for module_name, name, box_index in _HOOKS:
        module = sys.modules.get(module_name)
        original = getattr(module, name, None) if module else None
        if original is None or getattr(original, "_newsroom_limited", False):
            continue  # WeasyPrint changed shape: the other hooks still hold the limits
        wrapped = _wrapped(original, box_index)
        for other in list(sys.modules.values()):
            if getattr(other, "__name__", "").startswith("weasyprint") and getattr(other, name, None) is original:
                setattr(other, name, wrapped)


def _wrapped(original, box_index):
    @functools.wraps(original)
    def limited_call(*args, **kwargs):
        check(args[box_index] if box_index is not None and len(args) > box_index else None)
        return original(*args, **kwargs)

    limited_call._newsroom_limited = True
    return limited_call
