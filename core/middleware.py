"""Request-wide middleware: a request id for the audit log, and the request body limit."""

import contextvars
import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("current_request_id", default="")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming[:64] if incoming.isascii() and incoming else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestBodyLimit:
    """Refuse a request whose declared body is larger than settings.MAX_REQUEST_BODY_BYTES (413), from its
    Content-Length alone: nothing reads the body first. The limit leaves room for the largest upload
    the pages accept (a 10 MB workbook) and its form fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BODY_BYTES
        if length > limit:
            message = _("The request is larger than %(mb)d MB and was not read.") % {"mb": limit // (1024 * 1024)}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(f"<!doctype html><title>413</title><p>{escape(message)}</p>", status=413)
        return self.get_response(request)


class ContentSecurityPolicy:
    """Content-Security-Policy on every response: scripts and styles only from the application's own static
    files (no inline script, handler, style element or style attribute exists in the templates; bar heights
    and widths are classes), nothing framed, no plugins. settings.CONTENT_SECURITY_POLICY replaces the whole
    policy."""

    DEFAULT = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
               "frame-ancestors 'none'")

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "") or self.DEFAULT

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class RefuseNulCharacters:
    """A NUL character in an API request's query, form or JSON body is a 422 with a message: PostgreSQL
    cannot store it, and no text a user types contains it (forms already refuse it field by field)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/") and self._has_nul(request):
            return JsonResponse({"detail": {"__all__": [_("A value contains a NUL character, which is not allowed in "
                                                         "text.")]}}, status=422)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if request.method in ("POST", "PUT", "PATCH") and request.content_type == "application/json":
            body = request.body  # JSON bodies are small; RequestBodyLimit ran first
            return b"\x00" in body or b"\\u0000" in body.lower()
        if request.method in ("POST", "PUT", "PATCH") and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data"):
            return any("\x00" in value for values in request.POST.lists() for value in values[1])
        return False
