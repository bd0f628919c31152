"""Uploading through the service in tests."""

from __future__ import annotations

import io

from fazhi.files.services import attachment_upload


def upload(scene, name: str, data: bytes, *, stage: str = "调查取证", **extra):
    """Upload through the service, as the case handler."""
    return attachment_upload(
        actor=scene.handler,
        file=io.BytesIO(data),
        name=name,
        org_unit=scene.case.org_unit,
        owner=scene.case,
        stage=stage,
        **extra,
    )
