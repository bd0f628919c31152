"""The REST API under /api/ (django-ninja): token auth, OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .analytics.api import router as analytics_router
from .clocks.api import router as clocks_router
from .core.api import router as core_router
from .core.api_auth import TokenAuth
from .core.errors import DomainError
from .enforcement.api import router as enforcement_router
from .evaluation.api import router as evaluation_router
from .files.api import router as files_router
from .inspections.api import router as inspections_router
from .normdocs.api import router as normdocs_router
from .precheck.api import router as precheck_router
from .search.api import router as search_router

api = NinjaAPI(
    title="法治平台数据接口",
    version="1.0",
    description="数字法治政府建设平台 REST 接口。使用 `Authorization: Bearer <令牌>` 认证；"
    "所有数据均按令牌所属用户的授权范围过滤，范围外记录返回 404。",
    auth=TokenAuth(),
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """A refused business rule: 400 with the Chinese message and the field at fault."""
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(ValidationError)
def django_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Model-level validation errors."""
    return api.create_response(request, {"detail": "；".join(exc.messages)}, status=400)


@api.exception_handler(NinjaValidationError)
def schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """Malformed request bodies or parameters, explained in Chinese per field."""
    errors: list[dict[str, Any]] = []
    for err in exc.errors:
        loc = ".".join(
            str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")
        )
        errors.append({"field": loc, "message": _zh(err)})
    return api.create_response(request, {"detail": "请求参数不正确", "errors": errors}, status=400)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Missing and out-of-scope records look the same."""
    return api.create_response(request, {"detail": "记录不存在或无权查看"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """No or bad token."""
    return api.create_response(request, {"detail": "令牌无效或已过期"}, status=401)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Explicit HTTP errors keep their status."""
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _zh(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "必填"
    if kind.startswith(("int_", "float_", "decimal_")):
        return "应为数字"
    if kind.startswith(("date_", "datetime_")):
        return "日期格式应为 YYYY-MM-DD"
    if kind.startswith("string_too_long"):
        return "内容过长"
    if kind.startswith("bool"):
        return "应为 true 或 false"
    return "格式不正确"


api.add_router("/core/", core_router)
api.add_router("/clocks/", clocks_router)
api.add_router("/files/", files_router)
api.add_router("/search/", search_router)
api.add_router("/normdocs/", normdocs_router)
api.add_router("/precheck/", precheck_router)
api.add_router("/enforcement/", enforcement_router)
api.add_router("/inspections/", inspections_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/analytics/", analytics_router)
