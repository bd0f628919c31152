"""Which records may own attachments, and how their visibility is decided.

An owning app calls, once at start-up (from its ``AppConfig.ready`` or an ``attachments.py``
module, which the files app imports from every installed app)::

    from fazhi.files.registry import register_owner
    register_owner(Case, "enforcement.view_cases", stages=["立案", "调查取证", ...])

An attachment is then visible exactly when its owner is visible to the user with that permission
(``access.get_visible`` over ``unit_field``). Attachments of an owner type that nobody registered
fall back to the attachment's own unit and the ``core.view_attachment`` permission. Uploads
through the staff page and the API accept registered owner types only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import Http404

from fazhi.core import access


@dataclass(frozen=True)
class OwnerSpec:
    """How a record type owns attachments."""

    model: type[Model]
    perm: str
    unit_field: str
    stages: tuple[str, ...]

    @property
    def label(self) -> str:
        """``app_label.modelname`` (the form the API takes)."""
        return self.model._meta.label_lower

    def unit_of(self, owner: Model) -> Any:
        """The owner's org unit, following `unit_field` (``a__b`` paths allowed)."""
        value: Any = owner
        for part in self.unit_field.split("__"):
            value = getattr(value, part)
        return value

    def visible_owner(self, user: Any, owner_id: Any) -> Model:
        """The owner record if the user may see it, else Http404."""
        qs = self.model._default_manager.all()
        return access.get_visible(qs, user, self.perm, self.unit_field, pk=owner_id)


OWNERS: dict[str, OwnerSpec] = {}


def register_owner(
    model: type[Model],
    perm: str,
    unit_field: str = "org_unit",
    *,
    stages: list[str] | tuple[str, ...] = (),
) -> OwnerSpec:
    """Declare `model` as an owner of attachments, visible with `perm` over `unit_field`."""
    spec = OwnerSpec(model=model, perm=perm, unit_field=unit_field, stages=tuple(stages))
    OWNERS[spec.label] = spec
    return spec


def spec_for(model_or_label: type[Model] | Model | str) -> OwnerSpec | None:
    """The registration of a model (class, instance or ``app_label.model``), if any."""
    if isinstance(model_or_label, str):
        return OWNERS.get(model_or_label.lower())
    return OWNERS.get(model_or_label._meta.label_lower)


def resolve(label: str, owner_id: Any, user: Any) -> tuple[OwnerSpec, Model]:
    """A registered owner visible to `user`, from ``app_label.model`` and id; else Http404."""
    spec = spec_for(str(label).strip())
    if spec is None:
        raise Http404("记录不存在或无权查看")
    return spec, spec.visible_owner(user, owner_id)


def discover() -> None:
    """Import every installed app's ``attachments`` module (where apps may register owners)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("attachments")
