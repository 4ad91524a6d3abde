"""Fidelity figures of the 上街信息 layout: lines on the grid, loose lines, pages holding only the 版记, widows."""

from django.core.management.base import BaseCommand

from bulletins.benchmarking import rolled_back
from bulletins.models import Issue, Publication
from bulletins.typesetting import edge_issues
from bulletins.typesetting.bulletin import LOOSE_LIMIT_PT, typeset_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

COLUMNS = [
    ("pages", "页数"),
    ("body_lines", "正文行"),
    ("lines_off_grid", "离格行"),
    ("largest_stretch_pt", "最大字距增量(pt)"),
    ("loose_lines", "过松行"),
    ("footer_only_pages", "仅版记页"),
    ("widows", "页首短末行"),
    ("stranded_headings", "页末孤标题"),
]


class Command(BaseCommand):
    help = "排版质量检查：列出《上街信息》各期（演示数据与边界样例）的离格行、最大字距增量、仅有版记的页、页首短末行"

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="不检查数据库中已有的各期")
        parser.add_argument("--no-edge", action="store_true", help="不检查边界样例")

    def handle(self, *args, **options):
        rows = []
        if not options["no_demo"]:
            issues = Issue.objects.filter(publication__kind=Publication.Kind.BULLETIN).select_related("publication")
            for issue in issues.order_by("publication_id", "year", "number"):
                rows.append((str(issue), typeset_bulletin(issue, final=True)))
        if not options["no_edge"]:
            with rolled_back():  # the edge issues never outlive the check
                rows.append(("样例：specimen（2 页余）", typeset_bulletin(make_specimen_issue(number=80, year=2099), final=True)))
                rows.append(("样例：specimen（5 页）", typeset_bulletin(make_specimen_issue(repeat=2, number=81, year=2099), final=True)))
                page_one = edge_issues.first_page_lines()
                for name, build in edge_issues.EDGE_ISSUES.items():
                    rows.append((f"样例：{name}", typeset_bulletin(build(page_one), final=True)))
        self.stdout.write(f"过松：每个断点增加超过 {LOOSE_LIMIT_PT:g} pt（⅛ 字）")
        self.stdout.write("\t".join(["期"] + [label for _, label in COLUMNS] + ["排版次数", "排版提示"]))
        for name, typeset in rows:
            figures = typeset.layout.figures(LOOSE_LIMIT_PT)
            values = [str(figures[key]) for key, _ in COLUMNS]
            notes = "；".join(typeset.pdf.notes) or "—"
            self.stdout.write("\t".join([name] + values + [str(typeset.passes), notes]))
