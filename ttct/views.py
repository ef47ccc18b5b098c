"""Project-level pages: the home dashboard and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.documents.engine import has_times_compatible_font
from ttct.home import panels as home_panels


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon lives with the static files
    (resolved per request: the manifest of hashed names exists only after collectstatic)."""
    return redirect(static("core/favicon.svg"), permanent=True)


@require_GET
@never_cache
def healthz(request):
    """200 with {"database": "ok"} when the database answers; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    body = {"status": "ok", "database": "ok"}
    if not has_times_compatible_font():
        # Documents still print, in the embedded fallback font; the fix is fonts-liberation2 or TTCT_FONT_DIRS.
        body["warnings"] = ["documents-font"]
    return JsonResponse(body)


@login_required
def home(request):
    """The day's work of the user, one panel per kind of work (`ttct.home`)."""
    return render(request, "home.html", {"panels": home_panels(request.user)})
