"""Working-day calendar and statutory clocks."""

from .calendar import CalendarDay, CalendarYear
from .clock import Clock, ClockExtension, ClockPause, ScheduledRun

__all__ = ["CalendarDay", "CalendarYear", "Clock", "ClockExtension", "ClockPause", "ScheduledRun"]
