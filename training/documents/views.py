"""The class file page and its downloads, and the exports of the class list, the annual plan and
the director's dashboard. Every file is built by training.documents for what the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.scope import scope_of
from core.listing import apply_list_params
from org.models import Centre
from training.classes.figures import attendance_rate, needs_attention, with_enrolment, with_figures
from training.classes.views import class_list_spec, require_class_reader
from training.classes.views_dashboard import MAX_ROWS, STATUS_ORDER, centre_lineage
from training.documents import classfile, exports
from training.documents.party import audience_for, signers
from training.models import AnnualPlan, Klass
from training.models.scoping import visible_class_or_404
from training.permissions import sees_centre_work, sees_class_people
from training.plans.report import plan_vs_actual

FORMATS = ("pdf", "xlsx", "docx")
EXPORT_LIMIT = 5000  # a list longer than this is an export of the whole database: narrow it first


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def class_for_file(request, pk: int) -> Klass:
    require_class_reader(request.user)
    klass = visible_class_or_404(request.user, pk, Klass.objects.only("pk", "centre_id"))
    if not sees_class_people(request.user, klass):
        raise PermissionDenied
    return classfile.load_class(klass.pk)


@login_required
@require_GET
def class_file(request, pk: int):
    """Every document of the class, each in the formats it comes in, and the whole file as a ZIP."""
    klass = class_for_file(request, pk)
    signer = request.GET.get("signer", "")
    audience = audience_for(request.user)
    documents = [
        {"kind": kind, "title": classfile.TITLES[kind],
         "formats": FORMATS if kind in classfile.WORD_KINDS else ("pdf", "xlsx")}
        for kind in classfile.KINDS
        if kind not in classfile.AFTER_RESULTS or klass.results_locked
    ]
    return render(request, "training/classfile/class_file.html", {
        "klass": klass,
        "documents": documents,
        "signers": signers(klass.centre, timezone.localdate()),
        "signer": signer,
        "sees_personal_data": audience.personal_data,
    })


@login_required
@require_GET
def class_file_download(request, pk: int, kind: str, fmt: str):
    klass = class_for_file(request, pk)
    build = classfile.KINDS.get(kind)
    if build is None or fmt not in FORMATS:
        raise Http404
    document = build(klass, audience_for(request.user), request.GET.get("signer"))
    if fmt not in document.formats:
        raise Http404
    return attachment(*document.file(fmt))


def _format(fmt: str) -> str:
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    return fmt


@login_required
@require_GET
def class_list_export(request, fmt: str):
    """The class list as filtered and sorted on its page, every row (no paging)."""
    require_class_reader(request.user)
    queryset = with_enrolment(
        Klass.objects.visible_to(request.user).select_related("centre", "version__programme", "room")
    )
    queryset = apply_list_params(request, queryset, class_list_spec(request.user))[0]
    return attachment(*exports.class_list(list(queryset[:EXPORT_LIMIT])).file(_format(fmt)))


@login_required
@require_GET
def plan_export(request, pk: int, fmt: str):
    if not sees_centre_work(request.user):
        raise PermissionDenied
    plan = get_object_or_404(AnnualPlan.objects.visible_to(request.user).select_related("centre"), pk=pk)
    return attachment(*exports.plan_report(plan_vs_actual(plan)).file(_format(fmt)))


@login_required
@require_GET
def dashboard_export(request, fmt: str):
    """The director's table of classes for a centre and year, as on the dashboard."""
    scope = scope_of(request.user)
    if not scope.is_staff_of_some_centre:
        raise PermissionDenied
    centres = list(Centre.objects.visible_to(request.user))
    wanted = request.GET.get("centre", "")
    centre = next((c for c in centres if str(c.pk) == wanted and scope.sees_people_of(c.pk)), None)
    if centre is None:
        raise Http404
    today = timezone.localdate()
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    classes = Klass.objects.visible_to(request.user).filter(centre_id__in=centre_lineage(centre, centres))
    classes = classes.filter(Q(start_date__year=year) | (Q(start_date__year__lt=year) & ~Q(status=Klass.Status.CLOSED)))
    rows = list(
        with_figures(classes.select_related("version__programme"))
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "start_date", "code")[:MAX_ROWS]
    )
    for row in rows:
        row.attendance = attendance_rate(row)
        row.flags = needs_attention(row, today)
    return attachment(*exports.dashboard_table(centre, year, rows).file(_format(fmt)))
