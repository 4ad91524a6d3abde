"""Load benchmark of the web desk with five years of data, served as production serves it.

    manage.py bench_web [--seconds 30] [--clients 20] [--workers 3]

1. A throwaway database next to the configured one (PostgreSQL: a new
   database on the same server, dropped at the end; SQLite: a temporary file),
   migrated, with the five-year data set (``bulletins.five_year_data``: 16
   units, 300 issues, 8,000 items, the search index) and a signed-in session
   for each role.
2. gunicorn with 3 workers on ``newsroom.wsgi`` (DEBUG off, static files by
   WhiteNoise from collected files), as the Dockerfile runs it.
3. For each page, 20 concurrent clients for a fixed time; p50/p95/p99 and
   requests per second per page.
4. The data set grown to 50,000 items: the search pages again, and the cost of
   indexing one saved item.

Not part of the test suite; ``make bench-web`` runs it.
"""

import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# page name, role, kind (desk / admin / search), the issue's p95 before (ms) or None
PAGES = [
    ("通讯员首页", "contributor", "desk", 316),
    ("我的稿件", "contributor", "desk", None),
    ("编辑首页", "editor", "desk", None),
    ("来稿（待处理）", "editor", "desk", None),
    ("来稿（全部状态）", "editor", "desk", 607),
    ("稿件审阅", "editor", "desk", None),
    ("编排期刊（期刊列表）", "editor", "desk", 628),
    ("往期存档", "editor", "desk", 493),
    ("组版页（编排中的一期）", "editor", "desk", 570),
    ("待签发列表", "signer", "desk", None),
    ("签发页", "signer", "desk", None),
    ("阅读版", "contributor", "desk", None),
    ("后台·稿件", "administrator", "admin", 1300),
    ("后台·期", "administrator", "admin", 1300),
    ("后台·流转记录", "administrator", "admin", 1300),
    ("后台·用户", "administrator", "admin", None),
    ("检索：项目建设", "editor", "search", None),
    ("检索：通讯员“复工”", "contributor", "search", None),
    ("检索：短语与排除", "editor", "search", None),
    ("检索建议", "editor", "search", None),
]
TARGETS = {"desk": 150, "admin": 300, "search": 100}


def _urls(data):
    from django.urls import reverse

    item = data.review_item
    return {
        "通讯员首页": reverse("home"),
        "我的稿件": reverse("item_list"),
        "编辑首页": reverse("home"),
        "来稿（待处理）": reverse("inbox"),
        "来稿（全部状态）": reverse("inbox") + "?state=",
        "稿件审阅": reverse("item_review", args=[item]),
        "编排期刊（期刊列表）": reverse("issue_list"),
        "往期存档": reverse("archive"),
        "组版页（编排中的一期）": reverse("issue_compose", args=[data.drafting_issue.pk]),
        "待签发列表": reverse("signoff_queue"),
        "签发页": reverse("issue_review", args=[data.review_issue.pk]),
        "阅读版": reverse("issue_read", args=[data.published_issue.pk]),
        "后台·稿件": reverse("admin:bulletins_item_changelist"),
        "后台·期": reverse("admin:bulletins_issue_changelist"),
        "后台·流转记录": reverse("admin:bulletins_workflowlog_changelist"),
        "后台·用户": reverse("admin:auth_user_changelist"),
        "检索：项目建设": reverse("search") + "?q=" + quote("项目建设"),
        "检索：通讯员“复工”": reverse("search") + "?q=" + quote("复工"),
        "检索：短语与排除": reverse("search") + "?q=" + quote('"重点项目" -招商'),
        "检索建议": reverse("search_suggest") + "?q=" + quote("社区"),
    }


def _sessions(data):
    """A signed-in session per role, written straight into the session store."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    backend = next((b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")),
                   settings.AUTHENTICATION_BACKENDS[0])
    sessions = {}
    for role, user in (("contributor", data.contributors[0]), ("editor", data.editor), ("signer", data.signer),
                       ("administrator", data.administrator)):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = backend
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[role] = store.session_key
    return sessions


def _percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _cpu_seconds(pids):
    """{pid: user + system CPU seconds used so far} for the live ones (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    return used


def _children(parent):
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == parent:
                        pids.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return pids


class ServerCpu:
    """CPU time spent serving: the gunicorn workers and, on PostgreSQL, the
    database's backends for the benchmark database. Unlike latency under 20
    clients, CPU per request hardly depends on what else the machine runs."""

    def __init__(self, master_pid, database_url):
        self.master_pid, self.database_url = master_pid, database_url

    def _pids(self):
        pids = _children(self.master_pid)
        if self.database_url.startswith("postgres"):
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                rows = conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                ).fetchall()
            pids += [r[0] for r in rows]
        return pids

    def sample(self):
        pids = self._pids()
        return pids, _cpu_seconds(pids)

    def since(self, sample):
        """CPU seconds since ``sample``; a database backend that ended in between
        (idle connections close) takes its share with it, so this is a lower bound."""
        pids, before = sample
        after = _cpu_seconds(set(pids) | set(self._pids()))
        return sum(max(0.0, used - before.get(pid, 0.0)) for pid, used in after.items())


def drive(port, path, session, clients, seconds):
    """``clients`` threads GET ``path`` back to back for ``seconds``: latencies (s) and failures."""
    latencies, failures, lock = [], [], threading.Lock()
    stop_at = time.perf_counter() + seconds
    headers = {"Cookie": f"sessionid={session}", "Host": f"127.0.0.1:{port}", "Accept-Language": "zh-hans"}

    def client():
        mine, bad = [], []
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                status = response.status
            except OSError as exc:
                status = str(exc)
            mine.append(time.perf_counter() - start)
            if status != 200:
                bad.append(status)
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failures, time.perf_counter() - began


class Command(BaseCommand):
    help = "网页负载测试：五年数据量、gunicorn 3 进程、每页 20 个并发已登录用户，输出 p50/p95/p99 与每秒请求数"

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=30, help="每页压测秒数（默认 30）")
        parser.add_argument("--clients", type=int, default=20, help="并发用户数（默认 20）")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn 进程数（默认 3）")
        parser.add_argument("--port", type=int, default=8160, help="gunicorn 端口（默认 8160）")
        parser.add_argument("--units", type=int, default=16)
        parser.add_argument("--issues", type=int, default=300)
        parser.add_argument("--items", type=int, default=8000)
        parser.add_argument("--search-items", type=int, default=50000, help="检索测试的稿件总数（默认 50000；0 不测）")
        parser.add_argument("--only", default="", help="只测名称含此文字的页面，逗号分隔")
        # Internal: the step run inside the throwaway database (in a child process).
        parser.add_argument("--build-step", choices=["build", "grow"], help="（内部）在当前数据库中建数据")

    # ------------------------------------------------------------ child steps

    def _build_step(self, options):
        from bulletins import five_year_data
        from bulletins.models import Item, ItemState

        if options["build_step"] == "build":
            start = time.perf_counter()
            data = five_year_data.build(units=options["units"], issues=options["issues"], items=options["items"])
            built = time.perf_counter() - start
        else:
            data = five_year_data.load()
            missing = options["search_items"] - data.items
            start = time.perf_counter()
            if missing > 0:
                five_year_data.fill(data, issues=0, items=missing, pool=0, index=True)
            built = time.perf_counter() - start
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh statistics after the bulk load, as autovacuum would give
        items = Item.objects.filter(unit__in=data.units).order_by("-id")
        data.review_item = (items.filter(state=ItemState.SUBMITTED).first() or items.first()).pk
        result = {
            "built_seconds": built, "items": Item.objects.count(), "urls": _urls(data), "sessions": _sessions(data),
            "index_ms": _index_cost(data) if options["build_step"] == "grow" else None,
        }
        self.stdout.write("BENCH-JSON " + json.dumps(result, ensure_ascii=False))

    # ------------------------------------------------------------ the benchmark

    def handle(self, *args, **options):
        if options["build_step"]:
            return self._build_step(options)
        only = [s for s in options["only"].split(",") if s]
        pages = [p for p in PAGES if not only or any(s in p[0] for s in only)]
        with _throwaway(self.stdout) as env:
            self.stdout.write(f"建五年数据：{options['units']} 个单位、{options['issues']} 期、{options['items']} 篇稿件 …")
            built = self._child(env, "build", options)
            self.stdout.write(f"  用时 {built['built_seconds']:.0f} 秒，共 {built['items']} 篇稿件")
            results = {}
            with _gunicorn(env, options["port"], options["workers"]) as server:
                self.cpu = ServerCpu(server.pid, env["DATABASE_URL"])
                for name, role, kind, before in pages:
                    results[name] = dict(self._page(options, built, name, role), kind=kind, before=before)
                if options["search_items"] > built["items"] and any(k == "search" for _, _, k, _ in pages):
                    self.stdout.write(f"扩充到 {options['search_items']} 篇稿件并重建检索索引 …")
                    grown = self._child(env, "grow", options)
                    self.stdout.write(f"  用时 {grown['built_seconds']:.0f} 秒，共 {grown['items']} 篇稿件")
                    for name, role, kind, before in pages:
                        if kind == "search":
                            results[f"{name}（{grown['items']}篇）"] = dict(
                                self._page(options, grown, name, role), kind=kind, before=before)
                    results["_index_ms"] = grown["index_ms"]
        self._report(options, pages, results)

    def _child(self, env, step, options):
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench_web", "--build-step", step,
                   "--units", str(options["units"]), "--issues", str(options["issues"]),
                   "--items", str(options["items"]), "--search-items", str(options["search_items"])]
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode:
            raise CommandError(f"建数据失败：{done.stderr[-2000:]}")
        line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH-JSON "))
        return json.loads(line[len("BENCH-JSON "):])

    def _page(self, options, built, name, role):
        path, session = built["urls"][name], built["sessions"][role]
        drive(options["port"], path, session, 2, 1)  # warm the workers
        sample = self.cpu.sample()
        latencies, failures, elapsed = drive(options["port"], path, session, options["clients"], options["seconds"])
        cpu_ms = self.cpu.since(sample) * 1000 / max(1, len(latencies))
        figures = {
            "cpu_ms": cpu_ms,
            "p50": _percentile(latencies, 0.50) * 1000, "p95": _percentile(latencies, 0.95) * 1000,
            "p99": _percentile(latencies, 0.99) * 1000, "rps": len(latencies) / elapsed,
            "requests": len(latencies), "failures": len(failures), "failure_sample": failures[:3],
        }
        self.stdout.write(
            f"  {name:<20} p50 {figures['p50']:6.0f} ms  p95 {figures['p95']:6.0f} ms  p99 {figures['p99']:6.0f} ms"
            f"  {figures['rps']:6.1f} 次/秒  服务端 CPU {cpu_ms:5.0f} ms/次" + (f"  失败 {figures['failures']}：{figures['failure_sample']}" if failures else "")
        )
        return figures

    def _report(self, options, pages, results):
        out = self.stdout.write
        out("")
        out(f"数据库：{connection.vendor}；gunicorn {options['workers']} 进程；每页 {options['clients']} 个并发用户、"
            f"{options['seconds']:.0f} 秒")
        out(f"负载（1 分钟平均）：{os.getloadavg()[0]:.1f}，{os.cpu_count()} 核")
        out("| 页面 | p50 | p95 | p99 | 次/秒 | 服务端 CPU/次 | 目标 p95 | 原 p95 |")
        out("|---|---|---|---|---|---|---|---|")
        for name, f in results.items():
            if name.startswith("_"):
                continue
            mark = "" if f["p95"] <= TARGETS[f["kind"]] else " ✗"
            fail = f"（失败 {f['failures']}）" if f["failures"] else ""
            before = f"{f['before']} ms" if f["before"] else "—"
            out(f"| {name}{fail} | {f['p50']:.0f} ms | {f['p95']:.0f} ms{mark} | {f['p99']:.0f} ms | {f['rps']:.1f} | "
                f"{f['cpu_ms']:.0f} ms | ≤ {TARGETS[f['kind']]} ms | {before} |")
        if results.get("_index_ms"):
            cost = results["_index_ms"]
            out(f"索引一篇保存的稿件：中位数 {cost['median']:.1f} ms，p95 {cost['p95']:.1f} ms"
                f"（{cost['runs']} 次，正文平均 {cost['chars']:.0f} 字；目标 ≤ 20 ms）")


def _index_cost(data, runs=200):
    """Milliseconds to index one saved item (segmentation + writing its entry) in the full database."""
    from bulletins.diffing import html_to_text
    from bulletins.models import Item
    from bulletins.search.indexing import index_item

    items = list(Item.objects.filter(unit__in=data.units).select_related("unit", "author", "kind").order_by("?")[:runs])
    times = []
    for item in items:
        start = time.perf_counter()
        index_item(item)
        times.append((time.perf_counter() - start) * 1000)
    return {"median": statistics.median(times), "p95": _percentile(times, 0.95), "runs": len(times),
            "chars": statistics.mean(len(html_to_text(i.body)) for i in items)}


@contextmanager
def _throwaway(stdout):
    """Environment variables for child processes pointing at a new, migrated
    database (dropped afterwards), production settings and temporary folders."""
    db = settings.DATABASES["default"]
    tmp = Path(tempfile.mkdtemp(prefix="bench-web-"))
    # Collected static files are kept between runs (collecting and compressing them takes minutes).
    static_root = Path(settings.BASE_DIR) / "var" / "bench-web-static"
    env = dict(os.environ, SECRET_KEY=secrets.token_urlsafe(40), STATIC_ROOT=str(static_root),
               MEDIA_ROOT=str(tmp / "media"), DJANGO_SETTINGS_MODULE="newsroom.settings")
    env.pop("DEBUG", None)
    env.pop("CELERY_BROKER_URL", None)  # renders in-process, as the embedded default does
    drop = None
    if connection.vendor == "postgresql":
        import psycopg

        name = f"{db['NAME']}_bench_web"
        admin = dict(host=db.get("HOST") or "localhost", port=db.get("PORT") or 5432, user=db.get("USER"),
                     password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True)
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        auth = db.get("USER") or ""
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        env["DATABASE_URL"] = f"postgres://{auth}@{admin['host']}:{admin['port']}/{name}"

        def drop():
            with psycopg.connect(**admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    elif connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    else:
        raise CommandError(f"不支持的数据库：{connection.vendor}")
    try:
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        stdout.write("建临时数据库并迁移 …")
        for step in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
            done = subprocess.run(manage + step, env=env, capture_output=True, text=True)
            if done.returncode:
                raise CommandError(f"{step[0]} 失败：{done.stderr[-2000:]}")
        yield env
    finally:
        if drop:
            drop()
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _gunicorn(env, port, workers):
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "120", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/login/")
                conn.getresponse().read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise CommandError(f"gunicorn 未能启动：{process.stderr.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.3)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
