"""Identifiers (domain.md §8, cases F8–F10) through the validators and the `fazhi validate` CLI."""

import subprocess
import sys

import pytest

from fazhi.core.identifiers import validate_division, validate_idcard, validate_uscc


@pytest.mark.parametrize(
    "code",
    ["91110000600037341L", "N2440100MA0000007C", "91350100M00000019W", "91110000600037341l"],
)
def test_valid_uscc_including_n_prefixed_codes_stdnum_rejects(code):
    assert validate_uscc(code) is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91110000600037341K", "校验"),
        ("9111000060003734IL", "字符"),
        ("9111000060003734", "18"),
        ("", "18"),
    ],
)
def test_invalid_uscc_says_why_in_chinese(code, reason):
    message = validate_uscc(code)
    assert message is not None and reason in message


@pytest.mark.parametrize("number", ["11010519491231002X", "110105198002290018"])
def test_valid_resident_ids_including_a_real_leap_day(number):
    fixed = number[:17] + _id_check(number[:17])
    assert validate_idcard(fixed) is None


def _id_check(body):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def test_resident_id_with_a_bad_check_character_is_refused():
    assert "校验" in validate_idcard("110105194912310021")


def test_resident_id_born_on_a_day_that_never_existed_is_refused():
    body = "11010519810229001"
    assert "出生日期" in validate_idcard(body + _id_check(body))


@pytest.mark.parametrize("code", ["360000", "360100", "360102"])
def test_division_codes(code):
    assert validate_division(code) is None


@pytest.mark.parametrize("code", ["36010", "3601000", "36A102", "000000"])
def test_bad_division_codes(code):
    assert validate_division(code) is not None


@pytest.mark.parametrize(
    ("kind", "value", "status", "first_line"),
    [
        ("uscc", "91110000600037341L", 0, "有效"),
        ("uscc", "91110000600037341K", 1, None),
        ("idcard", "11010519491231002X", 0, "有效"),
        ("division", "360102", 0, "有效"),
    ],
)
def test_validate_cli_exit_status_and_message(kind, value, status, first_line):
    run = subprocess.run(
        [sys.executable, "-m", "fazhi.manage", "validate", kind, value],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings.test"},
    )
    assert run.returncode == status, run.stderr
    if first_line:
        assert run.stdout.splitlines()[0] == first_line
    else:
        assert run.stdout.strip() and run.stdout.strip() != "有效"
