"""REST endpoints of the enforcement app (mounted at /api/enforcement/).

`POST /cases/batch` — agencies push cases. All-or-nothing per batch (see `ingest`): 200 with
per-row results (`created` / `unchanged`) when every row is valid, else 400 with every error by
row and field and nothing written. Idempotent by (source_system, external_id). The body is
validated by pydantic straight from the request bytes (schema errors: 400 by field, as elsewhere).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, NotRequired

import pydantic
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel, Field, TypeAdapter
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from fazhi.core import access

from . import selectors
from .ingest import cyclic_gc_paused, ingest_cases
from .models import ImportBatch
from .permissions import IMPORT_CASES, VIEW_CASES

router = Router(tags=["行政执法监督"])


class CaseIn(TypedDict):
    """One pushed case. A TypedDict validated straight from the request bytes: no model instance
    per row, no JSON → dict → model → dict round trip (bench/enforcement)."""

    external_id: Annotated[str, Field(max_length=64)]
    unit_id: int
    kind: NotRequired[str]  # penalty
    procedure: NotRequired[str]  # ordinary
    status: str
    power_item_code: Annotated[str, Field(max_length=40)]
    number: NotRequired[Annotated[str, Field(max_length=60)]]
    title: Annotated[str, Field(max_length=200)]
    facts: NotRequired[Annotated[str, Field(max_length=5000)]]
    party_kind: str
    party_name: Annotated[str, Field(max_length=100)]
    party_id_number: Annotated[str, Field(max_length=18)]
    party_phone: NotRequired[Annotated[str, Field(max_length=20)]]
    violation_on: dt.date
    safety_harm: NotRequired[bool]
    clue_on: NotRequired[dt.date | None]
    filed_on: dt.date
    decided_on: NotRequired[dt.date | None]
    closed_on: NotRequired[dt.date | None]
    decision_number: NotRequired[Annotated[str, Field(max_length=60)]]
    penalty_types: NotRequired[list[str]]
    amount: NotRequired[Annotated[Decimal | None, Field(max_digits=14, decimal_places=2)]]
    benchmark_tier: NotRequired[str]
    officer_certificates: NotRequired[Annotated[list[str], Field(max_length=20)]]


# the values of the optional fields when absent (the rows, and so the batch digest, carry them)
CASE_DEFAULTS: dict[str, Any] = {
    "kind": "penalty",
    "procedure": "ordinary",
    "number": "",
    "facts": "",
    "party_phone": "",
    "safety_harm": False,
    "clue_on": None,
    "decided_on": None,
    "closed_on": None,
    "decision_number": "",
    "penalty_types": [],
    "amount": None,
    "benchmark_tier": "",
    "officer_certificates": [],
}


class BatchIn(TypedDict):
    source_system: Annotated[str, Field(max_length=40)]
    cases: Annotated[list[CaseIn], Field(max_length=5000)]


BATCH_IN = TypeAdapter(BatchIn)


def _inline_refs(schema: Any, defs: dict[str, Any]) -> Any:
    """The JSON schema with its local `$ref`s replaced by the definitions (for OpenAPI)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _inline_refs(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline_refs(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline_refs(v, defs) for v in schema]
    return schema


_BATCH_SCHEMA = BATCH_IN.json_schema()
BATCH_IN_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": _inline_refs(_BATCH_SCHEMA, _BATCH_SCHEMA.get("$defs", {}))
            }
        },
    }
}


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


@router.post(
    "/cases/batch",
    response={200: BatchOut, 400: RefusedOut},
    summary="批量推送执法案件",
    openapi_extra=BATCH_IN_OPENAPI,
)
def cases_batch(request: HttpRequest):  # type: ignore[no-untyped-def]
    """Validate the whole batch; save all rows or none (errors by row and field)."""
    if not access.has_perm(request.user, IMPORT_CASES):
        raise HttpError(403, "无权推送执法案件")
    with cyclic_gc_paused():
        try:
            payload = BATCH_IN.validate_json(request.body)
        except pydantic.ValidationError as exc:
            raise NinjaValidationError(list(exc.errors(include_url=False))) from None
        rows = []
        for case in payload["cases"]:
            row = {**CASE_DEFAULTS, **case}
            row["unit"] = row.pop("unit_id")
            rows.append(row)
        result = ingest_cases(
            user=request.user,
            rows=rows,
            source_system=payload["source_system"],
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
