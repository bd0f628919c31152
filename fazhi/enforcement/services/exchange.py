"""Write path of the data exchange: one validated batch → batch record, cases, officer links, audit.

`enforcement.ingest` validates a whole batch first; only a batch without a single error reaches
`cases_batch_save`, which writes everything in one transaction with ONE audit entry.

**PostgreSQL: COPY, overlapped.** The new cases are built, ids are reserved from the tables'
sequences, and the rows are streamed into `COPY`. psycopg sends the data in 32 KiB pieces, so the
server parses and indexes the first rows while Python formats the next ones and, before the COPY is
closed, computes the batch digest: the two processes work in parallel (bench/enforcement). Nothing
inside the COPY block may query the database (the connection is busy; psycopg would wait forever).
Database constraints (FKs, checks, uniques) apply to COPY exactly as to INSERT; Django's FKs are
deferred, so they are checked at commit. Other backends (SQLite) use `bulk_create`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import User
from fazhi.enforcement import indexing
from fazhi.enforcement.models import Case, CaseOfficer, Certificate, ImportBatch

NewCase = tuple[dict[str, Any], list[Certificate]]  # stored values of a case, its officers' certs


def model_defaults(model: type[Model], now: dt.datetime | None = None) -> dict[str, Any]:
    """Every concrete non-pk field's default by attname (the base of a row built as a dict);
    `auto_now`/`auto_now_add` fields get `now`."""
    now = now or timezone.now()
    return {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in model._meta.concrete_fields
        if not f.primary_key
    }


def _canonical_default(value: Any) -> Any:
    # the two types batch rows hold, tested first; anything else as Django encodes it
    if type(value) is dt.date:
        return value.isoformat()
    if type(value) is Decimal:
        return str(value)
    return DjangoJSONEncoder().default(value)


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_canonical_default)


def batch_digest(rows: Sequence[dict[str, Any]]) -> str:
    """SHA-256 of the canonical JSON of the rows as received (keys sorted, UTF-8, dates ISO,
    amounts as decimal strings) — byte for byte `json.dumps(rows, cls=DjangoJSONEncoder,
    ensure_ascii=False, sort_keys=True)`, the form of every digest stored so far."""
    return hashlib.sha256(_CANONICAL.encode(rows).encode()).hexdigest()


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """`count` new primary keys from the table's sequence (PostgreSQL)."""
    if count <= 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(  # one array, not `count` result rows
            "SELECT array_agg(nextval(pg_get_serial_sequence(%s, 'id'))) "
            "FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return cursor.fetchone()[0]


@contextmanager
def copy_writer(
    model: type[Model], *, with_pk: bool = True
) -> Iterator[Callable[[dict[str, Any]], None]]:
    """A `write(row)` that streams complete rows (attname → value, plus `id` when `with_pk`) into
    `COPY model FROM STDIN (FORMAT BINARY)`; the COPY ends (the server finishes) when the block
    exits. Binary rows cost a quarter of the client CPU of text rows and no parsing on the server;
    the column types are read from the catalogue, so every value is sent as its column's type."""
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
            "AND attnum > 0 AND NOT attisdropped",
            [table],
        )
        oids = dict(cursor.fetchall())
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        values = operator.itemgetter(*(f.attname for f in fields))
        sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN (FORMAT BINARY)"
        with cursor.cursor.copy(sql) as copy:
            copy.set_types([oids[f.column] for f in fields])
            write_row = copy.write_row
            yield lambda row: write_row(values(row))


def cases_batch_save(
    *,
    actor: User,
    unit_id: int,
    channel: str,
    source_system: str,
    rows: Sequence[dict[str, Any]],
    new_cases: Iterable[NewCase],
    new_count: int,
    unchanged: int,
) -> tuple[ImportBatch, list[int]]:
    """Write a validated batch in one transaction: the batch record, its `new_count` new cases
    (from `new_cases`), two or more officer links each, and one audit entry.
    Returns the batch and the new case ids in order."""
    with transaction.atomic():
        batch = ImportBatch(
            org_unit_id=unit_id,
            channel=channel,
            source_system=source_system,
            submitted_by=actor,
            received_rows=len(rows),
            created_rows=new_count,
            unchanged_rows=unchanged,
        )
        if connection.vendor == "postgresql":
            ids, units = _write_copy(batch, rows, new_cases, new_count)
        else:
            ids, units = _write_bulk(batch, rows, new_cases)
        indexing.enqueue_many(ids)  # the platform search picks the new cases up after commit
        audit.record(
            actor=actor,
            verb="enforcement.cases_ingest",
            target=batch,
            unit_id=unit_id,
            changes={
                "batch": [None, batch.pk],
                "channel": [None, channel],
                "source_system": [None, source_system],
                "received": [None, len(rows)],
                "created": [None, new_count],
                "unchanged": [None, unchanged],
                "sha256": [None, batch.digest],
                "external_ids": [
                    None,
                    [str(rows[0].get("external_id")), str(rows[-1].get("external_id"))],
                ],
                "case_ids": [None, [min(ids), max(ids)] if ids else []],
                "units": [None, sorted(units)],
            },
        )
    return batch, ids


def _links(case_id: int, case: dict[str, Any], certs: list[Certificate]) -> Iterator[dict]:
    for i, cert in enumerate(certs):
        yield {
            **_LINK_DEFAULTS,
            "case_id": case_id,
            "officer_id": cert.officer_id,
            "role": CaseOfficer.Role.LEAD if i == 0 else CaseOfficer.Role.ASSIST,
            "assigned_on": case["filed_on"],
            "certificate_number": cert.number,
        }


_LINK_DEFAULTS = {
    f.attname: f.get_default() for f in CaseOfficer._meta.concrete_fields if not f.primary_key
}


def _write_copy(
    batch: ImportBatch, rows: Sequence[dict[str, Any]], new_cases: Iterable[NewCase], count: int
) -> tuple[list[int], set[int]]:
    # the batch id is reserved first and its row inserted last, when the digest is known (the
    # cases' FK to it is deferred to commit like every Django FK on PostgreSQL)
    # every row is built before the COPY opens: building may query (the working-day calendar
    # reloads itself), and no other statement can run on the connection during a COPY
    built = list(new_cases)
    batch.pk = reserve_ids(ImportBatch, 1)[0]
    ids = reserve_ids(Case, count)
    links: list[dict[str, Any]] = []
    units: set[int] = set()
    with copy_writer(Case) as write:
        for pk, (case, certs) in zip(ids, built, strict=True):
            case["id"], case["import_batch_id"] = pk, batch.pk
            write(case)
            units.add(case["org_unit_id"])
            links.extend(_links(pk, case, certs))
        # still inside the COPY (pure Python from here): the server works through the rows
        # sent so far meanwhile
        batch.digest = batch_digest(rows)
    with copy_writer(CaseOfficer, with_pk=False) as write:
        for link in links:
            write(link)
    batch.save(force_insert=True)
    return ids, units


def _write_bulk(
    batch: ImportBatch, rows: Sequence[dict[str, Any]], new_cases: Iterable[NewCase]
) -> tuple[list[int], set[int]]:
    batch.digest = batch_digest(rows)
    batch.save(force_insert=True)
    built = list(new_cases)
    for case, _ in built:
        case["import_batch_id"] = batch.pk
    cases = [Case(**case) for case, _ in built]
    Case.objects.bulk_create(cases, batch_size=2000)
    links = [
        CaseOfficer(**link)
        for obj, (case, certs) in zip(cases, built, strict=True)
        for link in _links(obj.pk, case, certs)
    ]
    CaseOfficer.objects.bulk_create(links, batch_size=2000)
    return [c.pk for c in cases], {c.org_unit_id for c in cases}
