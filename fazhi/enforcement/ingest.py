"""Data exchange: agencies push cases (API batch or Excel) — validated as a whole, saved set-based.

**Choice: all-or-nothing per batch.** Every row is validated against pre-fetched lookups (units in
the pusher's scope, power items, certificates, benchmark tiers, existing external ids); one error
anywhere refuses the whole batch, nothing is written, and every error is reported by row and
field. A clean batch is saved by `services.exchange.cases_batch_save` (COPY on PostgreSQL) in one
transaction with ONE audit entry describing it: batch id, channel, source system, row counts, the
SHA-256 of the canonical rows (so the exact content can be proven later), the external-id range
and the created case-id range.

**Idempotency** by `(source_system, external_id)`: a row already stored with the same key facts
(status, dates, amount) is reported `unchanged` and not written again; a row whose facts differ is
an error (corrections go through the case page, which audits field by field).
Imported cases are historical records: their deadlines are computed (for analytics, once per
distinct date in the batch) but no generic clock is registered for them.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection

from fazhi.core import access
from fazhi.core.errors import DomainError
from fazhi.core.identifiers import validate_idcard, validate_uscc
from fazhi.core.models import OrgUnit, User

from . import clocks, conf
from .models import BenchmarkTier, Case, Certificate, ImportBatch, PowerItem
from .models.registers import DOMAINS
from .permissions import IMPORT_CASES
from .selectors import certificate_covers_domain
from .services import exchange
from .services.exchange import model_defaults

S = Case.Status
IMPORTABLE = {
    S.FILED,
    S.INVESTIGATING,
    S.INVESTIGATION_CLOSED,
    S.DECIDED,
    S.SERVED,
    S.EXECUTING,
    S.NO_PENALTY,
    S.CLOSED,
    S.ARCHIVED,
}
KEY_FACTS = ("status", "filed_on", "decided_on", "closed_on", "amount")
KINDS = frozenset(Case.Kind.values)
PROCEDURES = frozenset(Case.Procedure.values)
PENALTY_TYPES = frozenset(Case.PenaltyType.values)
DECIDED = frozenset({S.DECIDED, S.SERVED, S.EXECUTING, S.NO_PENALTY, S.CLOSED, S.ARCHIVED})
STATUS_HELP = "、".join(str(S(s).label) for s in sorted(IMPORTABLE))


@dataclass
class RowProblem:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class IngestResult:
    batch_id: int | None = None
    received: int = 0
    created: int = 0
    unchanged: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # per-row outcome on success

    @property
    def ok(self) -> bool:
        return not self.errors


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one batch.

    A batch allocates tens of thousands of dicts and lists, which keeps triggering collections
    that each walk the whole process heap (measured: ~190 collections and 15-20 % of a 5,000-row
    request). The batch's own objects hold no reference cycles (reference counting frees them),
    so nothing accumulates; the collector runs again as soon as the batch is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _due(start: dt.date, amount: int, unit: str) -> dt.date | None:
    """A deadline for a historical record; None when the calendar does not cover it yet."""
    try:
        return clocks.deadline(start, amount, unit)
    except DomainError:
        return None


class Lookups:
    """Everything validation needs, fetched once per batch, and caches that live for the batch."""

    def __init__(self, user: User, rows: list[dict[str, Any]], source_system: str) -> None:
        units = access.visible(
            OrgUnit.objects.filter(active=True), user, IMPORT_CASES, field="self"
        )
        self.units_by_id = {u.pk: u for u in units}
        self.units_by_name = {u.name: u for u in units}
        unit_ids = list(self.units_by_id)
        self.items = {
            (i.org_unit_id, i.code): i
            for i in PowerItem.objects.filter(org_unit_id__in=unit_ids, active=True)
        }
        numbers = {n for r in rows for n in r.get("officer_certificates") or []}
        self.certs: dict[str, list[Certificate]] = {}
        for c in Certificate.objects.filter(number__in=numbers).select_related("officer__org_unit"):
            self.certs.setdefault(c.number, []).append(c)
        self.tiers = {
            (t.benchmark.power_item_id, t.tier): t
            for t in BenchmarkTier.objects.filter(
                benchmark__power_item__org_unit_id__in=unit_ids
            ).select_related("benchmark")
        }
        # per-batch constants (settings lookups and enum lists cost more than the checks they feed)
        self.case_defaults = model_defaults(Case)
        self.decision_limit_cd = conf.decision_limit_cd()
        self.publicity_wd = conf.publicity_wd(Case.Kind.PENALTY)
        self.limitation = {h: conf.limitation_years(safety_harm=h) for h in (False, True)}
        self.simplified_max = {k: conf.simplified_max(k) for k in Case.PartyKind.values}
        self.existing = _existing(source_system, [str(r.get("external_id") or "") for r in rows])
        # caches keyed per batch: never across batches, so calendar and certificate edits apply
        self._in_unit: dict[tuple[str, int, str], list[tuple[Certificate, bool, bool]]] = {}
        self._due: dict[tuple[dt.date, int, str], dt.date | None] = {}

    def unit(self, ref: Any) -> OrgUnit | None:
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            return self.units_by_id.get(int(ref))
        return self.units_by_name.get(str(ref or "").strip())

    def unit_certificates(
        self, number: str, unit: OrgUnit, domain: str
    ) -> list[tuple[Certificate, bool, bool]]:
        """(certificate, officer active, covers `domain`) for each certificate `number` held by an
        officer of `unit` or below — the date-independent part of the certificate check."""
        key = (number, unit.pk, domain)
        found = self._in_unit.get(key)
        if found is None:
            found = self._in_unit[key] = [
                (
                    c,
                    c.officer.active,
                    certificate_covers_domain(c.domains, c.officer.domains, domain),
                )
                for c in self.certs.get(number, [])
                if c.officer.org_unit.path.startswith(unit.path)
            ]
        return found

    def due(self, start: dt.date, amount: int, unit: str) -> dt.date | None:
        """`_due`, once per distinct start date in the batch."""
        key = (start, amount, unit)
        if key not in self._due:
            self._due[key] = _due(start, amount, unit)
        return self._due[key]


def _existing(source_system: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Cases already stored under (source_system, external_id), with their key facts."""
    names = ("pk", "external_id", *KEY_FACTS)
    if connection.vendor == "postgresql":
        # one array parameter (an IN list of 5,000-100,000 placeholders costs more to build and
        # parse than the lookups), and `external_id <> ''` so that the partial unique index on
        # (source_system, external_id) applies — without it PostgreSQL scans the whole table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, external_id, {', '.join(KEY_FACTS)} FROM enforcement_case "  # noqa: S608
                "WHERE source_system = %s AND external_id <> '' AND external_id = ANY(%s)",
                [source_system, ids],
            )
            return {row[1]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    qs = Case.objects.filter(source_system=source_system).exclude(external_id="")
    return {
        c["external_id"]: c
        for i in range(0, len(ids), 10_000)
        for c in qs.filter(external_id__in=ids[i : i + 10_000]).values(*names)
    }


def _check_row(
    n: int, r: dict[str, Any], lk: Lookups, today: dt.date, errs: list[RowProblem]
) -> dict[str, Any] | None:
    def err(f: str, msg: str) -> None:
        errs.append(RowProblem(n, f, msg))

    start = len(errs)
    unit = lk.unit(r.get("unit"))
    if unit is None:
        err("unit", "办案单位不存在或不在您的授权范围内")
        return None
    kind, status, procedure = (
        r.get("kind") or "penalty",
        r.get("status") or "",
        r.get("procedure") or "ordinary",
    )
    if kind not in KINDS:
        err("kind", "案件类型应为 penalty（行政处罚）或 inspection（行政检查）")
    if procedure not in PROCEDURES:
        err("procedure", "程序应为 ordinary 或 simplified")
    if status not in IMPORTABLE:
        err(
            "status",
            f"状态无效（可导入：{STATUS_HELP}）",
        )
    item = lk.items.get((unit.pk, str(r.get("power_item_code") or "").strip()))
    wanted = (
        PowerItem.Category.PENALTY if kind == Case.Kind.PENALTY else PowerItem.Category.INSPECTION
    )
    if item is None:
        err("power_item_code", "该事项编码不在本单位权责清单中")
    elif item.category != wanted:
        err("power_item_code", f"该事项不是“{wanted.label}”类事项")
    party_kind, ident = (
        r.get("party_kind") or "",
        str(r.get("party_id_number") or "").strip().upper(),
    )
    if party_kind == Case.PartyKind.PERSON:
        reason = validate_idcard(ident)
    elif party_kind == Case.PartyKind.ORGANISATION:
        reason = validate_uscc(ident)
    else:
        reason = None
        err("party_kind", "当事人类型应为 person（自然人）或 organisation（法人或其他组织）")
    if reason:
        err("party_id_number", reason)
    for key, label in (
        ("title", "案由"),
        ("party_name", "当事人"),
        ("external_id", "来源系统编号"),
    ):
        if not str(r.get(key) or "").strip():
            err(key, f"{label}必填")
    dates = {
        k: r.get(k) for k in ("violation_on", "clue_on", "filed_on", "decided_on", "closed_on")
    }
    if dates["violation_on"] is None or dates["filed_on"] is None:
        err("filed_on", "违法行为发生日和立案日期必填")
        return None
    dates["clue_on"] = dates["clue_on"] or dates["filed_on"]
    order = [
        k for k in ("violation_on", "clue_on", "filed_on", "decided_on", "closed_on") if dates[k]
    ]
    for a, b in zip(order, order[1:], strict=False):
        if dates[b] < dates[a]:
            err(b, f"{b} 不能早于 {a}")
    if any(d > today for d in dates.values() if d):
        err("filed_on", "日期不能晚于今天")
    years = lk.limitation[bool(r.get("safety_harm"))]
    if (dates["filed_on"] - dates["violation_on"]).days > years * 366:
        err("violation_on", f"超过 {years} 年追责时效，不能立案（《行政处罚法》第三十六条）")
    decided = status in DECIDED
    if decided and kind == Case.Kind.PENALTY and not dates["decided_on"]:
        err("decided_on", "已决定的处罚案件须填写决定日期")
    if status in {S.CLOSED, S.ARCHIVED} and not dates["closed_on"]:
        err("closed_on", "已结案的案件须填写结案日期")
    amount = r.get("amount")
    if amount is not None and Decimal(amount) < 0:
        err("amount", "金额不能为负数")
    types = [t for t in (r.get("penalty_types") or []) if t]
    if set(types) - PENALTY_TYPES:
        err("penalty_types", "处罚种类无效")
    ceiling = lk.simplified_max.get(party_kind, 0)
    if procedure == Case.Procedure.SIMPLIFIED and (
        set(types) - {"warning", "fine"} or (amount or 0) > ceiling
    ):
        err("amount", f"简易程序只适用于警告或不超过 {ceiling} 元的罚款")
    numbers = list(dict.fromkeys(r.get("officer_certificates") or []))
    on = dates["filed_on"]
    domain = item.domain if item is not None else ""
    good: list[Certificate] = []
    for number in numbers:
        certs = lk.unit_certificates(number, unit, domain)
        valid = [
            (c, covers)
            for c, active, covers in certs
            if active
            and c.valid_from <= on <= c.valid_to
            and (c.revoked_on is None or c.revoked_on > on)
        ]
        covering = [c for c, covers in valid if covers]
        if not certs:
            err("officer_certificates", f"执法证号 {number} 不是本单位执法人员的证件")
        elif not valid:
            err("officer_certificates", f"执法证号 {number} 在立案日 {on} 无效（过期或注销）")
        elif not covering:
            label = DOMAINS.get(domain, domain)
            err("officer_certificates", f"执法证号 {number} 的执法领域不包括“{label}”")
        else:
            good.append(covering[0])
    if len(numbers) < 2:
        err("officer_certificates", "至少须有两名持证执法人员")
    tier = None
    if r.get("benchmark_tier") and item is not None:
        tier = lk.tiers.get((item.pk, r["benchmark_tier"]))
        if tier is None:
            err("benchmark_tier", "该事项没有这一裁量阶次")
    existing = lk.existing.get(str(r.get("external_id")))
    if len(errs) > start:
        return None
    return {
        "unit": unit,
        "item": item,
        "kind": kind,
        "status": status,
        "procedure": procedure,
        "party_kind": party_kind,
        "ident": ident,
        "dates": dates,
        "amount": None if amount is None else Decimal(amount),
        "types": types,
        "certs": good,
        "tier": tier,
        "existing": existing,
    }


def _same(existing: dict[str, Any], v: dict[str, Any]) -> bool:
    d = v["dates"]
    return (
        existing["status"],
        existing["filed_on"],
        existing["decided_on"],
        existing["closed_on"],
        existing["amount"],
    ) == (v["status"], d["filed_on"], d["decided_on"], d["closed_on"], v["amount"])


def _build(r: dict[str, Any], v: dict[str, Any], source_system: str, lk: Lookups) -> dict[str, Any]:
    """The stored values of one new case (field attnames → values), defaults filled in."""
    d, kind, tier, amount = v["dates"], v["kind"], v["tier"], v["amount"]
    case = dict(lk.case_defaults)
    case.update(
        org_unit_id=v["unit"].pk,
        kind=kind,
        procedure=v["procedure"],
        status=v["status"],
        power_item_id=v["item"].pk,
        number=str(r.get("number") or "")[:60],
        title=str(r["title"]).strip()[:200],
        facts=str(r.get("facts") or ""),
        domain=v["item"].domain,
        party_kind=v["party_kind"],
        party_name=str(r["party_name"]).strip()[:100],
        party_id_number=v["ident"],
        party_phone=str(r.get("party_phone") or "")[:20],
        violation_on=d["violation_on"],
        safety_harm=bool(r.get("safety_harm")),
        clue_on=d["clue_on"],
        filed_on=d["filed_on"],
        decided_on=d["decided_on"],
        closed_on=d["closed_on"],
        decision_number=str(r.get("decision_number") or "")[:60],
        penalty_types=",".join(v["types"]),
        amount=amount,
        benchmark_tier_id=tier.pk if tier is not None else None,
        source_system=source_system,
        external_id=str(r["external_id"])[:64],
        officers_certified=True,
    )
    if tier is not None and amount is not None:
        case["amount_in_tier"] = tier.allows(amount)
    if kind == Case.Kind.PENALTY and v["procedure"] == Case.Procedure.ORDINARY:
        case["decision_due_on"] = lk.due(d["filed_on"], lk.decision_limit_cd, clocks.CD)
    if d["decided_on"] and kind == Case.Kind.PENALTY and set(v["types"]) - {"warning"}:
        case["publicity"] = Case.Publicity.PENDING
        case["publish_due_on"] = lk.due(d["decided_on"], lk.publicity_wd, clocks.WD)
    return case


def ingest_cases(
    *,
    user: User,
    rows: list[dict[str, Any]],
    source_system: str,
    channel: str,
    row_numbers: Sequence[int] | None = None,
) -> IngestResult:
    """Validate every row; when all are valid, save them set-based with one audit entry.

    `row_numbers` are the rows' numbers in errors (spreadsheet rows); by default 1, 2, ….
    The rows themselves are what the batch digest covers, so they carry nothing else.
    """
    result = IngestResult(received=len(rows))
    source_system = (source_system or "").strip()
    if not source_system or len(source_system) > 40:
        result.errors.append(RowProblem(0, "source_system", "来源系统必填且不超过 40 个字符"))
        return result
    if len(rows) > conf.batch_max_rows() and channel == ImportBatch.Channel.API:
        result.errors.append(RowProblem(0, "rows", f"每批不超过 {conf.batch_max_rows()} 行"))
        return result
    if not rows:
        result.errors.append(RowProblem(0, "rows", "批次为空"))
        return result
    lk = Lookups(user, rows, source_system)
    today = dt.date.today()  # noqa: DTZ011
    checked: list[tuple[dict[str, Any], dict[str, Any]]] = []
    seen: set[str] = set()
    numbers = row_numbers or range(1, len(rows) + 1)
    for n, r in zip(numbers, rows, strict=True):
        v = _check_row(n, r, lk, today, result.errors)
        key = str(r.get("external_id") or "")
        if key in seen:
            result.errors.append(RowProblem(n, "external_id", "同一批次中来源系统编号重复"))
        seen.add(key)
        if v and v["existing"] and not _same(v["existing"], v):
            result.errors.append(
                RowProblem(
                    n, "external_id", "该编号的案件已存在且内容不一致（更正请在案件页面办理）"
                )
            )
        if v:
            checked.append((r, v))
        if len(result.errors) >= 500:
            break
    if result.errors:
        return result
    fresh = [(r, v) for r, v in checked if not v["existing"]]
    batch, ids = exchange.cases_batch_save(
        actor=user,
        unit_id=(user.org_unit or checked[0][1]["unit"]).pk,
        channel=channel,
        source_system=source_system,
        rows=rows,
        new_cases=((_build(r, v, source_system, lk), v["certs"]) for r, v in fresh),
        new_count=len(fresh),
        unchanged=len(checked) - len(fresh),
    )
    result.batch_id, result.created, result.unchanged = batch.pk, len(fresh), batch.unchanged_rows
    new_ids = iter(ids)
    result.rows = [
        {
            "external_id": str(r["external_id"]),
            "case_id": v["existing"]["pk"] if v["existing"] else next(new_ids),
            "result": "unchanged" if v["existing"] else "created",
        }
        for r, v in checked
    ]
    return result
