"""JSON API of the catalogue. The lead's NinjaAPI authenticates: `request.auth` is the User.

Every query goes through `visible_to(request.auth)`; an object outside the user's scope is a 404.
"""

import datetime as dt
from decimal import Decimal
from uuid import UUID

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Schema, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate

from core.api_types import PageNumberPagination
from curriculum.exchange.importer import parse_file
from curriculum.exchange.uploads import MAX_BYTES
from curriculum.models import Programme, ProgrammeVersion
from curriculum.overlap_report import file_overlaps, overlap_report, version_overlaps
from curriculum.permissions import can_analyse_files, can_analyse_version

router = Router(tags=["curriculum"])


def _user(request):
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        raise HttpError(401, "Authentication required")
    return user


class ProgrammeOut(Schema):
    id: int
    code: str
    name: str
    category: str
    audience: str
    party_audience: str
    organiser_kind: str
    level: str
    status: str
    owner_province_id: int | None
    owner_centre_id: int | None


class VersionSummaryOut(Schema):
    id: int
    number: int
    label: str
    status: str
    issuer: str
    document_number: str
    document_date: dt.date | None
    effective_from: dt.date | None
    effective_to: dt.date | None
    total_periods: int


class TopicOut(Schema):
    id: int
    order: int
    code: str
    title: str
    outline: str
    keywords: list[str]
    lecture_periods: int
    discussion_periods: int
    fieldwork_periods: int
    total_periods: int
    lineage: UUID

    @staticmethod
    def resolve_keywords(obj) -> list[str]:
        # Called with the Topic, or with the already serialised dict when nested in VersionOut.
        return obj["keywords"] if isinstance(obj, dict) else obj.keyword_list


class ComponentOut(Schema):
    kind: str
    name: str
    weight: Decimal
    required: bool


class BandOut(Schema):
    classification: str
    min_score: Decimal
    max_score: Decimal
    passing: bool


class PrerequisiteOut(Schema):
    kind: str
    required_programme_code: str | None
    within_months: int | None
    note: str

    @staticmethod
    def resolve_required_programme_code(obj) -> str | None:
        if isinstance(obj, dict):
            return obj["required_programme_code"]
        return obj.required_programme.code if obj.required_programme_id else None


class RulesOut(Schema):
    grading_scheme: str
    max_absence_percent: Decimal
    min_final_score: Decimal | None
    certificate_type: str
    components: list[ComponentOut]
    bands: list[BandOut]
    prerequisites: list[PrerequisiteOut]


class VersionOut(VersionSummaryOut):
    programme: ProgrammeOut
    duration: str
    provisional: bool
    is_locked: bool
    topics: list[TopicOut]
    rules: RulesOut


class ProgrammeDetailOut(ProgrammeOut):
    description: str
    versions: list[VersionSummaryOut]


class ProgrammeFilter(Schema):
    q: str = ""
    category: str = ""


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(PageNumberPagination)
def list_programmes(request, filters: Query[ProgrammeFilter]):
    queryset = Programme.objects.visible_to(_user(request)).order_by("sort_key", "pk")
    if filters.q:
        queryset = queryset.search(filters.q)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    return queryset


@router.get("/programmes/{programme_id}", response=ProgrammeDetailOut)
def get_programme(request, programme_id: int):
    programme = get_object_or_404(Programme.objects.visible_to(_user(request)), pk=programme_id)
    programme.versions_list = list(programme.versions.order_by("-number"))
    return ProgrammeDetailOut(
        **ProgrammeOut.model_validate(programme).model_dump(), description=programme.description,
        versions=[VersionSummaryOut.model_validate(v).model_dump() for v in programme.versions_list],
    )


@router.get("/programmes/{programme_id}/versions", response=list[VersionSummaryOut])
@paginate(PageNumberPagination)
def list_versions(request, programme_id: int):
    programme = get_object_or_404(Programme.objects.visible_to(_user(request)), pk=programme_id)
    return programme.versions.order_by("-number")


def _version(request, version_id: int) -> ProgrammeVersion:
    return get_object_or_404(ProgrammeVersion.objects.visible_to(_user(request)).select_related("programme"),
                             pk=version_id)


@router.get("/versions/{version_id}", response=VersionOut)
def get_version(request, version_id: int):
    version = _version(request, version_id)
    rules = RulesOut(
        grading_scheme=version.grading_scheme, max_absence_percent=version.max_absence_percent,
        min_final_score=version.min_final_score, certificate_type=version.certificate_type,
        components=[ComponentOut.model_validate(c).model_dump() for c in version.components.all()],
        bands=[BandOut.model_validate(b).model_dump() for b in version.bands.all()],
        prerequisites=[PrerequisiteOut.model_validate(p).model_dump()
                       for p in version.prerequisites.select_related("required_programme")],
    )
    return VersionOut(
        **VersionSummaryOut.model_validate(version).model_dump(), programme=ProgrammeOut.model_validate(version.programme).model_dump(),
        duration=version.duration, provisional=version.provisional, is_locked=version.is_locked,
        topics=[TopicOut.model_validate(t).model_dump() for t in version.topics.all()], rules=rules.model_dump(),
    )


@router.get("/versions/{version_id}/topics", response=list[TopicOut])
@paginate(PageNumberPagination)
def list_topics(request, version_id: int):
    return _version(request, version_id).topics.order_by("order")


@router.get("/versions/{version_id}/rules", response=RulesOut)
def get_rules(request, version_id: int):
    return get_version(request, version_id).rules.model_dump()


class TopicRef(Schema):
    id: int | None  # None: a topic of an uploaded file, not in the catalogue
    programme_code: str
    title: str
    total_periods: int


class TopicPairOut(Schema):
    a: TopicRef
    b: TopicRef
    score: float
    periods_at_stake: int
    shared_phrases: list[str]
    verdict: str | None
    decision: str | None


class ProgrammePairOut(Schema):
    a_code: str
    b_code: str
    topic_pairs: int
    periods_a: int
    periods_b: int
    overlap_periods: int


class OverlapOut(Schema):
    threshold: float
    topics_compared: int
    programme_pairs: list[ProgrammePairOut]
    topic_pairs: list[TopicPairOut]


class OverlapQuery(Schema):
    programme: list[int] = []
    threshold: float | None = None


def _ref(topic) -> TopicRef:
    return TopicRef(id=topic.pk, programme_code=topic.version.programme.code, title=topic.title,
                    total_periods=topic.total_periods)


def _checked_threshold(value: float | None) -> float | None:
    if value is not None and not 0.05 <= value <= 1:
        raise HttpError(422, _("Threshold: enter a number from 0.05 to 1."))
    return value


def _overlap_out(report) -> OverlapOut:
    return OverlapOut(
        threshold=report.threshold, topics_compared=report.topic_count,
        programme_pairs=[ProgrammePairOut(a_code=g.a.code, b_code=g.b.code, topic_pairs=len(g.pairs),
                                          periods_a=sum(p.a.total_periods for p in g.pairs),
                                          periods_b=sum(p.b.total_periods for p in g.pairs),
                                          overlap_periods=g.overlap_periods) for g in report.programme_pairs],
        topic_pairs=[TopicPairOut(a=_ref(p.a), b=_ref(p.b), score=p.score, periods_at_stake=p.periods_at_stake,
                                  shared_phrases=p.phrases, verdict=p.review.verdict if p.review else None,
                                  decision=(p.review.decision or None) if p.review else None)
                     for p in report.topic_pairs],
    )


@router.get("/overlaps", response=OverlapOut)
def get_overlaps(request, query: Query[OverlapQuery]):
    _checked_threshold(query.threshold)
    report = overlap_report(user=_user(request), programme_ids=query.programme or None, threshold=query.threshold)
    return _overlap_out(report)


class AnalysisQuery(Schema):
    threshold: float | None = None


@router.get("/versions/{version_id}/overlaps", response=OverlapOut)
def get_version_overlaps(request, version_id: int, query: Query[AnalysisQuery]):
    """A version (typically a draft, before publishing) against the published catalogue and the other
    drafts in the user's scope: officers for their own programmes, supervisors for any they see."""
    user = _user(request)
    version = _version(request, version_id)
    if not can_analyse_version(user, version):
        raise HttpError(403, _("You may not analyse this version."))
    return _overlap_out(version_overlaps(user=user, version=version,
                                         threshold=_checked_threshold(query.threshold)))


_UPLOAD = File(...)


@router.post("/overlaps/file", response=OverlapOut)
def analyse_file(request, file: UploadedFile = _UPLOAD, threshold: float | None = None):
    """A programme file (the JSON or Excel export the import reads), before importing it, against the
    catalogue in the user's scope. Nothing is stored."""
    user = _user(request)
    if not can_analyse_files(user):
        raise HttpError(403, _("You may not analyse catalogue files."))
    _checked_threshold(threshold)
    if file.size and file.size > MAX_BYTES:
        raise HttpError(422, _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    parsed = parse_file(file.name or "", file.read())  # the readers report unreadable files as errors
    errors = parsed if isinstance(parsed, list) else list(parsed.errors)
    if errors:
        raise HttpError(422, " ".join(str(e) for e in errors))
    return _overlap_out(file_overlaps(user=user, parsed=parsed, threshold=threshold))
