"""Benchmark printing a 4-page 上街时讯 issue with six 3000×2000 photos: warm render time and PDF size."""

import datetime
import statistics
import tempfile
import time

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from bulletins.demo_newspaper import build_demo_newspaper_issue
from bulletins.models import Publication, Role, Unit
from bulletins.typesetting.newspaper import typeset_newspaper


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "排版性能测试：4 版《上街时讯》（6 张 3000×2000 照片）的热渲染时间与 PDF 大小"

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="热渲染次数")

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            try:
                with transaction.atomic():  # nothing the benchmark creates outlives it
                    issue = build_demo_newspaper_issue(*_bench_fixtures(), issue_date=datetime.date(2020, 2, 29))
                    start = time.perf_counter()
                    result = typeset_newspaper(issue, final=False)  # cold: fonts, photo downsampling
                    cold = time.perf_counter() - start
                    times = []
                    for _ in range(max(1, options["runs"])):
                        start = time.perf_counter()
                        result = typeset_newspaper(issue, final=False)
                        times.append(time.perf_counter() - start)
                    photos = sum(item.images.count() for item in issue.items.all())
                    raise _Rollback
            except _Rollback:
                pass
        warm = statistics.median(times)
        size_mb = len(result.pdf) / 1024 / 1024
        self.stdout.write(f"版数：{len(result.plan.pages)}，照片：{photos} 张（原图 3000×2000）")
        self.stdout.write(f"首次渲染（含照片缩采样）：{cold:.2f} 秒")
        self.stdout.write(f"热渲染（{len(times)} 次中位数）：{warm:.2f} 秒（目标 ≤ 2 秒）{'✓' if warm <= 2 else '✗'}")
        self.stdout.write(f"PDF 大小：{size_mb:.2f} MB（目标 ≤ 3 MB）{'✓' if size_mb <= 3 else '✗'}")
        for note in result.plan.notes:
            self.stdout.write(f"排版提示：{note}")


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
