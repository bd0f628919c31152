"""Send in-app notifications (and e-mail when configured)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.models import Notification, User

log = logging.getLogger(__name__)


def notification_send(
    *,
    recipient: User,
    title: str,
    body: str = "",
    url: str = "",
    level: str = Notification.Level.INFO,
    dedupe_key: str = "",
) -> Notification | None:
    """Put a message in the recipient's inbox; a repeated `dedupe_key` sends nothing (returns None)."""
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                recipient=recipient,
                title=title[:200],
                body=body,
                url=url,
                level=level,
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return None
    if settings.FAZHI_EMAIL_NOTIFICATIONS and recipient.email:
        address = recipient.email
        transaction.on_commit(lambda: _mail(address, title, body, url))
    return note


def _mail(address: str, title: str, body: str, url: str) -> None:
    try:
        send_mail(f"[法治平台] {title}", f"{body}\n\n{url}".strip(), None, [address])
    except OSError:  # a mail outage must never break the job that notifies
        log.exception("e-mail notification to %s failed", address)


def notification_mark_read(*, recipient: User, pk: int | None = None) -> int:
    """Mark one (or all) of the recipient's unread notifications read; returns how many."""
    qs = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
