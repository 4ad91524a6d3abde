"""Benchmark printing a 5-page 上街信息 issue: warm render, cold process, size, memory, Chromium."""

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from bulletins.benchmarking import rolled_back, timed
from bulletins.typesetting.bulletin import build_html, render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue


class Command(BaseCommand):
    help = "排版性能测试：5 页《上街信息》的热渲染、冷启动、PDF 大小、峰值内存，并与 Chromium 打印对比"

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=9, help="热渲染次数")
        parser.add_argument("--cold-runs", type=int, default=3, help="冷启动进程次数")
        parser.add_argument("--no-chromium", action="store_true", help="不做 Chromium 对比")

    def handle(self, *args, **options):
        figures = {}
        with rolled_back():  # the specimen issue never outlives the benchmark
            issue = make_specimen_issue(repeat=2, number=900, year=2099)
            start = time.perf_counter()
            pdf = render_bulletin(issue, final=False)  # warms fonts and caches
            figures["first"] = time.perf_counter() - start
            warm = timed(options["runs"], lambda _: render_bulletin(issue, final=False))
            pdf = warm["result"]
            figures["pages"] = _weasyprint_pages(issue)
            figures["warm"] = warm["median"]
            figures["warm_range"] = (warm["low"], warm["high"])
            figures["warm_cpu"] = warm["cpu"]
            figures["runs"] = warm["runs"]
            figures["type3"] = b"/Type3" in pdf
            figures["size_kb"] = len(pdf) / 1024
            figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            html = build_html(issue, final=False)
            with tempfile.TemporaryDirectory() as tmp:
                figures.update(_cold_render_issue(Path(tmp), options["cold_runs"]))
                if not options["no_chromium"]:
                    figures.update(self._chromium(html, Path(tmp)))
        self._report(figures)

    def _chromium(self, html, tmp):
        browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not browser:
            return {"chromium": None}
        source = tmp / "issue.html"
        source.write_text(html, encoding="utf-8")
        target = tmp / "chromium.pdf"
        start = time.perf_counter()
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={target}", source.as_uri()],
            capture_output=True, check=False, timeout=120,
        )
        elapsed = time.perf_counter() - start
        if not target.exists():
            return {"chromium": None}
        data = target.read_bytes()
        return {
            "chromium": elapsed,
            "chromium_kb": len(data) / 1024,
            "chromium_pages": _count_pages(data),
            "chromium_type3": b"/Type3" in data,
        }

    def _report(self, f):
        out = self.stdout.write
        low, high = f["warm_range"]
        cold_low, cold_high = f["cold_range"]
        out(f"页数：{f.get('pages')}（{os.cpu_count()} 核）")
        out(f"热渲染（进程内，{f['runs']} 次中位数）：{f['warm']:.3f} 秒（最快 {low:.3f}，最慢 {high:.3f}；CPU 时间 {f['warm_cpu']:.3f}；目标 ≤ 0.3）")
        out(f"进程内首次渲染（含载入字体）：{f['first']:.3f} 秒")
        out(
            f"冷启动 render_issue 进程（{f['cold_runs']} 次中位数）：{f['cold']:.3f} 秒"
            f"（最快 {cold_low:.3f}，最慢 {cold_high:.3f}；目标 ≤ 2）"
        )
        out(f"PDF 大小：{f['size_kb']:.0f} KB（目标 ≤ 400）；Type 3 字体：{'有' if f['type3'] else '无'}")
        out(f"峰值内存：本进程 {f['peak_mb']:.0f} MB，冷启动进程 {f['cold_peak_mb']:.0f} MB（目标 ≤ 300）")
        if "chromium" not in f:
            out("Chromium 对比：已跳过（--no-chromium）")
        elif f["chromium"] is None:
            out("Chromium 对比：未找到 chromium 或打印失败")
        else:
            out(
                f"Chromium 打印同一 HTML：{f['chromium']:.3f} 秒（含启动），{f['chromium_kb']:.0f} KB，"
                f"{f['chromium_pages']} 页，Type 3 字体：{'有' if f['chromium_type3'] else '无'}"
            )


def _weasyprint_pages(issue):
    from bulletins.typesetting import engine

    # Through the project's engine and its fetcher, as every WeasyPrint call.
    return len(engine.render_html(build_html(issue, final=False)).pages)


def _count_pages(data):
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return max(counts, default=0)


# Run a Python command so that it reports its own peak memory when it exits.
# The kernel's ru_maxrss (wait4, RUSAGE_CHILDREN) of a child carries the
# parent's resident size over fork and exec: /bin/true started from a 300 MB
# benchmark reads 311 MB. VmHWM belongs to the child's own address space.
_PEAK_WRAPPER = """
import atexit, runpy, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("CHILD-PEAK-KB %s\\n" % line.split()[1])
atexit.register(_peak)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def child_peak_command(python_command):
    """``[python, script, args…]`` wrapped so the child prints its own VmHWM on exit."""
    return [python_command[0], "-c", _PEAK_WRAPPER, *python_command[1:]]


def child_peak_mb(stderr):
    for line in reversed(stderr.splitlines()):
        if line.startswith("CHILD-PEAK-KB "):
            return int(line.split()[1]) / 1024
    raise RuntimeError("子进程没有报告峰值内存（需要 Linux 的 /proc）")


def _cold_render_issue(tmp, runs):
    """Seconds and peak memory of fresh ``manage.py render_issue`` processes (Django set-up, fonts, render, write).

    The benchmark's own issue sits in a transaction that is rolled back, which
    another process cannot see; so the same specimen is written to a
    throwaway SQLite database in ``tmp`` first, and only the render is timed.
    """
    db = tmp / "bench.sqlite3"
    env = dict(os.environ, DEBUG="1", DATABASE_URL=f"sqlite:///{db}")
    manage = Path(settings.BASE_DIR) / "manage.py"
    subprocess.run([sys.executable, str(manage), "migrate", "-v", "0"], env=env, check=True, capture_output=True)
    setup = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'newsroom.settings'); django.setup();"
        "from bulletins.typesetting.specimen import make_specimen_issue as m; print(m(repeat=2).pk)"
    )
    made = subprocess.run([sys.executable, "-c", setup], env=env, check=True, capture_output=True, text=True)
    pk = made.stdout.strip().splitlines()[-1]
    command = child_peak_command([sys.executable, str(manage), "render_issue", "--id", pk, "-o", str(tmp / "cold.pdf")])
    times, peaks = [], []
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode:
            raise RuntimeError(f"render_issue 失败：{done.stderr}")
        peaks.append(child_peak_mb(done.stderr))
    return {
        "cold": statistics.median(times),
        "cold_range": (min(times), max(times)),
        "cold_runs": len(times),
        "cold_peak_mb": max(peaks),
    }
