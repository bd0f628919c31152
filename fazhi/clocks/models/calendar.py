"""The working-day calendar (工作日历): every day of every covered year, editable by administrators."""

from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """A year the calendar covers; deadlines reaching an uncovered year are refused."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    notice = models.CharField("依据（放假通知文号）", max_length=100, blank=True)
    source = models.CharField("来源", max_length=50)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """One day: whether it is a working day and why (weekend, holiday, 调休上班)."""

    class Kind(models.TextChoices):
        WEEKDAY = "weekday", "工作日"
        WEEKEND = "weekend", "周末"
        HOLIDAY = "holiday", "法定节假日"
        MAKEUP = "makeup", "调休上班"

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    kind = models.CharField("类型", max_length=16, choices=Kind)
    name = models.CharField("名称", max_length=50, blank=True)
    source = models.CharField("来源", max_length=50)
    note = models.CharField("修改原因", max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "日历日"
        verbose_name_plural = "日历日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
