"""Pages of a class: the list, the hub page, opening, editing, state changes and the opening decision."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.access import kept_rows
from core.http import pk_url
from core.listing import Filter, KeptReads, ListSpec, build_list, search_words
from core.prepared import PreparedObjects
from core.views import apply_validation_error, flash_error
from curriculum.choices import VersionStatus
from curriculum.models import Programme, ProgrammeVersion
from org.selectors import centre_filter
from training.classes import services as services
from training.classes.documents import opening_decision_file
from training.classes.figures import attendance_rate, with_enrolment, with_figures
from training.classes.forms import ClassForm, OpeningDecisionForm, TransitionForm
from training.models import AnnualPlan, Klass, PlanLine
from training.models.classes import venue_of
from training.models.scoping import class_by_key, visible_class_or_404
from training.permissions import creates_classes, edits_centre, reads_class_lists, sees_centre_work, sees_class_people

Status = Klass.Status


class ClassListRow(NamedTuple):
    """A row of the class list, read as plain values (`_class_list_reads`)."""

    pk: int
    code: str
    name: str
    start_date: dt.date
    end_date: dt.date
    status: str
    capacity: int
    off_site_venue: str
    room_name: str | None
    centre_name: str
    version_number: int
    programme_code: str
    enrolled: int

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def venue(self) -> str:
        return venue_of(self.off_site_venue, self.room_name)

    @property
    def html(self) -> SafeString:
        """The row's <tr>, written here: through the template engine a row cost about a tenth of a millisecond,
        most of a short list's rendering."""
        return format_html(
            _ROW, url=pk_url("training:class_detail", self.pk), code=self.code, name=self.name,
            programme=self.programme_code, version=self.version_number, start=self.start_date.strftime("%d/%m/%Y"),
            end=self.end_date.strftime("%d/%m/%Y"), status=self.status, status_label=self.status_label,
            enrolled=localize(self.enrolled), capacity=localize(self.capacity), venue=self.venue or "—",
            centre=self.centre_name)


_ROW = ("<tr>\n  <td><a href=\"{url}\">{code}</a></td>\n"
        "  <td>{name}<br><small class=\"muted\">{programme} v{version}</small></td>\n"
        "  <td>{start} – {end}</td>\n"
        "  <td><span class=\"badge status-{status}\">{status_label}</span></td>\n"
        "  <td class=\"num\">{enrolled}/{capacity}</td>\n"
        "  <td class=\"hide-sm\">{venue}</td>\n"
        "  <td class=\"hide-sm\">{centre}</td>\n</tr>\n")


def _class_list_reads(user) -> KeptReads:
    # The count's and the page's SQL depend only on the login's scope and the query string: kept per login.
    return KeptReads(
        name="class-list",
        keep=lambda key, build: kept_rows(user, key, build),
        columns=("pk", "code", "name", "start_date", "end_date", "status", "capacity", "off_site_venue",
                 "room__name", "centre__name", "version__number", "version__programme__code", "enrolled"),
        row=ClassListRow._make,
    )


def require_class_reader(user) -> None:
    if not reads_class_lists(user):
        raise PermissionDenied


def _class_page_classes():
    """Classes with what their pages show. The relations few classes have (co-organiser, head teacher, plan
    line, approver) are left to be read when a page uses them, one query each and none when unset: joined
    to the class (ten tables with the figures' seven subqueries) its read took 3,5 ms to plan, against
    1,1 ms with the three every class has, and prefetching them compiled four queries even when unset."""
    return Klass.objects.select_related("centre", "version__programme", "room")


# One class by its key, compiled once and prepared: building the read (with the figures' seven
# subqueries) and planning it took longer than running it.
_CLASS_PAGE = class_by_key("centre", "version__programme", "room")
_CLASS_PAGE_WITH_FIGURES = PreparedObjects(lambda pk: with_figures(_class_page_classes()).filter(pk=pk),
                                           -6_120_448_913)


def visible_class(request, pk: int, queryset=None) -> Klass:
    """The class with what its page shows (404 outside the login's classes)."""
    return visible_class_or_404(request.user, pk, _CLASS_PAGE if queryset is None else queryset)


def class_list_spec(user) -> ListSpec:
    # The filters' choices: their SQL is the login's own (kept), their rows are read on every page.
    programmes = [(code, f"{code} – {name}") for code, name in kept_rows(
        user, ("class-list-programmes",),
        lambda: Programme.objects.visible_to(user).order_by("sort_key").values_list("code", "name"))]
    years = [(str(int(y)), str(int(y))) for (y,) in kept_rows(
        user, ("class-list-years",),
        lambda: Klass.objects.visible_to(user).annotate(y=ExtractYear("start_date")).order_by("-y")
        .values_list("y").distinct())]
    return ListSpec(
        sorts={
            "code": (gettext_lazy("Class code"), "code"),
            "start": (gettext_lazy("Dates"), "start_date"),
            "programme": (gettext_lazy("Programme"), "version__programme__sort_key"),
            "status": (gettext_lazy("Status"), "status"),
            "enrolled": (gettext_lazy("Learners"), "enrolled"),
        },
        default_sort="-start",
        search=search_words,
        filters=[
            centre_filter(user),
            Filter("status", gettext_lazy("Status"), Status.choices, lambda qs, v: qs.filter(status=v)),
            Filter("year", gettext_lazy("Year"), years, lambda qs, v: qs.filter(start_date__year=int(v))),
            Filter("programme", gettext_lazy("Programme"), programmes,
                   lambda qs, v: qs.filter(version__programme__code=v)),
        ],
    )


@login_required
def class_list(request):
    require_class_reader(request.user)
    # Only the columns the rows show (the four tables' rows have some 80 columns in all), as plain values.
    context = build_list(request, lambda: with_enrolment(Klass.objects.visible_to(request.user)),
                         class_list_spec(request.user), _class_list_reads(request.user))
    context["can_create"] = creates_classes(request.user)
    context["sees_dashboard"] = sees_centre_work(request.user)
    template = "training/classes/_class_rows.html" if request.htmx else "training/classes/class_list.html"
    return render(request, template, context)


def _stage_links(klass: Klass, figures: Klass) -> list[dict]:
    """Links to the other stages' pages, by URL name; a stage not built yet is shown without a link."""
    rate = attendance_rate(figures)
    stages = [
        ("training:nominations", _("Nominations and learners"),
         _("%(n)s of %(capacity)s places") % {"n": figures.enrolled, "capacity": klass.capacity}),
        ("training:timetable", _("Timetable"),
         _("%(n)s sessions") % {"n": figures.sessions_total}),
        ("training:attendance_grid", _("Attendance"),
         _("%(rate)s%% present") % {"rate": rate} if rate is not None else _("not taken yet")),
        ("training:results_grid", _("Results"),
         _("%(done)s of %(n)s computed") % {"done": figures.results, "n": figures.enrolled}),
        ("certificates:class_certificates", _("Certificates"),
         _("%(n)s issued") % {"n": figures.certificates}),
    ]
    links = []
    for name, label, summary in stages:
        links.append({"name": name, "label": label, "summary": summary, "url": pk_url(name, klass.pk)})
    return links


def _steps(klass: Klass) -> list[dict]:
    order = list(Status.values)
    here = order.index(klass.status)
    return [{"value": v, "label": Status(v).label, "done": i < here, "current": i == here} for i, v in enumerate(order)]


@login_required
def class_detail(request, pk: int):
    require_class_reader(request.user)
    # The class and its figures in one read (the figures are annotations on the same row).
    klass = figures = visible_class(request, pk, _CLASS_PAGE_WITH_FIGURES)
    can_edit = edits_centre(request.user, klass.centre_id)
    forward = services.FORWARD.get(klass.status)
    backward = services.BACKWARD.get(klass.status)
    context = {
        "klass": klass,
        "figures": figures,
        "attendance_rate": attendance_rate(figures),
        "steps": _steps(klass),
        "stages": _stage_links(klass, figures),
        "can_edit": can_edit,
        "can_read_file": sees_class_people(request.user, klass),
        "forward": forward and {"value": forward, "label": Status(forward).label,
                                "blockers": services.transition_blockers(klass, forward),
                                "warnings": services.closing_warnings(klass) if forward == Status.CLOSED else []},
        "backward": backward and {"value": backward, "label": Status(backward).label},
        "decision_form": OpeningDecisionForm(initial={"number": klass.opening_decision_number,
                                                      "date": klass.opening_decision_date}),
    }
    return render(request, "training/classes/class_detail.html", context)


def _initial_from_line(request, user) -> tuple[dict, PlanLine | None]:
    line_id = request.GET.get("line") or request.POST.get("plan_line")
    if not (line_id and str(line_id).isdigit()):
        return {}, None
    line = get_object_or_404(
        PlanLine.objects.filter(plan__in=_visible_plans(user)).select_related("plan__centre", "programme"), pk=line_id
    )
    version = (
        ProgrammeVersion.objects.filter(programme=line.programme, status=VersionStatus.PUBLISHED)
        .order_by("-number").first()
    )
    initial = {"centre": line.plan.centre_id, "name": line.programme.name, "version": version}
    if version is not None:
        initial["code"] = services.suggest_class_code(programme=line.programme, year=line.plan.year)
    return initial, line


def _visible_plans(user):
    return AnnualPlan.objects.visible_to(user)


@login_required
def class_create(request):
    require_class_reader(request.user)
    if not creates_classes(request.user):
        raise PermissionDenied
    initial, line = _initial_from_line(request, request.user)
    form = ClassForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            klass = services.open_class(
                actor=request.user, centre=data["centre"], version=data["version"], plan_line=line,
                start_date=data["start_date"], end_date=data["end_date"], code=data["code"], name=data["name"],
                room=data["room"], off_site_venue=data["off_site_venue"], co_organiser=data["co_organiser"],
                head_teacher=data["head_teacher"], capacity=data["capacity"], is_resit=data["is_resit"],
                opening_decision_number=data["opening_decision_number"],
                opening_decision_date=data["opening_decision_date"], agreement=data["agreement"],
                warning_reason=data["warning_reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Class %(code)s created.") % {"code": klass.code})
            return redirect("training:class_detail", pk=klass.pk)
    return render(request, "training/classes/class_form.html", {
        "form": form, "line": line, "title": _("Open a class"),
    })


@login_required
def class_edit(request, pk: int):
    require_class_reader(request.user)
    klass = visible_class(request, pk)
    if not edits_centre(request.user, klass.centre_id):
        raise PermissionDenied
    form = ClassForm(request.POST or None, instance=klass, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_class(actor=request.user, klass=form.save(commit=False),
                                  warning_reason=form.cleaned_data["warning_reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(code)s.") % {"code": klass.code})
            return redirect("training:class_detail", pk=klass.pk)
    return render(request, "training/classes/class_form.html", {
        "form": form, "klass": klass, "title": _("Edit class %(code)s") % {"code": klass.code},
    })


@login_required
@require_POST
def class_transition(request, pk: int):
    klass = visible_class(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the state to move the class to."))
        return redirect("training:class_detail", pk=klass.pk)
    try:
        services.transition_class(actor=request.user, klass=klass, to_status=form.cleaned_data["to_status"],
                                  reason=form.cleaned_data["reason"])
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The class is now “%(state)s”.") % {"state": Status(form.cleaned_data["to_status"]).label})
    return redirect("training:class_detail", pk=klass.pk)


@login_required
@require_POST
def class_record_decision(request, pk: int):
    klass = visible_class(request, pk)
    if not edits_centre(request.user, klass.centre_id):
        raise PermissionDenied
    form = OpeningDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("training:class_detail", pk=klass.pk)
    klass.opening_decision_number = form.cleaned_data["number"]
    klass.opening_decision_date = form.cleaned_data["date"]
    try:
        services.update_class(actor=request.user, klass=klass)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Opening decision recorded."))
    return redirect("training:class_detail", pk=klass.pk)


@login_required
@require_GET
def class_opening_decision(request, pk: int, fmt: str):
    require_class_reader(request.user)
    if fmt not in ("docx", "pdf"):
        raise Http404
    klass = visible_class(request, pk)
    content, filename, content_type = opening_decision_file(klass, fmt, request.GET.get("signer"))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def class_delete(request, pk: int):
    klass = visible_class(request, pk)
    try:
        services.delete_class(actor=request.user, klass=klass, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
        return redirect("training:class_detail", pk=klass.pk)
    messages.success(request, _("Class %(code)s deleted.") % {"code": klass.code})
    return redirect("training:class_list")
