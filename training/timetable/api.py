"""API endpoints for the timetable: sessions of a class, the generator and the periods check. Same services,
same scope as the pages: a class or session outside the caller's scope is a 404, lacking the right a 403."""


import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from core.api_types import PageNumberPagination
from core.services import require
from facilities.models import Room
from people.models import Lecturer
from training.models import Klass, Session
from training.permissions import edits_class
from training.timetable import services as tts

router = Router(tags=["training"])

Part = Literal["morning", "afternoon", "evening"]


class SessionOut(Schema):
    id: int
    class_id: int
    date: dt.date
    part: str
    periods: int
    topic_id: int | None
    topic_title: str
    lecturer_id: int | None
    lecturer_name: str
    room_id: int | None
    venue: str
    note: str
    attendance_taken: bool

    @staticmethod
    def resolve_class_id(obj) -> int:
        return obj.klass_id

    @staticmethod
    def resolve_topic_title(obj) -> str:
        return obj.topic.title if obj.topic_id else ""

    @staticmethod
    def resolve_lecturer_name(obj) -> str:
        return obj.lecturer.person.full_name if obj.lecturer_id else ""


class SessionIn(Schema):
    date: dt.date
    part: Part
    periods: int = 4
    topic_id: int | None = None
    lecturer_id: int | None = None
    room_id: int | None = None
    venue: str = ""
    note: str = ""
    override_reason: str = ""


class SessionPatch(Schema):
    date: dt.date | None = None
    part: Part | None = None
    periods: int | None = None
    topic_id: int | None = None
    lecturer_id: int | None = None
    room_id: int | None = None
    venue: str | None = None
    note: str | None = None
    override_reason: str = ""


class GenerateIn(Schema):
    parts: list[Part] = ["morning", "afternoon"]
    periods_per_session: int = 4
    replace: bool = False


class UnplacedOut(Schema):
    topic_id: int
    periods: int


class GenerateOut(Schema):
    created: int
    removed: int
    unplaced: list[UnplacedOut]
    warnings: list[str]


class TopicPeriodsOut(Schema):
    topic_id: int
    title: str
    required: int
    scheduled: int


class PeriodsCheckOut(Schema):
    matches: bool
    topics: list[TopicPeriodsOut]
    messages: list[str]


SESSION_RELATED = ("topic", "lecturer__person", "room", "klass")


def _class(request, class_id: int) -> Klass:
    return get_object_or_404(Klass.objects.visible_to(request.auth).select_related("version"), pk=class_id)


def _session(request, session_id: int) -> Session:
    return get_object_or_404(Session.objects.visible_to(request.auth).select_related(*SESSION_RELATED),
                             pk=session_id)


def _references(request, klass: Klass, payload: dict) -> dict:
    """Turn *_id fields into objects the caller may use; an unknown id is a 422 naming the field."""
    resolved = {}
    sources = {
        "topic_id": ("topic", klass.version.topics.all()),
        "lecturer_id": ("lecturer", Lecturer.objects.visible_to(request.auth).select_related("person")),
        "room_id": ("room", Room.objects.visible_to(request.auth)),
    }
    for key, value in payload.items():
        if key not in sources:
            resolved[key] = value
            continue
        name, queryset = sources[key]
        if value is None:
            resolved[name] = None
            continue
        found = queryset.filter(pk=value).first()
        if found is None:
            raise ValidationError({name: [_("Nothing with id %(id)s in your scope.") % {"id": value}]})
        resolved[name] = found
    return resolved


@router.get("/classes/{class_id}/sessions", response=list[SessionOut])
@paginate(PageNumberPagination, page_size=100)
def list_sessions(request, class_id: int, date_from: dt.date | None = None, date_to: dt.date | None = None):
    klass = _class(request, class_id)
    queryset = Session.objects.filter(klass=klass).select_related(*SESSION_RELATED).order_by("date", "part", "id")
    if date_from:
        queryset = queryset.filter(date__gte=date_from)
    if date_to:
        queryset = queryset.filter(date__lte=date_to)
    return queryset


@router.post("/classes/{class_id}/sessions", response={201: SessionOut})
def create_session(request, class_id: int, payload: SessionIn):
    klass = _class(request, class_id)
    require(edits_class(request.auth, klass))
    data = _references(request, klass, payload.dict())
    session = tts.create_session(actor=request.auth, klass=klass, **data)
    return Status(201, session)


@router.get("/sessions/{session_id}", response=SessionOut)
def get_session(request, session_id: int):
    return _session(request, session_id)


@router.patch("/sessions/{session_id}", response=SessionOut)
def update_session(request, session_id: int, payload: SessionPatch):
    session = _session(request, session_id)
    require(edits_class(request.auth, session.klass))
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("override_reason", "")
    for required in ("date", "part", "periods", "venue", "note"):
        if required in changes and changes[required] is None:
            raise ValidationError({required: [_("This field cannot be empty.")]})
    data = _references(request, session.klass, changes)
    return tts.update_session(actor=request.auth, session=session, override_reason=reason, **data)


@router.delete("/sessions/{session_id}", response={204: None})
def delete_session(request, session_id: int, reason: str = ""):
    session = _session(request, session_id)
    tts.delete_session(actor=request.auth, session=session, reason=reason)
    return Status(204, None)


@router.post("/classes/{class_id}/timetable/generate", response=GenerateOut)
def generate(request, class_id: int, payload: GenerateIn):
    klass = _class(request, class_id)
    result = tts.generate_timetable(actor=request.auth, klass=klass, parts=payload.parts,
                                    periods_per_session=payload.periods_per_session, replace=payload.replace)
    return {
        "created": len(result.created),
        "removed": result.removed,
        "unplaced": [{"topic_id": topic.pk, "periods": periods} for topic, periods in result.unplaced],
        "warnings": result.warnings,
    }


@router.get("/classes/{class_id}/timetable/periods", response=PeriodsCheckOut)
def periods_check(request, class_id: int):
    klass = _class(request, class_id)
    rows = tts.periods_by_topic(klass)
    return {
        "matches": all(r.matches for r in rows),
        "topics": [{"topic_id": r.topic.pk, "title": r.topic.title, "required": r.required, "scheduled": r.scheduled}
                   for r in rows],
        "messages": [
            _("Topic “%(topic)s”: %(scheduled)s periods scheduled, the programme requires %(required)s.")
            % {"topic": r.topic.title, "scheduled": r.scheduled, "required": r.required}
            for r in rows if not r.matches
        ],
    }

