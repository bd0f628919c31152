"""REST endpoints of the analytics app (mounted at /api/analytics/)."""

from ninja import Router

router = Router(tags=["执法监督分析"])
