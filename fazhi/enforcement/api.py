"""REST endpoints of the enforcement app (mounted at /api/enforcement/).

`POST /cases/batch` — agencies push cases. All-or-nothing per batch (see `ingest`): 200 with
per-row results (`created` / `unchanged`) when every row is valid, else 400 with every error by
row and field and nothing written. Idempotent by (source_system, external_id).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel, Field

from fazhi.core import access

from . import selectors
from .ingest import ingest_cases
from .models import ImportBatch
from .permissions import IMPORT_CASES, VIEW_CASES

router = Router(tags=["行政执法监督"])


class CaseIn(BaseModel):
    """One pushed case. A plain pydantic model: ninja's Schema adds a Django-attribute getter per
    field that cost more than the whole row validation at 5,000 rows (bench/enforcement)."""

    external_id: str = Field(max_length=64)
    unit_id: int
    kind: str = "penalty"
    procedure: str = "ordinary"
    status: str
    power_item_code: str = Field(max_length=40)
    number: str = Field("", max_length=60)
    title: str = Field(max_length=200)
    facts: str = Field("", max_length=5000)
    party_kind: str
    party_name: str = Field(max_length=100)
    party_id_number: str = Field(max_length=18)
    party_phone: str = Field("", max_length=20)
    violation_on: dt.date
    safety_harm: bool = False
    clue_on: dt.date | None = None
    filed_on: dt.date
    decided_on: dt.date | None = None
    closed_on: dt.date | None = None
    decision_number: str = Field("", max_length=60)
    penalty_types: list[str] = []
    amount: Decimal | None = Field(None, max_digits=14, decimal_places=2)
    benchmark_tier: str = ""
    officer_certificates: list[str] = Field(default_factory=list, max_length=20)


class BatchIn(BaseModel):
    source_system: str = Field(max_length=40)
    cases: list[CaseIn] = Field(max_length=5000)


class RowOut(BaseModel):
    external_id: str
    case_id: int
    result: str


class BatchOut(BaseModel):
    batch_id: int
    received: int
    created: int
    unchanged: int
    rows: list[RowOut]


class CaseOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    status: str
    unit: str
    filed_on: dt.date | None
    decided_on: dt.date | None
    amount: Decimal | None
    source_system: str
    external_id: str


class ErrorOut(Schema):
    row: int
    field: str
    message: str


class RefusedOut(Schema):
    detail: str
    errors: list[ErrorOut]


@router.post("/cases/batch", response={200: BatchOut, 400: RefusedOut}, summary="批量推送执法案件")
def cases_batch(request: HttpRequest, payload: BatchIn):  # type: ignore[no-untyped-def]
    """Validate the whole batch; save all rows or none (errors by row and field)."""
    if not access.has_perm(request.user, IMPORT_CASES):
        raise HttpError(403, "无权推送执法案件")
    rows = []
    for i, case in enumerate(payload.cases, start=1):
        row = case.model_dump()
        row["unit"] = row.pop("unit_id")
        row["_row"] = i
        rows.append(row)
    result = ingest_cases(
        user=request.user,
        rows=rows,
        source_system=payload.source_system,
        channel=ImportBatch.Channel.API,
    )  # type: ignore[arg-type]
    if not result.ok:
        detail = f"批次未导入：共 {len(result.errors)} 处错误，所有数据均未写入"
        return Status(400, {"detail": detail, "errors": [e.as_dict() for e in result.errors]})
    return {
        "batch_id": result.batch_id,
        "received": result.received,
        "created": result.created,
        "unchanged": result.unchanged,
        "rows": result.rows,
    }


@router.get("/cases", response=list[CaseOut], summary="执法案件列表（授权范围内）")
def cases_list(request: HttpRequest, q: str = "", limit: int = 50, offset: int = 0):  # type: ignore[no-untyped-def]
    if not access.has_perm(request.user, VIEW_CASES):
        return []
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    qs = selectors.case_list_visible_to(request.user, q=q[:50]).order_by("-pk")[
        offset : offset + limit
    ]
    return [_case_out(c) for c in qs]


@router.get("/cases/{case_id}", response=CaseOut, summary="执法案件详情")
def case_get(request: HttpRequest, case_id: int):  # type: ignore[no-untyped-def]
    return _case_out(selectors.case_get_visible(request.user, case_id))


def _case_out(c) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": c.pk,
        "number": c.number,
        "title": c.title,
        "kind": c.kind,
        "status": c.status,
        "unit": c.org_unit.name,
        "filed_on": c.filed_on,
        "decided_on": c.decided_on,
        "amount": c.amount,
        "source_system": c.source_system,
        "external_id": c.external_id,
    }
