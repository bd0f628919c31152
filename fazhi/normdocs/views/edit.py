"""The drafting unit's edit page: particulars, validity and a new text version, while still a draft."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.access import requires, staff_user
from fazhi.core.errors import DomainError
from fazhi.normdocs import permissions as P
from fazhi.normdocs import policies, services
from fazhi.normdocs.forms import DATE
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.selectors import staff as staff_selectors
from fazhi.normdocs.transitions import EDITABLE

FIELDS = ("title", "kind", "is_provisional", "effective_on", "expires_on", "legal_basis")


class DraftEditForm(forms.Form):
    """What the clerk may change while drafting; the text becomes a new version when it changes."""

    title = forms.CharField(label="标题", max_length=200)
    kind = forms.ChoiceField(label="类别", choices=NormativeDocument.Kind.choices)
    is_provisional = forms.BooleanField(label="暂行/试行（有效期不超过 2 年）", required=False)
    effective_on = forms.DateField(label="拟施行日期", widget=DATE, required=False)
    expires_on = forms.DateField(label="有效期至", widget=DATE, required=False)
    legal_basis = forms.CharField(
        label="制定依据", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    text = forms.CharField(
        label="正文（修改后保存为新稿）",
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        max_length=200_000,
    )
    file = forms.FileField(label="或上传新稿（.docx/.pdf/.txt，优先于上方正文）", required=False)
    note = forms.CharField(label="新稿说明", max_length=200, required=False)


def _initial(doc: NormativeDocument) -> dict[str, Any]:
    return {name: getattr(doc, name) for name in FIELDS} | {"text": doc.body_text}


@transaction.atomic
def _save(doc: NormativeDocument, user: Any, data: dict[str, Any]) -> list[str]:
    """Apply the edits through the services (one transaction); returns what changed."""
    done = []
    changed = {n: data[n] for n in FIELDS if data[n] != getattr(doc, n)}
    if "legal_basis" in changed and changed["legal_basis"].strip() == doc.legal_basis.strip():
        del changed["legal_basis"]
    if changed:
        services.document_update(actor=user, doc=doc, **changed)
        done.append("基本信息")
    upload = data.get("file")
    text = (data.get("text") or "").replace("\r\n", "\n").strip()
    if upload is not None:
        services.version_add(
            actor=user, doc=doc, file_name=upload.name, data=upload.read(), note=data["note"]
        )
        done.append("新稿（上传）")
    elif text and text != doc.body_text.strip():
        services.version_add(actor=user, doc=doc, text=text, note=data["note"])
        done.append("新稿")
    return done


@requires(P.DRAFT)
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft (起草、修改中 stages only), for the drafting unit's clerk."""
    user = staff_user(request)
    doc = staff_selectors.document_get_visible(user=user, pk=pk)
    if not policies.can(user, "edit", doc):
        raise Http404("记录不存在或无权操作")
    if doc.status not in EDITABLE:
        messages.error(request, f"文件处于“{doc.get_status_display()}”阶段，不能再修改草案")
        return redirect(doc)
    form = DraftEditForm(request.POST or None, request.FILES or None, initial=_initial(doc))
    if request.method == "POST" and form.is_valid():
        try:
            done = _save(doc, user, form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已保存：{'、'.join(done)}" if done else "没有修改")
            return redirect(doc)
    context = {"doc": doc, "form": form, "versions": doc.versions.order_by("-number")[:10]}
    return render(request, "normdocs/document_edit.html", context)
