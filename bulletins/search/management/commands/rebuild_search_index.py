from django.core.management.base import BaseCommand

from bulletins.search.indexing import rebuild


class Command(BaseCommand):
    help = "重建全文检索索引（稿件与期刊）。"

    def handle(self, *args, **options):
        count = rebuild(progress=lambda n: self.stdout.write(f"已索引 {n} 条…"))
        self.stdout.write(self.style.SUCCESS(f"检索索引已重建，共 {count} 条。"))
