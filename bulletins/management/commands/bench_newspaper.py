"""Benchmark printing a 4-page 上街时讯 issue with six 3000×2000 photos: warm
render time (unchanged issue, and after one story is edited), PDF size and the
resolution the photos are embedded at."""

import datetime
import io
import os
import tempfile
import time

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.test import override_settings

from bulletins.benchmarking import rolled_back, timed
from bulletins.demo_newspaper import build_demo_newspaper_issue
from bulletins.models import Item, Publication, Role, Unit
from bulletins.typesetting.newspaper import typeset_newspaper


class Command(BaseCommand):
    help = "排版性能测试：4 版《上街时讯》（6 张 3000×2000 照片）的热渲染时间、PDF 大小与照片分辨率"

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7, help="热渲染次数")

    def handle(self, *args, **options):
        runs = max(1, options["runs"])
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            with rolled_back():  # nothing the benchmark creates outlives it
                issue = build_demo_newspaper_issue(*_bench_fixtures(), issue_date=datetime.date(2020, 2, 29))
                start = time.perf_counter()
                result = typeset_newspaper(issue, final=False)  # first: fonts, measuring, photo downsampling
                first = time.perf_counter() - start
                warm = timed(runs, lambda _: typeset_newspaper(issue, final=False))
                result = warm.pop("result")
                edited = timed(runs, lambda n: _render_after_edit(issue, n))
                photos = sum(item.images.count() for item in issue.items.all())
        size_mb = len(result.pdf) / 1024 / 1024
        out = self.stdout.write
        out(f"版数：{len(result.plan.pages)}，照片：{photos} 张（原图 3000×2000），{os.cpu_count()} 核")
        out(f"首次渲染（含测排与照片缩采样）：{first:.2f} 秒")
        ok = "✓" if warm["median"] <= 1 else "✗"
        out(f"热渲染（{runs} 次中位数）：{_figures(warm)}（目标 ≤ 1 秒）{ok}")
        out(f"改动一篇稿件后重排（{runs} 次中位数，只重新测排该稿）：{_figures(edited)}")
        out(f"PDF 大小：{size_mb:.2f} MB（目标 ≤ 3 MB）{'✓' if size_mb <= 3 else '✗'}")
        out(f"照片嵌入：{_photo_resolution(result.pdf)}")
        for note in result.plan.notes:
            out(f"排版提示：{note}")
        self._sixteen_pages(runs)

    def _sixteen_pages(self, runs):
        """A 16-page issue (a lead with a photo and three shorter stories a page)."""
        try:
            from tests.newspaper_stress import sixteen_pages
        except ImportError:
            self.stdout.write("16 版：需在项目目录中运行（期次由 tests/newspaper_stress.py 生成）。")
            return
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            with rolled_back():
                publication, editor, units = _bench_fixtures()
                issue = sixteen_pages(publication, units[0], editor)
                start = time.perf_counter()
                result = typeset_newspaper(issue, final=False)
                first = time.perf_counter() - start
                warm = timed(runs, lambda _: typeset_newspaper(issue, final=False))
        ok = "✓" if warm["median"] <= 4 else "✗"
        self.stdout.write(f"16 版（{len(result.plan.pages)} 版，16 张照片）首次渲染：{first:.2f} 秒")
        self.stdout.write(f"16 版热渲染（{runs} 次中位数）：{_figures(warm)}（目标 ≤ 4 秒）{ok}")


def _figures(f):
    return f"{f['median']:.2f} 秒（最快 {f['low']:.2f}，最慢 {f['high']:.2f}；CPU 时间 {f['cpu']:.2f}）"


def _render_after_edit(issue, n):
    """Change one sentence of a short story, as an editor would, then render."""
    item = Item.objects.filter(issue=issue, is_lead=False).order_by("pk").last()
    item.body = item.body.replace("。", f"。（第{n + 1}次修改）", 1) if n == 0 else item.body.replace(f"（第{n}次修改）", f"（第{n + 1}次修改）")
    item.save(update_fields=["body"])
    return typeset_newspaper(issue, final=False)


def _photo_resolution(pdf):
    """Embedded pixels per inch of the photos as printed (lowest and highest)."""
    import pdfplumber

    dpis, largest = [], (0, 0)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for image in page.images:
                width_px, height_px = image["srcsize"]
                dpis.append(width_px / ((image["x1"] - image["x0"]) / 72))
                largest = max(largest, (width_px, height_px))
    if not dpis:
        return "无"
    return f"{len(dpis)} 张，{min(dpis):.0f}–{max(dpis):.0f} dpi，最大 {largest[0]}×{largest[1]} 像素"


def _bench_fixtures():
    publication = Publication.objects.filter(kind=Publication.Kind.NEWSPAPER).first() or Publication.objects.create(
        name="上街时讯（测试）", slug="bench-shixun", kind=Publication.Kind.NEWSPAPER,
        issuing_line="中共上街区委宣传部传媒中心出版", english_name="SHANGJIE NEWSLETTER",
        registration_number="河南省连续性内资【审郑州连】00015号", notice="内部资料 免费交流",
        supervision_phone="67180000", page_size=Publication.PageSize.TABLOID, columns=4,
    )
    editor = User.objects.create_user(username="bench-newspaper-editor")
    editor.groups.add(Group.objects.get_or_create(name=Role.EDITOR)[0])
    unit = Unit.objects.create(name="性能测试单位（临时）", short_name="测试单位")
    return publication, editor, [unit]
