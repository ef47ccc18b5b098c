"""API endpoints for classes: read, open, change, move through states, the opening decision. Scoped like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from core.api_types import YEAR_MAX, YEAR_MIN, PageNumberPagination
from core.listing import search_words
from curriculum.models import ProgrammeVersion
from facilities.models import Room
from org.models import Centre, SendingOrganisation
from people.models import Lecturer
from training.classes import services as services
from training.classes.documents import opening_decision_file
from training.classes.figures import attendance_rate, with_enrolment, with_figures
from training.models import AnnualPlan, Klass, PlanLine
from training.permissions import reads_class_lists

router = Router(tags=["training"])


class ClassOut(Schema):
    id: int
    code: str
    name: str
    status: str
    centre_id: int
    version_id: int
    programme_code: str
    plan_line_id: int | None
    start_date: dt.date
    end_date: dt.date
    room_id: int | None
    off_site_venue: str
    co_organiser_id: int | None
    head_teacher_id: int | None
    capacity: int
    is_resit: bool
    opening_decision_number: str
    opening_decision_date: dt.date | None
    enrolled: int = 0

    @staticmethod
    def resolve_programme_code(obj) -> str:
        if isinstance(obj, Klass):
            return obj.version.programme.code
        return obj["programme_code"]  # a detail dict built from an already resolved ClassOut


class Transition(Schema):
    to_status: str
    possible: bool
    blockers: list[str]


class ClassDetailOut(ClassOut):
    sessions: int
    attendance_rate: int | None
    results: int
    completed: int
    certificates: int
    results_approved_at: dt.datetime | None
    closed_at: dt.datetime | None
    transitions: list[Transition]


class ClassIn(Schema):
    centre_id: int
    version_id: int
    start_date: dt.date
    end_date: dt.date
    code: str = ""
    name: str = ""
    plan_line_id: int | None = None
    room_id: int | None = None
    off_site_venue: str = ""
    co_organiser_id: int | None = None
    head_teacher_id: int | None = None
    capacity: int = 60
    is_resit: bool = False
    opening_decision_number: str = ""
    opening_decision_date: dt.date | None = None
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)


class ClassPatch(Schema):
    version_id: int | None = None
    code: str | None = None
    name: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    room_id: int | None = None
    off_site_venue: str | None = None
    co_organiser_id: int | None = None
    head_teacher_id: int | None = None
    capacity: int | None = None
    is_resit: bool | None = None
    opening_decision_number: str | None = None
    opening_decision_date: dt.date | None = None
    reason: str = ""
    warning_reason: str = ""  # why the step goes ahead despite its warnings (422 lists them when missing)


class TransitionIn(Schema):
    to_status: Literal["planned", "open", "in_progress", "results_approved", "closed"]
    reason: str = ""


class CodeSuggestion(Schema):
    code: str


def _reader(user) -> None:
    if not reads_class_lists(user):
        raise PermissionDenied


def _visible(request):
    return Klass.objects.visible_to(request.auth).select_related("version__programme")


def _ref(queryset, pk, field: str):
    """An object the payload names by id, looked up in the caller's scope; unknown → a field error."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_("Nothing with id %(id)s in your scope.") % {"id": pk}]})
    return found


def _refs(request, payload: dict) -> dict:
    user = request.auth
    resolved = {}
    lookups = {
        "version_id": ("version", ProgrammeVersion.objects.visible_to(user).select_related("programme")),
        "plan_line_id": ("plan_line", PlanLine.objects.filter(plan__in=_plans(user))),
        "room_id": ("room", Room.objects.visible_to(user)),
        "co_organiser_id": ("co_organiser", SendingOrganisation.objects.visible_to(user)),
        "head_teacher_id": ("head_teacher", Lecturer.objects.visible_to(user)),
    }
    for key, (name, queryset) in lookups.items():
        if key in payload:
            resolved[name] = _ref(queryset, payload[key], key)
    return resolved


def _plans(user):
    return AnnualPlan.objects.visible_to(user)


def _detail(klass: Klass) -> dict:
    figures = with_figures(Klass.objects.filter(pk=klass.pk).select_related("version__programme")).get()
    data = ClassOut.from_orm(figures).dict()
    transitions = []
    for target in (services.FORWARD.get(klass.status), services.BACKWARD.get(klass.status)):
        if target:
            blockers = services.transition_blockers(klass, target)
            transitions.append({"to_status": target, "possible": not blockers, "blockers": blockers})
    data.update(
        sessions=figures.sessions_total, attendance_rate=attendance_rate(figures), results=figures.results,
        completed=figures.completed, certificates=figures.certificates,
        results_approved_at=klass.results_approved_at, closed_at=klass.closed_at, transitions=transitions,
    )
    return data


@router.get("/classes", response=list[ClassOut])
@paginate(PageNumberPagination, page_size=50)
def list_classes(request, q: str | None = None, centre_id: int | None = None, status: str | None = None,
                 year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX), programme: str | None = None):
    _reader(request.auth)
    queryset = with_enrolment(_visible(request)).order_by("-start_date", "code", "pk")
    if centre_id:
        queryset = queryset.filter(centre_id=centre_id)
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(start_date__year=year)
    if programme:
        queryset = queryset.filter(version__programme__code=programme)
    return search_words(queryset, q)


@router.get("/classes/code-suggestion", response=CodeSuggestion)
def suggest_code(request, version_id: int, year: int = Query(..., ge=YEAR_MIN, le=YEAR_MAX)):
    _reader(request.auth)
    version = get_object_or_404(ProgrammeVersion.objects.visible_to(request.auth).select_related("programme"),
                                pk=version_id)
    return {"code": services.suggest_class_code(programme=version.programme, year=year)}


@router.get("/classes/{class_id}", response=ClassDetailOut)
def read_class(request, class_id: int):
    _reader(request.auth)
    return _detail(get_object_or_404(_visible(request), pk=class_id))


@router.post("/classes", response={201: ClassDetailOut})
def create_class(request, payload: ClassIn):
    data = payload.dict()
    centre = get_object_or_404(Centre.objects.visible_to(request.auth), pk=data.pop("centre_id"))
    refs = _refs(request, data)
    if refs.get("version") is None:
        raise ValidationError({"version_id": [_("Choose a programme version from the catalogue.")]})
    for key in ("version_id", "plan_line_id", "room_id", "co_organiser_id", "head_teacher_id"):
        data.pop(key, None)
    klass = services.open_class(actor=request.auth, centre=centre, **refs, **data)
    return Status(201, _detail(klass))


@router.patch("/classes/{class_id}", response=ClassDetailOut)
def update_class(request, class_id: int, payload: ClassPatch):
    klass = get_object_or_404(_visible(request), pk=class_id)
    data = payload.dict(exclude_unset=True)
    reason = data.pop("reason", "")
    warning_reason = data.pop("warning_reason", "")
    emptied = [k for k in ("version_id", "start_date", "end_date", "capacity", "code", "name", "is_resit")
               if k in data and data[k] is None]
    if emptied:
        raise ValidationError({k: [_("This field cannot be emptied.")] for k in emptied})
    for name, value in _refs(request, data).items():
        setattr(klass, name, value)
    for key, value in data.items():
        if not key.endswith("_id"):
            setattr(klass, key, "" if value is None and key in {"off_site_venue", "opening_decision_number"} else value)
    services.update_class(actor=request.auth, klass=klass, reason=reason, warning_reason=warning_reason)
    return _detail(klass)


@router.post("/classes/{class_id}/transition", response=ClassDetailOut)
def transition_class(request, class_id: int, payload: TransitionIn):
    klass = get_object_or_404(_visible(request), pk=class_id)
    klass = services.transition_class(actor=request.auth, klass=klass, to_status=payload.to_status,
                                      reason=payload.reason)
    return _detail(klass)


@router.delete("/classes/{class_id}", response={204: None})
def delete_class(request, class_id: int, reason: str = ""):
    klass = get_object_or_404(_visible(request), pk=class_id)
    services.delete_class(actor=request.auth, klass=klass, reason=reason)
    return Status(204, None)


@router.get("/classes/{class_id}/opening-decision")
def opening_decision(request, class_id: int, format: Literal["docx", "pdf"] = "docx"):  # noqa: A002 - query name
    _reader(request.auth)
    klass = get_object_or_404(_visible(request), pk=class_id)
    content, filename, content_type = opening_decision_file(klass, format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
