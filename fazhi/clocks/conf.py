"""Clock settings with their defaults."""

from django.conf import settings


def due_soon_working_days() -> int:
    """A running clock is "due soon" within this many working days of its due date (default 3)."""
    return int(getattr(settings, "FAZHI_DUE_SOON_WORKING_DAYS", 3))


def sweep_hour() -> int:
    """Local hour after which the daily sweep runs (default 1, i.e. 01:00)."""
    return int(getattr(settings, "FAZHI_SWEEP_HOUR", 1))


def calendar_warn_from_month() -> int:
    """From this month on, a missing calendar for next year is shown as a warning (default 10)."""
    return int(getattr(settings, "FAZHI_CALENDAR_WARN_FROM_MONTH", 10))
