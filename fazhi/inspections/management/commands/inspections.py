"""`fazhi inspections replay TASK_ID` / `fazhi inspections replay --inputs FILE.json`.

Recomputes a random draw (docs/random-draw.md) and says whether it matches: the commitment
SHA-256(nonce), the inputs digest and the result (and, for a task in the database, the stored
assignments). Exit 0 when everything matches, 1 on any mismatch, 2 for unusable input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from fazhi.inspections import draw
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.selectors import drawn_rows, task_document


class Command(BaseCommand):
    help = "双随机抽取复核：replay TASK_ID 或 replay --inputs 抽取文件.json"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        replay = sub.add_parser("replay", help="按公开算法复算抽取结果并核对")
        replay.add_argument("task_id", nargs="?", help="抽查任务编号（数据库中的 id）")
        replay.add_argument("--inputs", metavar="FILE", help="只用公开的抽取文件（JSON）复算")
        replay.add_argument("--json", action="store_true", help="以 JSON 输出复算结果")

    def _fail(self, message: str, code: int = 2) -> NoReturn:
        self.stderr.write(message)
        sys.exit(code)

    def handle(self, *args: object, **options: Any) -> None:
        if bool(options["task_id"]) == bool(options["inputs"]):
            self._fail("请给出任务编号或 --inputs 文件（二者选一）")
        stored: list[dict[str, Any]] | None = None
        if options["inputs"]:
            document = self._load(options["inputs"])
        else:
            document, stored = self._from_database(options["task_id"])
        try:
            verdict = draw.replay(document)
        except draw.DrawError as exc:
            self._fail(f"无法复算：{exc}")
        db_ok = stored is None or stored == verdict.result
        if options["json"]:
            self.stdout.write(json.dumps(verdict.result, ensure_ascii=False, indent=1))
        else:
            self._print_result(document, verdict.result)
        self._report("种子承诺值 SHA-256(nonce)", verdict.commitment_ok)
        self._report("抽取输入摘要", verdict.inputs_ok)
        self._report("抽取结果（与文件所载结果）", verdict.result_ok)
        if stored is not None:
            self._report("抽取结果（与数据库中的指派）", db_ok)
        if verdict.ok and db_ok:
            self.stdout.write("复核结论：一致")
            return
        self.stdout.write("复核结论：不一致")
        sys.exit(1)

    def _load(self, path: str) -> Any:
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            self._fail(f"无法读取文件“{path}”：{exc.strerror}")
        except (ValueError, UnicodeDecodeError):
            self._fail(f"文件“{path}”不是有效的 JSON")

    def _from_database(self, raw: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if not str(raw).isdigit() or len(str(raw)) > 18:
            self._fail(f"任务编号“{raw}”无效")
        task = InspectionTask.objects.select_related("org_unit").filter(pk=int(raw)).first()
        if task is None:
            self._fail(f"抽查任务 {raw} 不存在", 2)
        if task.result is None:
            self._fail(f"抽查任务 {raw}（{task.get_status_display()}）尚未抽取", 2)
        stored = [
            {
                "object": row.inspection_object_id,
                "grade": row.grade,
                "inspectors": sorted(o.pk for o in row.inspectors.all()),
            }
            for row in drawn_rows(task)
        ]
        return task_document(task, reveal=True), stored

    def _print_result(self, document: dict[str, Any], result: list[dict[str, Any]]) -> None:
        inputs = document.get("inputs") or {}
        objects = {o["id"]: o for o in inputs.get("objects", [])}
        names = inputs.get("inspector_names", {})
        task = document.get("task") or {}
        self.stdout.write(f"{task.get('number', '')} {task.get('title', '')}".strip())
        self.stdout.write(f"抽中 {len(result)} 户：")
        for n, row in enumerate(result, start=1):
            obj = objects.get(row["object"], {})
            people = "、".join(names.get(str(i), str(i)) for i in row["inspectors"])
            self.stdout.write(
                f"{n:>4}  [{row['grade']}] #{row['object']} {obj.get('uscc', '')} "
                f"{obj.get('name', '')}  检查人员：{people}"
            )

    def _report(self, label: str, ok: bool) -> None:
        self.stdout.write(f"{label}：{'一致' if ok else '不一致'}")
