"""Benchmark the visibility rule: the scoped list query vs the same query unscoped.

Builds (once per bench database) 100k org units in a realistic deep tree
(province → city → county → departments/townships/brigades → internal offices), with `path` and
`depth` computed exactly like `fazhi.core.services.org.unit_create`, and 1M rows in a bench-only
table `bench_record(org_unit_id → core_orgunit, created_at, title, status)` with the indexes a
Django model would get (FK index, `created_at` db_index). Then, for users with typical grants,
it times the list page (first 50 ordered by `-created_at, -id`) and its COUNT, built with
`fazhi.core.access.visible()` (the production rule), against alternatives and the unscoped query.

Usage (a dedicated bench database — never the test or dev database; the name must contain "bench"):

    createdb -h 127.0.0.1 -U postgres fazhi_bench
    DJANGO_SETTINGS_MODULE=fazhi.settings.dev \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench \\
        .venv/bin/python bench/bench_visibility.py

    DJANGO_SETTINGS_MODULE=fazhi.settings.dev DATABASE_URL=sqlite:////tmp/fazhi_bench.sqlite3 \\
        .venv/bin/python bench/bench_visibility.py

Options: --units N (100000) --records N (1000000) --rounds N (3) --reps N (25)
--variants join,unitset,subquery,idlist --extra-index (adds (org_unit_id, created_at))
--no-write (do not append to bench/results/foundation.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
os.environ.setdefault("DEBUG", "0")  # no query log in the timed loop
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RESULTS = Path(__file__).resolve().parent / "results" / "foundation.md"
SEGMENT = 8  # fazhi.core.models.org.PATH_SEGMENT_WIDTH


def guard_database() -> None:
    """Refuse to run anywhere but a dedicated bench database."""
    url = os.environ.get("DATABASE_URL", "")
    name = url.rsplit("/", 1)[-1]
    if "bench" not in name or "test" in name:
        sys.exit("DATABASE_URL must name a dedicated bench database (its name contains 'bench').")


guard_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.db.models import F, Q, QuerySet  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.core import access  # noqa: E402
from fazhi.core.models import OrgUnit, RoleGrant, User  # noqa: E402
from fazhi.core.models.org import path_upper_bound, segment  # noqa: E402

R = RoleGrant.Role
PERM = access.register("bench.view_record", "基准测试记录", [R.SUPERVISOR, R.CLERK, R.LEADER])


class BenchRecord(models.Model):
    """A stand-in for any app's record that belongs to an org unit."""

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.DO_NOTHING, related_name="+")
    created_at = models.DateTimeField()
    title = models.CharField(max_length=100)
    status = models.CharField(max_length=16)

    class Meta:
        app_label = "core"
        managed = False
        db_table = "bench_record"


# ---------------------------------------------------------------- data generation

# Fan-out per level; the defaults give 100,008 units.
TREE = {
    "provinces": 6,
    "cities": 12,  # per province
    "city_departments": 40,  # per city
    "counties": 10,  # per city
    "departments": 30,  # per county, each with 2 internal offices
    "brigades": 7,  # per county, under departments
    "townships": 19,  # per county, each with 1 internal office
}


class TreeBuilder:
    """Assigns ids in insertion order and computes path/depth exactly like unit_create."""

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.now = timezone.now()
        self.counties: list[tuple[int, str]] = []
        self.cities: list[tuple[int, str]] = []
        self.provinces: list[tuple[int, str]] = []
        self.departments: list[tuple[int, str]] = []

    def add(self, parent: tuple[int, str, int] | None, name: str, kind: str, level: str):
        pk = len(self.rows) + 1
        path = (parent[1] if parent else "") + segment(pk)
        depth = parent[2] + 1 if parent else 0
        self.rows.append(
            (pk, name, "", kind, level, "", "", parent[0] if parent else None, path, depth, pk)
        )
        return (pk, path, depth)

    def build(self, target: int) -> None:
        K, L = OrgUnit.Kind, OrgUnit.Level
        for p in range(TREE["provinces"]):
            prov = self.add(None, f"第{p + 1}省人民政府", K.GOVERNMENT, L.PROVINCE)
            self.provinces.append(prov[:2])
            for c in range(TREE["cities"]):
                city = self.add(prov, f"第{p + 1}省第{c + 1}市人民政府", K.GOVERNMENT, L.CITY)
                self.cities.append(city[:2])
                for d in range(TREE["city_departments"]):
                    self.add(city, f"市级部门{d + 1}", K.DEPARTMENT, L.CITY)
                for n in range(TREE["counties"]):
                    self.county(city, f"第{p + 1}省第{c + 1}市第{n + 1}县")
                    if len(self.rows) >= target:
                        return

    def county(self, city: tuple[int, str, int], name: str) -> None:
        K, L = OrgUnit.Kind, OrgUnit.Level
        county = self.add(city, f"{name}人民政府", K.GOVERNMENT, L.COUNTY)
        self.counties.append(county[:2])
        depts = []
        for d in range(TREE["departments"]):
            dept = self.add(county, f"{name}部门{d + 1}", K.DEPARTMENT, L.COUNTY)
            self.departments.append(dept[:2])
            depts.append(dept)
            for i in range(2):
                self.add(dept, f"内设科室{i + 1}", K.INTERNAL, L.COUNTY)
        for b in range(TREE["brigades"]):
            self.add(depts[b], f"{name}综合执法大队{b + 1}", K.BRIGADE, L.COUNTY)
        for t in range(TREE["townships"]):
            town = self.add(county, f"{name}乡镇{t + 1}", K.GOVERNMENT, L.TOWNSHIP)
            self.add(town, "综合办公室", K.INTERNAL, L.TOWNSHIP)


UNIT_COLUMNS = (
    "id, name, short_name, kind, level, uscc, division_code, parent_id, path, depth, sort_order,"
    " active, created_at, updated_at"
)


def bulk_insert(table: str, columns: str, rows: list[tuple]) -> None:
    """COPY on PostgreSQL, executemany on SQLite."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * (columns.count(",") + 1))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def load_units(target: int) -> TreeBuilder:
    tree = TreeBuilder()
    tree.build(target)
    existing = OrgUnit.objects.count()
    if existing == len(tree.rows):
        print(f"org units: reusing {existing}")
        return tree
    if existing:
        sys.exit(
            f"the bench DB has {existing} org units, expected 0 or {len(tree.rows)}: recreate it"
        )
    started = time.perf_counter()
    now = timezone.now()
    rows = [(*row, True, now, now) for row in tree.rows]
    with transaction.atomic():
        bulk_insert("core_orgunit", UNIT_COLUMNS, rows)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('core_orgunit', 'id'), max(id))"
                    " FROM core_orgunit"
                )
    print(f"org units: inserted {len(rows)} in {time.perf_counter() - started:.1f} s")
    return tree


RECORD_DDL = {
    "postgresql": [
        "CREATE TABLE bench_record (id bigint PRIMARY KEY, org_unit_id bigint NOT NULL,"
        " created_at timestamptz NOT NULL, title varchar(100) NOT NULL, status varchar(16) NOT NULL)",
    ],
    "sqlite": [
        "CREATE TABLE bench_record (id integer PRIMARY KEY, org_unit_id bigint NOT NULL"
        " REFERENCES core_orgunit (id) DEFERRABLE INITIALLY DEFERRED,"
        " created_at datetime NOT NULL, title varchar(100) NOT NULL, status varchar(16) NOT NULL)",
    ],
}
RECORD_INDEXES = {
    "postgresql": [
        "ALTER TABLE bench_record ADD CONSTRAINT bench_record_org_unit_fk FOREIGN KEY (org_unit_id)"
        " REFERENCES core_orgunit (id) DEFERRABLE INITIALLY DEFERRED",
    ],
    "common": [
        "CREATE INDEX bench_record_org_unit_id ON bench_record (org_unit_id)",
        "CREATE INDEX bench_record_created_at ON bench_record (created_at)",
    ],
}
EXTRA_INDEX = "CREATE INDEX bench_record_unit_created ON bench_record (org_unit_id, created_at)"


def table_rows(table: str) -> int | None:
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def load_records(tree: TreeBuilder, n: int) -> None:
    """n records spread uniformly over the units that own records (not internal offices)."""
    existing = table_rows("bench_record")
    if existing == n:
        print(f"records: reusing {existing}")
        return
    started = time.perf_counter()
    owners = [row[0] for row in tree.rows if row[3] != OrgUnit.Kind.INTERNAL]
    rng = random.Random(42)
    start = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    span = 3 * 365 * 86400
    statuses = ("draft", "review", "decided", "closed")
    sqlite = connection.vendor == "sqlite"
    rows = []
    for pk in range(1, n + 1):
        at = start + dt.timedelta(seconds=rng.randrange(span))
        rows.append(
            (
                pk,
                rng.choice(owners),
                at.strftime("%Y-%m-%d %H:%M:%S") if sqlite else at,
                f"记录{pk}",
                rng.choice(statuses),
            )
        )
    with transaction.atomic(), connection.cursor() as cursor:
        if existing is not None:
            cursor.execute("DROP TABLE bench_record")
        for ddl in RECORD_DDL[connection.vendor]:
            cursor.execute(ddl)
        bulk_insert("bench_record", "id, org_unit_id, created_at, title, status", rows)
        for ddl in RECORD_INDEXES.get(connection.vendor, []) + RECORD_INDEXES["common"]:
            cursor.execute(ddl)
    analyze()
    print(f"records: inserted {n} in {time.perf_counter() - started:.1f} s")


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def set_extra_index(*, wanted: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS bench_record_unit_created")
        if wanted:
            cursor.execute(EXTRA_INDEX)
    analyze()


# ---------------------------------------------------------------- scenarios and variants


def bench_user(username: str, grants: list[tuple[str, int, bool]]) -> User:
    """A user holding `grants` (role, unit id, subtree); created directly, not a write path test."""
    user, _ = User.objects.get_or_create(
        username=username, defaults={"full_name": username, "org_unit_id": grants[0][1]}
    )
    RoleGrant.objects.filter(user=user).delete()
    for role, unit_id, subtree in grants:
        RoleGrant.objects.create(user=user, role=role, unit_id=unit_id, include_subtree=subtree)
    access.forget_grants(user)
    return user


def scenarios(tree: TreeBuilder) -> dict[str, User]:
    county = tree.counties[len(tree.counties) // 2]
    other_county = tree.counties[3]
    city = tree.cities[len(tree.cities) // 2]
    province = tree.provinces[1]
    dept = tree.departments[len(tree.departments) // 3]
    return {
        "one unit (clerk)": bench_user("bench.clerk", [(R.CLERK, dept[0], False)]),
        "county subtree (supervisor)": bench_user(
            "bench.county", [(R.SUPERVISOR, county[0], True)]
        ),
        "two scopes (county subtree + a unit)": bench_user(
            "bench.two",
            [(R.SUPERVISOR, other_county[0], True), (R.CLERK, dept[0], False)],
        ),
        "city subtree (leader)": bench_user("bench.city", [(R.LEADER, city[0], True)]),
        "province subtree (leader)": bench_user("bench.province", [(R.LEADER, province[0], True)]),
    }


def q_subquery(user: User) -> Q | None:
    """Alternative: org_unit_id IN (SELECT id FROM core_orgunit WHERE path range)."""
    q: Q | None = None
    for scope in access.scopes(user, PERM):
        if scope.subtree:
            ids = OrgUnit.objects.filter(
                path__gte=scope.path, path__lt=path_upper_bound(scope.path)
            ).values("pk")
            part = Q(org_unit_id__in=ids)
        else:
            part = Q(org_unit_id=scope.unit_id)
        q = part if q is None else q | part
    return q


def q_idlist(user: User) -> Q | None:
    """Alternative: fetch the scope's unit ids first, then org_unit_id IN (literal list)."""
    q: Q | None = None
    for scope in access.scopes(user, PERM):
        if scope.subtree:
            ids = list(
                OrgUnit.objects.filter(
                    path__gte=scope.path, path__lt=path_upper_bound(scope.path)
                ).values_list("pk", flat=True)
            )
            part = Q(org_unit_id__in=ids)
        else:
            part = Q(org_unit_id=scope.unit_id)
        q = part if q is None else q | part
    return q


def q_unitset(user: User) -> Q | None:
    """Alternative: one subquery over the unit table holding every scope (OR-ed there):

    org_unit_id IN (SELECT id FROM core_orgunit WHERE <scope_q(user, perm, "self")>).
    """
    units = access.scope_q(user, PERM, "self")
    return None if units is None else Q(org_unit_id__in=OrgUnit.objects.filter(units).values("pk"))


def scan_unitset(user: User) -> QuerySet:
    """Alternative for broad scopes: `org_unit_id + 0` hides the FK index from the planner, so
    the page walks the created_at index backwards and tests each row's unit against the set."""
    units = access.scope_q(user, PERM, "self")
    if units is None:
        return BenchRecord.objects.none()
    return BenchRecord.objects.annotate(unit_plus=F("org_unit_id") + 0).filter(
        unit_plus__in=OrgUnit.objects.filter(units).values("pk")
    )


VARIANTS: dict[str, Callable[[User], QuerySet]] = {
    "scan": scan_unitset,
    "join": lambda u: access.visible(BenchRecord.objects.all(), u, PERM),  # production rule
    "unitset": lambda u: BenchRecord.objects.filter(q_unitset(u)),
    "subquery": lambda u: BenchRecord.objects.filter(q_subquery(u)),
    "idlist": lambda u: BenchRecord.objects.filter(q_idlist(u)),
}


def page(qs: QuerySet) -> int:
    return len(list(qs.order_by("-created_at", "-id")[:50]))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(make: Callable[[], QuerySet], reps: int) -> dict[str, tuple[float, float]]:
    """p50/p95 in ms of the page, the count and both (a list view does both)."""
    for _ in range(3):  # warm caches
        page(make())
        make().count()
    pages, counts, both = [], [], []
    for _ in range(reps):
        a = timed(lambda: page(make()))
        b = timed(lambda: make().count())
        pages.append(a)
        counts.append(b)
        both.append(a + b)
    return {
        name: (percentile(v, 50), percentile(v, 95))
        for name, v in (("page", pages), ("count", counts), ("both", both))
    }


def run(users: dict[str, User], variants: list[str], rounds: int, reps: int) -> dict:
    """Median over rounds of each p50/p95, per (scenario, variant); 'unscoped' baseline too."""
    samples: dict[tuple[str, str], list[dict]] = {}
    for r in range(rounds):
        samples.setdefault(("all", "unscoped"), []).append(
            measure(lambda: BenchRecord.objects.all(), reps)
        )
        for label, user in users.items():
            for variant in variants:
                make = VARIANTS[variant]
                samples.setdefault((label, variant), []).append(
                    measure(lambda make=make, user=user: make(user), reps)
                )
        print(f"round {r + 1}/{rounds} done", flush=True)
    result = {}
    for key, runs in samples.items():
        result[key] = {
            part: (
                statistics.median(run[part][0] for run in runs),
                statistics.median(run[part][1] for run in runs),
            )
            for part in ("page", "count", "both")
        }
    return result


def visible_rows(users: dict[str, User]) -> dict[str, int]:
    return {label: VARIANTS["join"](user).count() for label, user in users.items()}


def plan_of(user: User, variant: str) -> str:
    qs = VARIANTS[variant](user).order_by("-created_at", "-id")[:50]
    return qs.explain()


def report(result: dict, rows: dict[str, int], meta: str, variants: list[str]) -> str:
    base = result[("all", "unscoped")]
    lines = [
        meta,
        "",
        "| scope | rows visible | variant | page p50/p95 | count p50/p95 | page+count p50/p95 | ratio p50 vs unscoped |",
        "|---|---:|---|---|---|---|---:|",
        f"| unscoped | all | — | {fmt(base['page'])} | {fmt(base['count'])} | {fmt(base['both'])} | 1.00 |",
    ]
    for label, n in rows.items():
        for variant in variants:
            cell = result[(label, variant)]
            ratio = cell["both"][0] / base["both"][0]
            lines.append(
                f"| {label} | {n:,} | {variant} | {fmt(cell['page'])} | {fmt(cell['count'])}"
                f" | {fmt(cell['both'])} | {ratio:.2f} |"
            )
    return "\n".join(lines) + "\n"


def fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.1f} / {pair[1]:.1f}"


def database_label() -> str:
    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        return f"PostgreSQL {version // 10000}.{version % 100}"
    return f"SQLite {connection.Database.sqlite_version}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reps", type=int, default=25)
    parser.add_argument("--variants", default="join,unitset,subquery,idlist")
    parser.add_argument("--extra-index", action="store_true")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    variants = args.variants.split(",")

    call_command("migrate", "core", verbosity=0)
    tree = load_units(args.units)
    load_records(tree, args.records)
    set_extra_index(wanted=args.extra_index)
    users = scenarios(tree)
    if args.explain:
        for label, user in users.items():
            for variant in variants:
                print(f"--- {label}: {variant}\n{plan_of(user, variant)}")
    rows = visible_rows(users)
    result = run(users, variants, args.rounds, args.reps)
    meta = (
        f"**{database_label()}** — {len(tree.rows):,} units"
        f" (depth ≤ 4), {args.records:,} records; indexes: FK, created_at"
        f"{', (org_unit_id, created_at)' if args.extra_index else ''};"
        f" {args.rounds} rounds × {args.reps} reps, medians of per-round p50/p95, ms;"
        f" {dt.date.today().isoformat()}"
    )
    text = report(result, rows, meta, variants)
    print(text)
    if not args.no_write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
