"""The draw algorithm itself (docs/random-draw.md): vector, determinism, sensitivity, constraints."""

from __future__ import annotations

import copy
import hashlib
import hmac
from collections import Counter

import pytest

from fazhi.inspections import draw

NONCE = bytes(range(32)).hex()
VECTOR_INPUTS = {
    "objects": [
        {"id": 1, "grade": "A"},
        {"id": 2, "grade": "A"},
        {"id": 3, "grade": "B"},
        {"id": 4, "grade": "B"},
        {"id": 5, "grade": "B"},
        {"id": 6, "grade": "C"},
        {"id": 7, "grade": "D"},
    ],
    "inspectors": [11, 12, 13, 14],
    "ratios_bp": {"A": 5000, "B": 3400, "C": 10000, "D": 0},
    "inspectors_per_object": 2,
    "recusals": [[6, 11]],
}
VECTOR_RESULT = [
    {"object": 1, "grade": "A", "inspectors": [11, 13]},
    {"object": 5, "grade": "B", "inspectors": [12, 14]},
    {"object": 3, "grade": "B", "inspectors": [11, 13]},
    {"object": 6, "grade": "C", "inspectors": [12, 14]},
]


def big_inputs(n_objects: int = 200, n_inspectors: int = 9, recusals=()) -> dict:
    return {
        "objects": [{"id": i, "grade": "ABCD"[i % 4]} for i in range(1, n_objects + 1)],
        "inspectors": list(range(1001, 1001 + n_inspectors)),
        "ratios_bp": {"A": 1000, "B": 2500, "C": 5000, "D": 10000},
        "inspectors_per_object": 2,
        "recusals": [list(p) for p in recusals],
    }


def test_the_documented_test_vector():
    # given the vector printed in docs/random-draw.md §6 / when / then
    assert draw.commitment_of(NONCE) == (
        "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
    )
    block = hmac.new(bytes.fromhex(NONCE), b"objects:A:0", hashlib.sha256).hexdigest()
    assert block.startswith("432a969b")
    stream = draw.Stream(bytes.fromhex(NONCE), "objects:A")
    assert [stream.below(10) for _ in range(5)] == [9, 9, 4, 9, 8]
    assert draw.run(draw.parse_inputs(VECTOR_INPUTS), NONCE) == VECTOR_RESULT


def test_same_inputs_and_nonce_give_the_same_draw():
    inputs = draw.parse_inputs(big_inputs())
    nonce = draw.new_nonce()
    assert draw.run(inputs, nonce) == draw.run(draw.parse_inputs(big_inputs()), nonce)


def test_changing_any_input_changes_the_draw():
    nonce = draw.new_nonce()
    base = draw.run(draw.parse_inputs(big_inputs()), nonce)
    # another nonce
    assert draw.run(draw.parse_inputs(big_inputs()), draw.new_nonce()) != base
    # one more object in the pool
    assert draw.run(draw.parse_inputs(big_inputs(n_objects=201)), nonce) != base
    # one more inspector
    assert draw.run(draw.parse_inputs(big_inputs(n_inspectors=10)), nonce) != base
    # a different ratio
    changed = big_inputs()
    changed["ratios_bp"]["B"] = 3000
    assert draw.run(draw.parse_inputs(changed), nonce) != base


def test_sample_sizes_follow_the_ratio_rounded_up():
    result = draw.run(draw.parse_inputs(big_inputs()), draw.new_nonce())
    per_grade = Counter(row["grade"] for row in result)
    # 50 objects per grade: 10% → 5, 25% → 13 (12.5 up), 50% → 25, 100% → 50
    assert per_grade == {"A": 5, "B": 13, "C": 25, "D": 50}
    assert len({row["object"] for row in result}) == len(result)
    assert draw.sample_size(3, 1) == 1 and draw.sample_size(0, 10000) == 0


def test_every_object_gets_distinct_inspectors_at_least_two_and_loads_balance():
    for _ in range(20):
        result = draw.run(draw.parse_inputs(big_inputs()), draw.new_nonce())
        assert all(len(set(row["inspectors"])) == 2 for row in result)
        loads = Counter(i for row in result for i in row["inspectors"])
        assert max(loads.values()) - min(loads.values()) <= 1


def test_recused_pairs_are_never_drawn():
    # given inspector 1001 recused from every object with an even id, 1002 from every third
    pairs = [(o, 1001) for o in range(2, 201, 2)] + [(o, 1002) for o in range(3, 201, 3)]
    inputs = draw.parse_inputs(big_inputs(recusals=pairs))
    for _ in range(20):
        result = draw.run(inputs, draw.new_nonce())
        matched = {(row["object"], i) for row in result for i in row["inspectors"]}
        assert not matched & set(pairs)


def test_excluded_inspectors_are_never_assigned():
    inputs = draw.parse_inputs(big_inputs())
    result = draw.run(inputs, draw.new_nonce(), {1001, 1005})
    assigned = {i for row in result for i in row["inspectors"]}
    assert not assigned & {1001, 1005}
    with pytest.raises(draw.DrawError, match="不在检查人员名录"):
        draw.run(inputs, draw.new_nonce(), {42})


def test_too_few_eligible_inspectors_is_refused():
    raw = big_inputs(n_inspectors=3, recusals=[(4, 1001), (4, 1002)])
    raw["ratios_bp"]["A"] = 10000  # object 4 (grade A) is surely drawn
    inputs = draw.parse_inputs(raw)
    with pytest.raises(draw.DrawError, match="少于每个对象 2 人"):
        draw.run(inputs, draw.new_nonce())


def test_rejection_sampling_has_no_modulo_bias():
    # given a bound for which plain modulo would favour small values by a third
    stream = draw.Stream(bytes(32), "bias")
    n = 3 * 2**30  # 2^32 mod n = 2^30: values below 2^30 would be hit twice as often
    # when
    draws = [stream.below(n) for _ in range(6000)]
    # then each third of the range is hit about equally often
    thirds = Counter(x * 3 // n for x in draws)
    assert all(1800 < thirds[k] < 2200 for k in range(3))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(objects="x"), "objects 应为列表"),
        (lambda d: d["objects"].append({"id": 0, "grade": "A"}), "升序"),
        (lambda d: d["objects"].append({"id": 99, "grade": "E"}), "风险等级"),
        (lambda d: d.update(inspectors=[3, 2]), "升序"),
        (lambda d: d.update(ratios_bp={"A": 1}), "四个等级"),
        (lambda d: d["ratios_bp"].update(A=10001), "0—10000"),
        (lambda d: d.update(inspectors_per_object=1), "不得少于 2 人"),
        (lambda d: d.update(recusals=[[1]]), "recusals"),
    ],
)
def test_malformed_inputs_are_refused_in_chinese(mutate, message):
    raw = copy.deepcopy(VECTOR_INPUTS)
    mutate(raw)
    with pytest.raises(draw.DrawError, match=message):
        draw.parse_inputs(raw)


def test_replay_detects_every_kind_of_tampering():
    inputs = dict(VECTOR_INPUTS, task_id=1)
    document = {
        "format": draw.FORMAT,
        "commitment": draw.commitment_of(NONCE),
        "inputs_sha256": draw.digest(inputs),
        "inputs": inputs,
        "draw": {"nonce": NONCE, "excluded_inspectors": [], "result": VECTOR_RESULT},
    }
    assert draw.replay(document).ok
    swapped = copy.deepcopy(document)
    swapped["draw"]["result"][0]["inspectors"] = [12, 13]
    assert not draw.replay(swapped).result_ok
    other_nonce = copy.deepcopy(document)
    other_nonce["draw"]["nonce"] = "ff" * 32
    assert not draw.replay(other_nonce).commitment_ok
    edited = copy.deepcopy(document)
    edited["inputs"]["objects"][0]["name"] = "改名"
    assert not draw.replay(edited).inputs_ok
    with pytest.raises(draw.DrawError, match="nonce"):
        draw.replay({**document, "draw": {"result": []}})
