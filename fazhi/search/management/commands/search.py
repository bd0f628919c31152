"""`fazhi search rebuild|apply|query|status`: operate the search index."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.errors import DomainError
from fazhi.search import engine, selectors, services
from fazhi.search.models import PendingIndex
from fazhi.search.registry import SPECS


class Command(BaseCommand):
    help = (
        "全文检索索引：rebuild 从数据库重建；apply 写入待索引记录；query 公开检索；status 查看状态"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="从数据库重建索引（索引是派生数据）")
        rebuild.add_argument("--kind", action="append", help="只重建某一类型，可重复")
        sub.add_parser("apply", help="把待索引记录写入索引")
        sub.add_parser("status", help="索引位置、文档数与待处理数量")
        query = sub.add_parser("query", help="以公众身份检索（只含已公开记录）")
        query.add_argument("text")
        query.add_argument("--limit", type=int, default=10)

    def handle(self, *args: object, **options: object) -> None:
        action = options["action"]
        try:
            if action == "rebuild":
                kinds = options.get("kind")
                unknown = [k for k in kinds or [] if k not in SPECS]
                if unknown:
                    raise CommandError(f"未知类型：{'、'.join(unknown)}；可选：{'、'.join(SPECS)}")
                start = time.perf_counter()
                counts = services.rebuild(
                    kinds=kinds,
                    progress=lambda kind, n: self.stdout.write(f"  {kind}: {n} …"),
                )
                took = time.perf_counter() - start
                for kind, n in counts.items():
                    self.stdout.write(f"{SPECS[kind].label}（{kind}）：{n} 条")
                self.stdout.write(self.style.SUCCESS(f"索引已重建，用时 {took:.1f} 秒"))
            elif action == "apply":
                result = services.apply_pending()
                self.stdout.write(f"已写入 {result.indexed} 条，移除 {result.dropped} 条")
            elif action == "status":
                self.stdout.write(f"索引目录：{engine.index_dir()}")
                self.stdout.write(f"文档数：{engine.searcher().num_docs}")
                self.stdout.write(f"待处理：{PendingIndex.objects.count()}")
            elif action == "query":
                results = selectors.search(
                    str(options["text"]), public=True, limit=int(options["limit"])
                )
                self.stdout.write(f"共 {results.total} 条")
                for hit in results.hits:
                    self.stdout.write(f"{hit.score:7.2f}  {hit.number or '-'}  {hit.title}")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
