"""REST endpoints of the evaluation app (mounted at /api/evaluation/)."""

from ninja import Router

router = Router(tags=["案卷评查"])
