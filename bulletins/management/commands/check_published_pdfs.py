"""Verify every published issue's stored PDF against the SHA-256 kept at 印发.

Prints one line per problem (missing file, checksum mismatch, no snapshot) and
a summary; exits with status 1 when anything is wrong, so it can run from cron.
"""

from django.core.management.base import BaseCommand, CommandError

from bulletins.models import Issue, IssueState
from bulletins.printed_content import file_sha256, published_snapshot


class Command(BaseCommand):
    help = "核对所有已印发期刊的定稿PDF与存档的SHA-256校验值。"

    def handle(self, *args, **options):
        problems = 0
        issues = Issue.objects.filter(state=IssueState.PUBLISHED).select_related("publication").order_by("publication_id", "year", "number")
        checked = 0
        for issue in issues:
            checked += 1
            problem = self._problem(issue)
            if problem:
                problems += 1
                self.stdout.write(self.style.ERROR(f"{issue}（编号{issue.pk}）：{problem}"))
        summary = f"共核对{checked}期，{'全部一致' if not problems else f'{problems}期有问题'}。"
        if problems:
            self.stdout.write(self.style.ERROR(summary))
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def _problem(self, issue):
        if not issue.pdf:
            return "没有存档的定稿PDF"
        if not issue.pdf.storage.exists(issue.pdf.name):
            return f"定稿PDF文件缺失（{issue.pdf.name}）"
        actual = file_sha256(issue.pdf)
        if actual != issue.pdf_sha256:
            return f"定稿PDF与校验值不符：存档 {issue.pdf_sha256[:12]}…，实际 {actual[:12]}…"
        snapshot = published_snapshot(issue)
        if snapshot is None:
            return "没有印发时的内容快照"
        if snapshot.pdf_sha256 and snapshot.pdf_sha256 != issue.pdf_sha256:
            return "快照记录的PDF校验值与期刊记录不一致"
        return None
