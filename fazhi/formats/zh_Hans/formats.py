"""Input formats for Simplified Chinese.

The first input format is the one date widgets render with. Django's zh-hans locale puts
`%Y/%m/%d` first, which `<input type="date">` rejects (browsers accept only ISO `2026-11-30`), so
every date field would render empty when editing. ISO comes first here; the usual Chinese spellings
are still accepted when typed or imported.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
]
