"""`fazhi normdocs check FILE [--json]` on .txt and .docx drafts, and unreadable files."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command

from fazhi.precheck.tests.conftest import DRAFT


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("normdocs", "check", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_txt_draft_prints_each_finding_with_rule_and_citation(tmp_path):
    # given a UTF-8 draft with a licence, a penalty and a lawful reference to the 广告法
    path = tmp_path / "草案.txt"
    path.write_text(DRAFT, encoding="utf-8")
    # when
    out, _ = _run(str(path))
    # then the two overreaching articles are reported, the lawful one is not
    assert "[LIC-APPROVAL]" in out
    assert "[PEN-FINE]" in out
    assert "《行政许可法》第十七条" in out
    assert "《行政处罚法》第十六条" in out
    assert "原文：第三条 违反本办法规定擅自设置户外广告的" in out
    assert "广告法" not in out
    assert "共 6 句，提示 2 条" in out


def test_docx_draft_in_json(tmp_path):
    # given a .docx built with python-docx: a heading, a body paragraph and a table-free layout
    document = docx.Document()
    document.add_heading("东湖区促进商贸发展若干措施", level=1)
    document.add_paragraph("第一条 全区学校食堂应当优先采购本区企业生产的农产品。")
    document.add_paragraph("第二条 经营者依法自主定价。")
    path = tmp_path / "措施.docx"
    document.save(path)
    # when
    out, _ = _run(str(path), "--json")
    # then
    data = json.loads(out)
    assert data["sentences"] == 3
    assert [f["rule"] for f in data["findings"]] == ["LOCAL-PROTECT"]
    finding = data["findings"][0]
    assert finding["sentence"] == "第一条 全区学校食堂应当优先采购本区企业生产的农产品。"
    assert finding["citation"] == "《公平竞争审查条例》第八条至第十一条"
    assert finding["category"] == "地方保护"
    assert finding["excerpt"] in finding["sentence"]


def test_gb18030_text_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("对违规停车的，处二百元罚款。".encode("gb18030"))
    out, _ = _run(str(path))
    assert "[PEN-FINE]" in out


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("缺失.txt", None, "不存在"),
        ("坏的.docx", b"not a zip", "不是有效的 Word"),
        ("表格.xlsx", b"x", "不是 .txt 或 .docx 文件"),
        ("空.txt", b"", "为空"),
        ("乱码.txt", b"\xff\xfe\x00\xd8\x00", "编码"),
    ],
)
def test_unreadable_file_exits_2_with_a_chinese_reason(tmp_path, name, content, reason):
    # given
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    # when / then
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("normdocs", "check", str(path), stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert "无法读取" in err.getvalue()
    assert reason in err.getvalue()


def _console(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings.test"}
    fazhi = Path(sys.executable).with_name("fazhi")
    return subprocess.run(
        [str(fazhi), "normdocs", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_console_script_exit_status(tmp_path):
    # given one readable draft without findings and one missing file
    path = tmp_path / "ok.txt"
    path.write_text("第一条 本办法由区市场监督管理局负责解释。", encoding="utf-8")
    # when / then: 0 with an empty JSON list, 2 with the reason on stderr
    result = _console(str(path), "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["findings"] == []
    missing = _console(str(tmp_path / "nope.docx"))
    assert missing.returncode == 2
    assert "不存在" in missing.stderr
