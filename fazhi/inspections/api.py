"""REST endpoints of the inspections app (mounted at /api/inspections/)."""

from ninja import Router

router = Router(tags=["双随机一公开"])
