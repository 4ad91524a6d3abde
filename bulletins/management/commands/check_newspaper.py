"""Print a layout editor's figures for a typeset 上街时讯 issue, page by page:
body fill, largest hole, photos placed/attached, split names, one-character
headline lines, 孤字; and pages added, photos lost, layout notes.

The issue is the demo issue (``--demo``), the project's stress issues
(``--stress NAME …`` or ``--stress all``, built from tests/newspaper_stress.py),
or a stored issue (``--id``). Built issues live in a transaction that is
rolled back, with their photos in a temporary directory.
"""

import datetime
import tempfile
import time

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from bulletins.benchmarking import rolled_back
from bulletins.models import Issue, Publication, Role, Unit
from bulletins.typesetting.newspaper import typeset_newspaper
from bulletins.typesetting.newspaper.check import check

FILL_TARGET = 0.95
HOLE_TARGET = 2


class Command(BaseCommand):
    help = "检查《上街时讯》版面：各版填充率、最大空白、照片、人名断行、标题孤字、正文孤字"

    def add_arguments(self, parser):
        parser.add_argument("--id", type=int, help="检查数据库中的一期（编号）")
        parser.add_argument("--demo", action="store_true", help="检查演示用的四版报纸")
        parser.add_argument("--stress", nargs="+", metavar="NAME", help="检查压力测试期（名称，或 all）")
        parser.add_argument("--pdf-dir", help="把排出的 PDF 存到这个目录")

    def handle(self, *args, **options):
        builders = self._builders(options)
        if not builders:
            raise CommandError("请用 --demo、--stress NAME（或 all）或 --id 指定要检查的期。")
        failures = 0
        rows = []
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            for name, build in builders:
                with rolled_back():
                    issue = build()
                    start = time.perf_counter()
                    typeset = typeset_newspaper(issue, final=False)
                    seconds = time.perf_counter() - start
                if options["pdf_dir"]:
                    with open(f"{options['pdf_dir']}/{name}.pdf", "wb") as out:
                        out.write(typeset.pdf)
                figures = check(typeset)
                failures += self._report(name, figures, seconds, rows)
        self.stdout.write("\n汇总（每期最差的一版）：")
        self.stdout.write("| 期 | 最低填充 | 最大空白(行) | 照片 排入/附带 | 人名断行 | 标题单字行 | 孤字 | 增版 | 提示 |")
        self.stdout.write("|---|---|---|---|---|---|---|---|---|")
        for row in rows:
            self.stdout.write(row)
        if failures:
            self.stdout.write(f"未达标的期：{failures}")

    def _report(self, name, figures, seconds, rows):
        out = self.stdout.write
        out(f"\n== {name}：{len(figures.pages)} 版（设定 {figures.declared_pages} 版），排版 {seconds:.2f} 秒")
        out("版   填充率  最大空白  照片(排入/附带)  人名断行  标题单字行  孤字")
        for page in figures.pages:
            mark = "" if page.declared else "（未经同意增加）"
            split = "、".join(page.split_names) or "0"
            out(
                f"{page.label}{mark}  {page.fill:6.1%}  {page.largest_hole:4d} 行   {page.photos_placed}/{page.photos_attached}"
                f"            {split}  {page.orphan_headline_lines}  {page.lonely_characters}"
            )
        for note in figures.notes:
            out(f"  排版提示：{note}")
        pages = figures.pages
        ok = (
            all(p.fill >= FILL_TARGET and p.largest_hole <= HOLE_TARGET for p in pages)
            and figures.photos_lost == 0
            and not any(p.split_names for p in pages)
            and not any(p.orphan_headline_lines for p in pages)
            and figures.pages_added == 0
        )
        placed = sum(p.photos_placed for p in pages)
        attached = sum(p.photos_attached for p in pages)
        rows.append(
            f"| {name} | {min(p.fill for p in pages):.1%} | {max(p.largest_hole for p in pages)} | {placed}/{attached} "
            f"| {sum(len(p.split_names) for p in pages)} | {sum(p.orphan_headline_lines for p in pages)} "
            f"| {sum(p.lonely_characters for p in pages)} | {figures.pages_added} | {len(figures.notes)} |"
        )
        out("达标 ✓" if ok else "未达标 ✗")
        return 0 if ok else 1

    def _builders(self, options):
        builders = []
        if options["id"] is not None:
            try:
                issue = Issue.objects.select_related("publication").get(pk=options["id"])
            except Issue.DoesNotExist:
                raise CommandError(f"没有编号为 {options['id']} 的期。") from None
            builders.append((f"issue-{issue.pk}", lambda: issue))
        if options["demo"]:
            builders.append(("demo", _demo_issue))
        if options["stress"]:
            try:
                from tests.newspaper_stress import STRESS_ISSUES
            except ImportError:
                raise CommandError("压力测试期在 tests/newspaper_stress.py 中，需在项目目录中运行。") from None
            names = list(STRESS_ISSUES) if options["stress"] == ["all"] else options["stress"]
            for name in names:
                if name not in STRESS_ISSUES:
                    raise CommandError(f"没有名为 {name} 的压力测试期；可选：{'、'.join(STRESS_ISSUES)}")
                builders.append((name, lambda build=STRESS_ISSUES[name]: build(*_stress_fixtures())))
        return builders


def _publication():
    # A demo database already holds 上街时讯 (the name is unique): check with it then.
    existing = Publication.objects.filter(kind=Publication.Kind.NEWSPAPER, name="上街时讯").first()
    return existing or Publication.objects.filter(slug="check-shixun").first() or Publication.objects.create(
        name="上街时讯", slug="check-shixun", kind=Publication.Kind.NEWSPAPER,
        issuing_line="中共上街区委宣传部传媒中心出版", english_name="SHANGJIE NEWSLETTER",
        registration_number="河南省连续性内资【审郑州连】00015号", notice="内部资料 免费交流",
        supervision_phone="67180000", page_size=Publication.PageSize.TABLOID, columns=4,
    )


def _editor_and_unit():
    editor = User.objects.create_user(username=f"check-newspaper-{time.monotonic_ns()}")
    editor.groups.add(Group.objects.get_or_create(name=Role.EDITOR)[0])
    unit = Unit.objects.create(name=f"版面检查单位{time.monotonic_ns()}", short_name="检查单位")
    unit.members.add(editor)
    return editor, unit


def _demo_issue():
    from bulletins.demo_newspaper import build_demo_newspaper_issue

    editor, unit = _editor_and_unit()
    return build_demo_newspaper_issue(_publication(), editor, [unit], issue_date=datetime.date(2020, 2, 29))


def _stress_fixtures():
    editor, unit = _editor_and_unit()
    return _publication(), unit, editor
