"""Shared pieces of the benchmark commands (bench_bulletin, bench_newspaper)."""

import contextlib
import statistics
import time

from django.db import transaction


@contextlib.contextmanager
def rolled_back():
    """A transaction that is always rolled back: nothing a benchmark creates outlives it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def timed(runs, render):
    """Run ``render(n)`` ``runs`` times: median, range and CPU time (what the render
    costs when other processes share the cores), and the last result."""
    times, cpu_times, result = [], [], None
    for n in range(max(1, runs)):
        start, cpu_start = time.perf_counter(), time.process_time()
        result = render(n)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    return {
        "median": statistics.median(times), "low": min(times), "high": max(times),
        "cpu": statistics.median(cpu_times), "runs": len(times), "result": result,
    }
