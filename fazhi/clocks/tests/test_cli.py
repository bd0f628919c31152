"""`fazhi deadline` reproduces §9 from the command line; exit codes for bad and uncovered input."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=False)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("deadline", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["2024-09-27", "20wd"], "2024-10-30"),
        (["2024-05-13", "20wd", "--extend", "20wd"], "2024-07-09"),
        (["2024-07-15", "90cd", "--extend", "30cd"], "2024-11-12"),
        (["2024-01-26", "15cd"], "2024-02-18"),
        (["2024-02-08", "7wd"], "2024-02-23"),
        (["2024-05-13", "20wd", "--pause", "2024-05-20..2024-05-24"], "2024-06-18"),
    ],
)
def test_first_line_is_the_due_date(args, first_line):
    code, out, _ = run(*args)
    assert code == 0
    assert out.splitlines()[0] == first_line


def test_explain_and_json():
    _, out, _ = run("2024-09-27", "20wd", "--explain")
    assert "国庆节" in out
    _, out, _ = run("2024-09-27", "20wd", "--json")
    assert json.loads(out)["due"] == "2024-10-30"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["2024-02-30", "20wd"], 2, "起算日"),
        (["2024-09-27", "20xx"], 2, "期限规则"),
        (["2024-09-27", "20wd", "--pause", "2024-10-01"], 2, "中止期间"),
        (["2026-12-20", "20wd"], 1, "2027 年的工作日历尚未维护"),
    ],
)
def test_bad_input_exits_non_zero_with_a_chinese_message(args, code, message):
    got, _, err = run(*args)
    assert got == code
    assert message in err


def _database_url() -> str:
    """The URL of the (migrated) test database this test runs against."""
    from django.db import connection

    cfg = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{cfg['NAME']}"
    return (
        f"postgres://{cfg['USER']}@{cfg['HOST'] or '127.0.0.1'}:{cfg['PORT'] or 5432}/{cfg['NAME']}"
    )


def test_real_console_script_prints_the_due_date_first():
    fazhi = Path(sys.executable).parent / "fazhi"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings.dev",
        "DATABASE_URL": _database_url(),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [str(fazhi), "deadline", "2024-09-27", "20wd"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2024-10-30"
