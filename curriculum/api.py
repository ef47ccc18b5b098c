"""JSON API of the catalogue. The lead's NinjaAPI authenticates: `request.auth` is the User.

Every query goes through `visible_to(request.auth)`; an object outside the user's scope is a 404.
"""

import datetime as dt
from decimal import Decimal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from curriculum.models import Programme, ProgrammeVersion
from curriculum.overlap_report import overlap_report

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
    id: int
    programme_code: str
    title: str
    total_periods: int


class TopicPairOut(Schema):
    a: TopicRef
    b: TopicRef
    score: float
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


@router.get("/overlaps", response=OverlapOut)
def get_overlaps(request, query: Query[OverlapQuery]):
    if query.threshold is not None and not 0.05 <= query.threshold <= 1:
        raise HttpError(422, "threshold must be between 0.05 and 1")
    report = overlap_report(user=_user(request), programme_ids=query.programme or None, threshold=query.threshold)
    return OverlapOut(
        threshold=report.threshold, topics_compared=report.topic_count,
        programme_pairs=[ProgrammePairOut(a_code=g.a.code, b_code=g.b.code, topic_pairs=len(g.pairs),
                                          periods_a=sum(p.a.total_periods for p in g.pairs),
                                          periods_b=sum(p.b.total_periods for p in g.pairs),
                                          overlap_periods=g.overlap_periods) for g in report.programme_pairs],
        topic_pairs=[TopicPairOut(a=_ref(p.a), b=_ref(p.b), score=p.score, shared_phrases=p.phrases,
                                  verdict=p.review.verdict if p.review else None,
                                  decision=(p.review.decision or None) if p.review else None)
                     for p in report.topic_pairs],
    )
