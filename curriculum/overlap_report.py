"""Overlap reports read from the catalogue: the catalogue-wide review, a draft version or an uploaded
file checked against the published catalogue and the other drafts, the programmes × programmes
matrix, and the periods saved by the decisions.

Every report is built with a constant number of queries, whatever the number of topics.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Q

from curriculum.choices import OverlapVerdict, ProgrammeStatus, VersionStatus
from curriculum.models import OverlapReview, Programme, ProgrammeVersion, Topic
from curriculum.models.overlap import detector_params
from curriculum.overlap import Doc, Params, find_overlaps


def current_versions(programmes) -> dict[int, ProgrammeVersion]:
    """Per programme: the published version, else the newest draft (one query)."""
    chosen: dict[int, ProgrammeVersion] = {}
    rank = {VersionStatus.PUBLISHED: 0, VersionStatus.DRAFT: 1}
    versions = ProgrammeVersion.objects.filter(programme__in=programmes, status__in=list(rank)).select_related(
        "programme")
    for version in sorted(versions, key=lambda v: (rank[v.status], -v.number)):
        chosen.setdefault(version.programme_id, version)
    return chosen


# --- topics of an uploaded file, shaped like catalogue topics for the pages --------------------------

@dataclass
class FileProgramme:
    code: str
    name: str
    pk: int | None = None  # the catalogue programme with the same code, if any


@dataclass
class FileVersion:
    programme: FileProgramme
    number: int | None = None
    status: str = "file"
    pk: None = None


@dataclass
class FileTopic:
    version: FileVersion
    order: int
    title: str
    outline: str = ""
    keywords: str = ""
    total_periods: int = 0
    lineage: uuid.UUID | None = None
    pk: None = None

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(";") if k.strip()]


def file_topics(parsed) -> list[FileTopic]:
    """The topics of a parsed exchange file (curriculum.exchange), ready to be analysed."""
    data = parsed.programme
    existing = Programme.objects.filter(code=data.get("code", "")).values_list("pk", flat=True).first()
    version = FileVersion(FileProgramme(data.get("code", ""), data.get("name", ""), existing))
    topics = []
    for order, row in enumerate(parsed.content.topics, start=1):
        try:
            lineage = uuid.UUID(str(row.get("lineage"))) if row.get("lineage") else None
        except ValueError:
            lineage = None
        periods = sum(int(row.get(k) or 0) for k in ("lecture_periods", "discussion_periods", "fieldwork_periods"))
        topics.append(FileTopic(version, order, row.get("title", ""), row.get("outline", ""), row.get("keywords", ""),
                                periods, lineage))
    return topics


# --- pairs ----------------------------------------------------------------------------------------

@dataclass
class TopicPair:
    a: Topic | FileTopic
    b: Topic | FileTopic
    score: float
    phrases: list[str]
    review: OverlapReview | None = None

    @property
    def counts(self) -> bool:
        return not (self.review and self.review.verdict == OverlapVerdict.NOT_OVERLAP)

    @property
    def periods_at_stake(self) -> int:
        """At most this many periods could be saved on the pair: the smaller topic's."""
        return min(self.a.total_periods, self.b.total_periods)

    @property
    def reviewable(self) -> bool:
        return bool(self.a.pk and self.b.pk)


@dataclass
class ProgrammePair:
    a: Programme
    b: Programme
    pairs: list[TopicPair] = field(default_factory=list)

    @property
    def overlap_periods(self) -> int:
        return sum(p.periods_at_stake for p in self.pairs)


@dataclass
class OverlapReport:
    programmes: list
    threshold: float
    topic_pairs: list[TopicPair]
    programme_pairs: list[ProgrammePair]
    topic_count: int

    @property
    def unreviewed(self) -> list[TopicPair]:
        return [p for p in self.topic_pairs if p.review is None]


def topic_group(topic) -> object:
    programme = topic.version.programme
    return programme.pk if programme.pk else ("file", programme.code)


def _reviews(topics) -> dict[tuple, OverlapReview]:
    lineages = {t.lineage for t in topics if t.lineage}
    return {
        (r.lineage_low, r.lineage_high): r
        for r in OverlapReview.objects.filter(lineage_low__in=lineages, lineage_high__in=lineages).select_related(
            "reviewed_by")
    }


def _pairs(topics: list, params: Params, focus: list[int] | None = None) -> list[TopicPair]:
    docs = [Doc(i, topic_group(t), t.title, t.outline, t.keywords) for i, t in enumerate(topics)]
    matches = find_overlaps(docs, params, focus=focus)
    reviews = _reviews(topics)
    focused = set(focus or ())
    out = []
    for match in matches:
        a, b = topics[match.a], topics[match.b]
        # The analysed topic first; in the catalogue-wide report, the programme codes in order.
        if (focus is not None and match.b in focused and match.a not in focused) or (
                focus is None and a.version.programme.code > b.version.programme.code):
            a, b = b, a
        review = None
        if a.lineage and b.lineage:
            low, high = sorted([a.lineage, b.lineage], key=str)
            review = reviews.get((low, high))
        out.append(TopicPair(a, b, match.score, match.phrases, review))
    out.sort(key=lambda p: (-p.periods_at_stake, -p.score))
    return out


def _programme_pairs(topic_pairs: list[TopicPair]) -> list[ProgrammePair]:
    grouped: dict[tuple, ProgrammePair] = {}
    for pair in topic_pairs:
        if not pair.counts:
            continue
        pa, pb = pair.a.version.programme, pair.b.version.programme
        key = (pa.code, pb.code) if pa.code <= pb.code else (pb.code, pa.code)
        group = grouped.setdefault(key, ProgrammePair(*(sorted([pa, pb], key=lambda p: p.code))))
        group.pairs.append(pair)
    return sorted(grouped.values(), key=lambda g: (-g.overlap_periods, g.a.code, g.b.code))


def overlap_report(*, user, programme_ids=None, threshold: float | None = None) -> OverlapReport:
    """The catalogue in the user's scope: each active programme's published version (else its newest
    draft), every pair."""
    params = detector_params(threshold=threshold)
    programmes = Programme.objects.visible_to(user).filter(status=ProgrammeStatus.ACTIVE)
    if programme_ids:
        programmes = programmes.filter(pk__in=programme_ids)
    programmes = list(programmes)
    versions = current_versions(programmes)
    topics = list(Topic.objects.filter(version__in=list(versions.values())).select_related("version__programme"))
    pairs = _pairs(topics, params)
    return OverlapReport(programmes, params.threshold, pairs, _programme_pairs(pairs), len(topics))


def catalogue_topics(user, *, exclude_version=None) -> list[Topic]:
    """Published versions and drafts of the active programmes in the user's scope."""
    visible = Programme.objects.visible_to(user).filter(status=ProgrammeStatus.ACTIVE)
    topics = Topic.objects.filter(version__programme__in=visible,
                                  version__status__in=[VersionStatus.PUBLISHED, VersionStatus.DRAFT])
    if exclude_version is not None:
        topics = topics.exclude(version=exclude_version)
    return list(topics.select_related("version__programme"))


def version_overlaps(*, user, version: ProgrammeVersion, threshold: float | None = None) -> OverlapReport:
    """A version (typically a draft) against the published catalogue and the other drafts. Its own
    programme's other versions are not compared with it: a new version repeats its predecessor."""
    params = detector_params(threshold=threshold)
    own = list(version.topics.select_related("version__programme"))
    others = catalogue_topics(user, exclude_version=version)
    topics = own + others
    pairs = _pairs(topics, params, focus=list(range(len(own))))
    involved = {side.version.programme.pk: side.version.programme for p in pairs for side in (p.a, p.b)}
    programmes = sorted(involved.values(), key=lambda p: p.code)
    return OverlapReport(programmes, params.threshold, pairs, _programme_pairs(pairs), len(topics))


def file_overlaps(*, user, parsed, threshold: float | None = None) -> OverlapReport:
    """An uploaded programme file, before it is imported, against the catalogue in the user's scope."""
    params = detector_params(threshold=threshold)
    own = file_topics(parsed)
    others = catalogue_topics(user)
    pairs = _pairs(own + others, params, focus=list(range(len(own))))
    return OverlapReport([], params.threshold, pairs, _programme_pairs(pairs), len(own) + len(others))


# --- matrix and periods saved -----------------------------------------------------------------------

@dataclass
class MatrixRow:
    programme: Programme
    cells: list[int | None]  # None on the diagonal
    total: int


@dataclass
class OverlapMatrix:
    programmes: list[Programme]
    rows: list[MatrixRow]
    total: int  # each pair once: the sum of the pairs' periods at stake


def overlap_matrix(report: OverlapReport) -> OverlapMatrix:
    """Programmes × programmes: the periods at stake of the counted topic pairs between them."""
    involved: dict[object, Programme] = {}
    for group in report.programme_pairs:
        involved[group.a.code] = group.a
        involved[group.b.code] = group.b
    programmes = [involved[c] for c in sorted(involved)]
    position = {p.code: i for i, p in enumerate(programmes)}
    cells = [[0] * len(programmes) for _ in programmes]
    for group in report.programme_pairs:
        i, j = position[group.a.code], position[group.b.code]
        cells[i][j] += group.overlap_periods
        if i != j:
            cells[j][i] += group.overlap_periods
    rows = []
    for i, programme in enumerate(programmes):
        row: list[int | None] = list(cells[i])
        row[i] = None
        rows.append(MatrixRow(programme, row, sum(v for v in row if v)))
    return OverlapMatrix(programmes, rows, sum(g.overlap_periods for g in report.programme_pairs))


def periods_saved(versions) -> dict[int, int]:
    """Per version id: the periods its topics give up by the merge and shorten decisions (two queries)."""
    versions = list(versions)
    lineages: dict[uuid.UUID, list[int]] = {}
    for version_id, lineage in Topic.objects.filter(version__in=versions).values_list("version_id", "lineage"):
        lineages.setdefault(lineage, []).append(version_id)
    saved = {v.pk: 0 for v in versions}
    reviews = OverlapReview.objects.filter(saved_lineage__in=list(lineages), periods_saved__gt=0).filter(
        ~Q(verdict=OverlapVerdict.NOT_OVERLAP))
    for lineage, amount in reviews.values_list("saved_lineage", "periods_saved"):
        for version_id in lineages.get(lineage, ()):
            saved[version_id] += amount
    return saved
