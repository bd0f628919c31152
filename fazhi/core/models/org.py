"""The organisation tree (组织机构) stored as a materialised path."""

from django.db import models
from django.db.models import Q

PATH_SEGMENT_WIDTH = 8


class OrgUnit(models.Model):
    """A government, department, enforcement brigade or external body in the jurisdiction tree.

    `path` is the concatenation of the zero-padded primary keys from the root down to this unit,
    e.g. ``0000000100000007``. A subtree is the half-open range [path, next_sibling_path), which a
    plain B-tree index answers on both SQLite and PostgreSQL regardless of collation.
    """

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        BRIGADE = "brigade", "执法队伍"
        INTERNAL = "internal", "内设机构"
        CONGRESS = "congress", "人大常委会"
        COURT = "court", "人民法院"
        PROCURATORATE = "procuratorate", "人民检察院"
        OTHER = "other", "其他组织"

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡级"

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField(
        "简称", max_length=20, blank=True, help_text="用于文号前缀，如“江西”"
    )
    kind = models.CharField("类型", max_length=16, choices=Kind)
    level = models.CharField("层级", max_length=16, choices=Level)
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    division_code = models.CharField("行政区划代码", max_length=6, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.IntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~Q(uscc=""), name="orgunit_uscc_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        """The short name used in document numbers, falling back to the full name."""
        return self.short_name or self.name

    def subtree_q(self, field: str = "path") -> Q:
        """A Q matching this unit and every descendant on a `path` field (or a related one)."""
        return Q(**{f"{field}__gte": self.path, f"{field}__lt": path_upper_bound(self.path)})


def segment(pk: int) -> str:
    """The fixed-width path segment of one unit."""
    return str(pk).zfill(PATH_SEGMENT_WIDTH)


def path_upper_bound(path: str) -> str:
    """The smallest path greater than every path in the subtree rooted at `path`."""
    head, last = path[:-PATH_SEGMENT_WIDTH], path[-PATH_SEGMENT_WIDTH:]
    return head + str(int(last) + 1).zfill(PATH_SEGMENT_WIDTH)
