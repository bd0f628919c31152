"""System checks: misconfigurations that would silently weaken the platform."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_settings(app_configs: Any, **kwargs: Any) -> list[Any]:
    """Warn about settings that break statutory or security guarantees."""
    problems: list[Any] = []
    if settings.LANGUAGE_CODE != "zh-hans":
        problems.append(Warning("界面语言应为 zh-hans", id="fazhi.W001"))
    if settings.TIME_ZONE != "Asia/Shanghai":
        problems.append(
            Error("法定期限按北京时间计算，TIME_ZONE 必须为 Asia/Shanghai", id="fazhi.E001")
        )
    return problems
