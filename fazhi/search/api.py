"""REST endpoints of the search app (mounted at /api/search/)."""

from ninja import Router

router = Router(tags=["search"])
