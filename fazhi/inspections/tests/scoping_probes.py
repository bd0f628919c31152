"""District A records of the random-inspection app for the shared scoping and junk-input tests."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tests import scoping
from tests.scoping import MARKER, Owned


def _inspections_probe(o: Owned) -> None:
    """A drawn task over a pool holding a MARKER entity, with a recusal link on it."""
    from fazhi.enforcement.tests.factories import make_officer
    from fazhi.inspections import services
    from fazhi.inspections.models import DrawnObject, RecusalLink

    from .factories import make_item, make_objects

    unit = o.world.market_a
    officers = [make_officer(unit) for _ in range(3)]
    officers[0].full_name = MARKER + "检查员"
    officers[0].save(update_fields=["full_name"])
    objects = make_objects(unit, "AB", prefix=MARKER)
    link = RecusalLink.objects.create(
        inspection_object=objects[1], officer=officers[0], reason=RecusalLink.Reason.RELATIVE
    )
    with transaction.atomic():
        task = services.task_create(
            actor=None,
            unit=unit,
            title=MARKER + "抽查任务",
            items=[make_item(unit, name=MARKER + "抽查事项")],
            planned_from=dt.date(2024, 6, 1),
            planned_to=dt.date(2024, 6, 30),
            ratios={"A": "100", "B": "100", "C": "0", "D": "0"},
        )
        services.task_commit_seed(actor=None, task=task, on=dt.date(2024, 6, 3))
        services.task_draw(actor=None, task=task, on=dt.date(2024, 6, 7))
    o.extra["insp"] = {
        "task": task,
        "object": objects[0],
        "drawn": DrawnObject.objects.filter(task=task).first(),
        "link": link,
    }


scoping.EXTRA_BUILDERS.append(_inspections_probe)
scoping.URL_SAMPLES.update(
    {
        "inspections:task-detail": lambda o: {"pk": o.extra["insp"]["task"].pk},
        "inspections:task-action": lambda o: {"pk": o.extra["insp"]["task"].pk, "action": "draw"},
        "inspections:task-document": lambda o: {"pk": o.extra["insp"]["task"].pk},
        "inspections:result-edit": lambda o: {"pk": o.extra["insp"]["drawn"].pk},
        "inspections:object-detail": lambda o: {"pk": o.extra["insp"]["object"].pk},
        # public portal pages (not scoped; listed for the junk-input test)
        "portal:inspections-task": lambda o: {"pk": o.extra["insp"]["task"].pk},
        "portal:inspections-json": lambda o: {"pk": o.extra["insp"]["task"].pk},
    }
)
scoping.API_SAMPLES.update(
    {
        "/api/inspections/tasks/{task_id}": lambda o: {"task_id": o.extra["insp"]["task"].pk},
        "/api/inspections/tasks/{task_id}/draw": lambda o: {"task_id": o.extra["insp"]["task"].pk},
    }
)
