"""Forms of the register pages: subjects, officers, certificates, training, power list, benchmarks,
the four lists. Field checks only; the rules (entrustment, ≥ 3 tiers, ranges) live in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from .forms import DATE, DateField
from .models import (
    BenchmarkTier,
    EnforcementSubject,
    LenientListEntry,
    PowerItem,
)
from .models.registers import DOMAINS, domains_list

DOMAIN_CHOICES = list(DOMAINS.items())


def _domains_field(label: str = "执法领域", *, required: bool = False) -> forms.Field:
    return forms.MultipleChoiceField(
        label=label,
        choices=DOMAIN_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        required=required,
    )


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown by name (the queryset is always restricted to the user's scope)."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class SubjectForm(forms.Form):
    """执法主体: the unit, its legal status and, for an entrusted body, its 委托书."""

    unit = UnitChoiceField(label="单位", queryset=None)  # type: ignore[arg-type]
    kind = forms.ChoiceField(label="主体类型", choices=EnforcementSubject.Kind.choices)
    domains = _domains_field(required=True)
    legal_basis = forms.CharField(
        label="设立/授权依据",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    entrusting_unit = UnitChoiceField(label="委托机关", queryset=None, required=False)  # type: ignore[arg-type]
    entrustment_document = forms.CharField(label="委托书文号", max_length=100, required=False)
    entrustment_valid_to = forms.DateField(label="委托期限至", widget=DATE, required=False)
    active = forms.BooleanField(label="有效", required=False, initial=True)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["entrusting_unit"].queryset = units  # type: ignore[attr-defined]


class OfficerForm(forms.Form):
    """执法人员: unit, name, domains, 法律职业资格, linked staff account."""

    unit = UnitChoiceField(label="所属单位", queryset=None)  # type: ignore[arg-type]
    full_name = forms.CharField(label="姓名", max_length=50)
    domains = _domains_field(required=True)
    legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)
    legal_qualification_number = forms.CharField(
        label="法律职业资格证书编号", max_length=50, required=False
    )
    user = forms.ModelChoiceField(
        label="系统账号（法制审核人员须关联）", queryset=None, required=False
    )  # type: ignore[arg-type]
    active = forms.BooleanField(label="在岗", required=False, initial=True)

    def __init__(self, *args: Any, units: Any, users: Any, editing: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        if editing:  # an officer does not change units; a transfer is a new register entry
            del self.fields["unit"]

    @staticmethod
    def initial_for(officer: Any) -> dict[str, Any]:
        return {
            "full_name": officer.full_name,
            "domains": domains_list(officer.domains),
            "legal_qualification": officer.legal_qualification,
            "legal_qualification_number": officer.legal_qualification_number,
            "user": officer.user_id,
            "active": officer.active,
        }


class CertificateForm(forms.Form):
    """A new 执法证 (renewals add rows; validity and domains decide who may be assigned)."""

    number = forms.CharField(label="执法证号", max_length=50)
    issuer = forms.CharField(label="发证机关", max_length=100)
    valid_from = DateField("有效期自")
    valid_to = forms.DateField(
        label="有效期至", widget=DATE, error_messages={"invalid": "日期格式应为 YYYY-MM-DD"}
    )
    domains = _domains_field("执法领域（不选则按人员的执法领域）")


class TrainingForm(forms.Form):
    course = forms.CharField(label="培训内容", max_length=200)
    hours = forms.DecimalField(
        label="学时", min_value=0, max_value=500, max_digits=6, decimal_places=1
    )
    attended_on = DateField("培训日期")


class RevokeForm(forms.Form):
    on = DateField("注销日期")
    reason = forms.CharField(label="注销原因", max_length=500)


class PowerItemForm(forms.Form):
    """A new item of the unit's 权责清单 (version 1)."""

    unit = UnitChoiceField(label="实施主体", queryset=None)  # type: ignore[arg-type]
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    category = forms.ChoiceField(label="权力类别", choices=PowerItem.Category.choices)
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 3}))
    responsible_unit = UnitChoiceField(label="责任单位", queryset=None)  # type: ignore[arg-type]
    domain = forms.ChoiceField(
        label="执法领域", choices=[("", "—")] + DOMAIN_CHOICES, required=False
    )
    effective_on = DateField("生效日期")

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]


class PowerAdjustForm(forms.Form):
    """调整 an item: a new version with its reason and date (or abolish it)."""

    name = forms.CharField(label="事项名称", max_length=200)
    category = forms.ChoiceField(label="权力类别", choices=PowerItem.Category.choices)
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 3}))
    responsible_unit = UnitChoiceField(label="责任单位", queryset=None)  # type: ignore[arg-type]
    domain = forms.ChoiceField(
        label="执法领域", choices=[("", "—")] + DOMAIN_CHOICES, required=False
    )
    active = forms.BooleanField(label="有效（取消勾选即取消该事项）", required=False)
    reason = forms.CharField(label="调整理由", max_length=500)
    effective_on = DateField("调整日期")

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(item: PowerItem) -> dict[str, Any]:
        return {
            "name": item.name,
            "category": item.category,
            "legal_basis": item.legal_basis,
            "responsible_unit": item.responsible_unit_id,
            "domain": item.domain,
            "active": item.active,
        }


TIERS = BenchmarkTier.Tier.choices


class BenchmarkForm(forms.Form):
    """A benchmark for a penalty item: one row per tier; rows left without conditions are skipped."""

    power_item = forms.ModelChoiceField(label="处罚事项", queryset=None)  # type: ignore[arg-type]
    violation = forms.CharField(label="违法行为", max_length=300)
    legal_basis = forms.CharField(label="处罚依据", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["power_item"].queryset = items  # type: ignore[attr-defined]
        for code, label in TIERS:
            self.fields[f"{code}_conditions"] = forms.CharField(
                label=f"{label}：适用情形",
                required=False,
                max_length=1000,
                widget=forms.TextInput(attrs={"aria-label": f"{label}：适用情形"}),
            )
            for end, text in (("min", "罚款下限（元）"), ("max", "罚款上限（元）")):
                self.fields[f"{code}_{end}"] = forms.DecimalField(
                    label=f"{label}：{text}",
                    required=False,
                    min_value=0,
                    max_digits=14,
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"aria-label": f"{label}：{text}"}),
                )
            self.fields[f"{code}_other"] = forms.CharField(
                label=f"{label}：其他处罚",
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"aria-label": f"{label}：其他处罚"}),
            )

    def head_fields(self) -> list[Any]:
        """The fields above the tier table."""
        return [self[name] for name in ("power_item", "violation", "legal_basis")]

    def tier_rows(self) -> list[tuple[str, list[Any]]]:
        """(tier label, bound fields) per tier, for the template's table."""
        return [
            (label, [self[f"{code}_{part}"] for part in ("conditions", "min", "max", "other")])
            for code, label in TIERS
        ]

    def tiers(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "tier": code,
                "conditions": data[f"{code}_conditions"],
                "amount_min": data[f"{code}_min"] or 0,
                "amount_max": data[f"{code}_max"] or 0,
                "other_measures": data[f"{code}_other"],
            }
            for code, _ in TIERS
            if (data.get(f"{code}_conditions") or "").strip()
        ]


class BenchmarkAdjustForm(BenchmarkForm):
    """调整 a benchmark: its texts and tiers as a new version, with reason and date."""

    reason = forms.CharField(label="调整理由", max_length=500)
    effective_on = DateField("调整日期")
    HEAD = ("violation", "legal_basis", "reason", "effective_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, items=None, **kwargs)
        del self.fields["power_item"]

    def head_fields(self) -> list[Any]:
        return [self[name] for name in self.HEAD]

    @staticmethod
    def initial_for(bench: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"violation": bench.violation, "legal_basis": bench.legal_basis}
        for t in bench.tiers.all():
            data |= {
                f"{t.tier}_conditions": t.conditions,
                f"{t.tier}_min": t.amount_min,
                f"{t.tier}_max": t.amount_max,
                f"{t.tier}_other": t.other_measures,
            }
        return data


class LenientEntryForm(forms.Form):
    """An entry of the four lists (不予处罚/从轻/减轻/免予强制)."""

    unit = UnitChoiceField(label="制定单位", queryset=None)  # type: ignore[arg-type]
    list_kind = forms.ChoiceField(label="清单类别", choices=LenientListEntry.ListKind.choices)
    matter = forms.CharField(label="违法行为/事项", max_length=300)
    conditions = forms.CharField(label="适用条件", widget=forms.Textarea(attrs={"rows": 2}))
    basis = forms.ChoiceField(label="法律依据", choices=LenientListEntry.Basis.choices)
    power_item = forms.ModelChoiceField(label="对应事项", queryset=None, required=False)  # type: ignore[arg-type]

    def __init__(self, *args: Any, units: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["power_item"].queryset = items  # type: ignore[attr-defined]


class LenientAdjustForm(LenientEntryForm):
    """调整 an entry of the four lists (or abolish it) as a new version, with reason and date."""

    active = forms.BooleanField(label="有效（取消勾选即废止该条目）", required=False)
    reason = forms.CharField(label="调整理由", max_length=500)
    effective_on = DateField("调整日期")

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, units=None, items=items, **kwargs)
        del self.fields["unit"]

    @staticmethod
    def initial_for(entry: LenientListEntry) -> dict[str, Any]:
        return {
            "list_kind": entry.list_kind,
            "matter": entry.matter,
            "conditions": entry.conditions,
            "basis": entry.basis,
            "power_item": entry.power_item_id,
            "active": entry.active,
        }
