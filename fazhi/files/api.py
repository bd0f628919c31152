"""REST endpoints of the files app (mounted at /api/files/)."""

from ninja import Router

router = Router(tags=["files"])
