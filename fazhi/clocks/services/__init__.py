"""Clock services: the only write path for the calendar and for statutory clocks."""

from .calendar import calendar_day_set, calendar_import_notice, calendar_seed, parse_notice
from .clocks import (
    clock_cancel,
    clock_complete,
    clock_complete_for,
    clock_extend,
    clock_for,
    clock_pause,
    clock_register,
    clock_restart,
    clock_resume,
)
from .sweep import clock_sweep

__all__ = [
    "calendar_day_set",
    "calendar_import_notice",
    "calendar_seed",
    "clock_cancel",
    "clock_complete",
    "clock_complete_for",
    "clock_extend",
    "clock_for",
    "clock_pause",
    "clock_register",
    "clock_restart",
    "clock_resume",
    "clock_sweep",
    "parse_notice",
]
