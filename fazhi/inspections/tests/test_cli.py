"""`fazhi inspections replay`: from the database and from the published file alone."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from fazhi.inspections.models import DrawnObject
from fazhi.inspections.selectors import task_document

from .test_portal import publish
from .test_tasks import committed, drawn


def replay(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("inspections", "replay", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_replay_from_the_database_matches(bureau):
    task = drawn(bureau)
    code, out, _ = replay(str(task.pk))
    assert code == 0
    assert "复核结论：一致" in out and "抽取结果（与数据库中的指派）：一致" in out
    first = DrawnObject.objects.filter(task=task).select_related("inspection_object").first()
    assert first.inspection_object.uscc in out


def test_replay_detects_a_changed_assignment_in_the_database(bureau):
    task = drawn(bureau)
    row = DrawnObject.objects.filter(task=task).first()
    outsider = next(o for o in bureau.officers if o not in row.inspectors.all())
    row.inspectors.remove(row.inspectors.first())
    row.inspectors.add(outsider)
    code, out, _ = replay(str(task.pk))
    assert code == 1
    assert "抽取结果（与数据库中的指派）：不一致" in out and "复核结论：不一致" in out


def test_replay_from_the_published_file_alone(bureau, tmp_path):
    task = publish(bureau, drawn(bureau))
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(task_document(task, reveal=True), ensure_ascii=False), "utf-8")
    code, out, _ = replay("--inputs", str(path))
    assert code == 0 and "复核结论：一致" in out
    # a tampered input (one entity's grade changed) is detected
    document = task_document(task, reveal=True)
    document["inputs"]["objects"][0]["grade"] = (
        "D" if document["inputs"]["objects"][0]["grade"] != "D" else "A"
    )
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    code, out, _ = replay("--inputs", str(path))
    assert code == 1 and "抽取输入摘要：不一致" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "不是有效的 JSON"), ('{"format": "x"}', "格式"), ("[]", "格式")],
)
def test_replay_of_bad_files_explains_and_exits_2(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    code, _, err = replay("--inputs", str(path))
    assert code == 2 and message in err


def test_replay_of_unknown_or_undrawn_tasks(bureau, tmp_path):
    assert replay("999999")[0] == 2
    assert "尚未抽取" in replay(str(committed(bureau).pk))[2]
    assert replay()[0] == 2
    assert "无法读取" in replay("--inputs", str(tmp_path / "missing.json"))[2]
