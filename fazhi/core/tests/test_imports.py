"""All-or-nothing spreadsheet import with row/column errors."""

import io

import pytest
import xlsxwriter

from fazhi.core import imports
from fazhi.core.errors import DomainError
from fazhi.core.imports import ImportColumn, RowError, run_import

COLUMNS = [
    ImportColumn("名称", "name", imports.text(20), required=True),
    ImportColumn("日期", "on", imports.date, required=True),
    ImportColumn("金额", "amount", imports.money),
    ImportColumn("类型", "kind", imports.choice({"a": "甲类", "b": "乙类"})),
]


def _xlsx(rows):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    buffer.seek(0)
    return buffer


def test_valid_workbook_is_saved_in_one_go(db):
    saved = []
    source = _xlsx(
        [
            ["名称（必填）", "日期（必填）", "金额", "类型"],
            ["甲", "2024-09-27", "100.50", "甲类"],
            ["乙", "2024年10月8日", "", "b"],
        ]
    )
    result = run_import(source, columns=COLUMNS, save=lambda rows: saved.extend(rows) or len(rows))
    assert result.ok and result.saved == 2
    assert saved[1]["on"].isoformat() == "2024-10-08" and saved[1]["kind"] == "b"
    assert str(saved[0]["amount"]) == "100.50"


def test_every_bad_cell_is_reported_and_nothing_saved():
    saved = []
    source = _xlsx(
        [
            ["名称", "日期", "金额", "类型"],
            ["甲", "2024-02-30", "-5", "丙类"],
            ["", "2024-01-01", "1", "甲类"],
        ]
    )
    result = run_import(source, columns=COLUMNS, save=lambda rows: saved.extend(rows) or len(rows))
    assert saved == [] and result.saved == 0
    assert [str(e) for e in result.errors] == [
        "第 2 行“日期”列：“2024-02-30”不是有效日期（格式 YYYY-MM-DD）",
        "第 2 行“金额”列：金额应为非负数，最多两位小数",
        "第 2 行“类型”列：“丙类”不是有效选项（可选：甲类、乙类）",
        "第 3 行“名称”列：必填",
    ]


def test_missing_required_column_is_reported():
    result = run_import(_xlsx([["名称"], ["甲"]]), columns=COLUMNS, save=lambda rows: 1)
    assert [str(e) for e in result.errors] == ["第 1 行“日期”列：缺少该列（请使用导入模板）"]


@pytest.mark.django_db
def test_a_rule_broken_at_save_time_rolls_back_everything(world):
    from fazhi.core.models import OrgUnit

    def save(rows):
        for row in rows:
            if row["name"] == "重复":
                raise RowError(row["_row"], "名称", "与已有记录重复")
            OrgUnit.objects.create(name=row["name"], kind="department", level="county")
        return len(rows)

    before = OrgUnit.objects.count()
    source = _xlsx([["名称", "日期"], ["新单位", "2024-01-01"], ["重复", "2024-01-01"]])
    result = run_import(source, columns=COLUMNS, save=save)
    assert [str(e) for e in result.errors] == ["第 3 行“名称”列：与已有记录重复"]
    assert OrgUnit.objects.count() == before


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    with pytest.raises(DomainError, match="无法读取"):
        run_import(io.BytesIO(b"MZ\x90\x00 not a workbook"), columns=COLUMNS, save=lambda rows: 0)
