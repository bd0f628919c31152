"""REST endpoints of the precheck app (mounted at /api/precheck/)."""

from ninja import Router

router = Router(tags=["合法性预审"])
