"""Attachment pages: list with hash search, detail with integrity check, download, upload, void."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from fazhi.core import access
from fazhi.core.access import staff_user
from fazhi.core.errors import DomainError
from fazhi.core.tables import Column, Table

from . import policies, registry, selectors, services
from .forms import UploadForm, VoidForm
from .permissions import UPLOAD, VIEW
from .responses import file_response, mime_of

COLUMNS = [
    Column("name", "文件名", order_by="name"),
    Column("owner", "所属记录", value=lambda a: str(a.owner) if a.owner else "—"),
    Column("stage", "环节", order_by="stage"),
    Column("org_unit", "所属单位", order_by="org_unit__path", value=lambda a: a.org_unit.name),
    Column("size", "大小", order_by="blob__size", value=lambda a: services.human_size(a.blob.size)),
    Column("sha256", "SHA-256", value=lambda a: a.blob_id, css="mono"),
    Column("uploaded_at", "上传时间", order_by="uploaded_at"),
    Column("voided", "已作废", order_by="voided", value=lambda a: "已作废" if a.voided else ""),
]
KINDS = [("document", "文档"), ("image", "图片"), ("audio", "音频"), ("video", "视频")]


@access.requires(VIEW)
def attachment_list(request: HttpRequest) -> HttpResponse:
    """Attachments in scope; search by name, description or an exact SHA-256; Excel export."""
    q, kind = request.GET.get("q", "").strip(), request.GET.get("kind", "")
    qs = selectors.attachment_list_visible_to(request.user, q=q, kind=kind).prefetch_related(
        "owner"
    )
    table = Table(request, qs, COLUMNS, default_sort="-uploaded_at")
    if request.GET.get("export") == "xlsx":
        return table.export(filename="附件清单", title="附件清单")
    context = {"table": table, "page": table.page, "q": q, "kind": kind, "kinds": KINDS}
    return render(request, "files/list.html", context)


@access.requires(VIEW)
def attachment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Metadata, the SHA-256, an inline player or preview, the integrity check and voiding."""
    user = staff_user(request)
    attachment = selectors.attachment_get_visible(user, pk)
    owner = attachment.owner
    context = {
        "a": attachment,
        "owner": owner,
        "owner_url": getattr(owner, "get_absolute_url", lambda: "")(),
        "mime": mime_of(attachment),
        "size": services.human_size(attachment.blob.size),
        "can_void": policies.can_void(user, attachment),
        "void_form": VoidForm(),
    }
    return render(request, "files/detail.html", context)


@access.requires(VIEW)
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Stream the file (Range requests for players); inline for media and PDF unless ?download=1."""
    attachment = selectors.attachment_get_visible(staff_user(request), pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return file_response(request, attachment, as_attachment=request.GET.get("download") == "1")


@require_POST
@access.requires(VIEW)
def attachment_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-hash the stored bytes and report 一致 / 不一致."""
    attachment = selectors.attachment_get_visible(staff_user(request), pk)
    result = selectors.attachment_integrity(attachment)
    if request.htmx:
        return render(request, "files/_integrity.html", {"result": result})
    (messages.success if result.ok else messages.error)(request, f"完整性校验：{result.message}")
    return redirect(_back(request, attachment.get_absolute_url()))


@require_POST
@access.requires(VIEW)
def attachment_void(request: HttpRequest, pk: int) -> HttpResponse:
    """Void an attachment with a reason (evidence is never deleted)."""
    user = staff_user(request)
    attachment = selectors.attachment_get_visible(user, pk)
    if not policies.can_void(user, attachment):
        if attachment.voided:
            messages.error(request, "该附件已经作废")
            return redirect(attachment)
        raise Http404("页面不存在")
    form = VoidForm(request.POST)
    if not form.is_valid():
        messages.error(request, "未作废：" + "；".join(form.errors["reason"]))
    else:
        try:
            services.attachment_void(
                actor=user, attachment=attachment, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, f"未作废：{exc.message}")
        else:
            messages.success(request, f"已作废“{attachment.name}”，原文件保留备查")
    return redirect(_back(request, attachment.get_absolute_url()))


@require_POST
@access.requires(UPLOAD)
def attachment_upload(request: HttpRequest) -> HttpResponse:
    """Upload to a registered owner record the user can see and handle; back to where it came from."""
    user = staff_user(request)
    spec, owner = registry.resolve(
        request.POST.get("owner", ""), request.POST.get("owner_id"), user
    )
    if not policies.can_upload(user, owner):
        raise Http404("页面不存在")
    back = _back(request, getattr(owner, "get_absolute_url", lambda: "")())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = "；".join(
            f"{form.fields[f].label}：{'，'.join(e)}" for f, e in form.errors.items()
        )
        messages.error(request, f"未上传：{errors}")
    else:
        upload = form.cleaned_data["file"]
        try:
            attachment = services.attachment_upload(
                actor=user,
                file=upload,
                name=upload.name,
                org_unit=spec.unit_of(owner),
                owner=owner,
                stage=form.cleaned_data["stage"],
                description=form.cleaned_data["description"],
            )
        except DomainError as exc:
            messages.error(request, f"未上传“{upload.name}”：{exc.message}")
        else:
            messages.success(request, f"已上传“{attachment.name}”，SHA-256：{attachment.blob_id}")
    if request.htmx:
        return HttpResponseClientRedirect(back)
    return redirect(back)


def _back(request: HttpRequest, default: str) -> str:
    """The same-site page named in `next`, else `default`, else the attachment list."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("files:list")
