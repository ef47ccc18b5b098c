"""Read-side assembly for pages and the API: the overlap report and version comparison."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.text import search_key
from curriculum.choices import OverlapVerdict, ProgrammeStatus, VersionStatus
from curriculum.models import OverlapReview, Programme, ProgrammeVersion, Topic
from curriculum.overlap import DEFAULT_THRESHOLD, Doc, find_overlaps
from curriculum.validation import HEADER_FIELDS


def current_versions(programmes) -> dict[int, ProgrammeVersion]:
    """Per programme: the published version, else the newest draft (one query)."""
    chosen: dict[int, ProgrammeVersion] = {}
    rank = {VersionStatus.PUBLISHED: 0, VersionStatus.DRAFT: 1}
    versions = ProgrammeVersion.objects.filter(programme__in=programmes, status__in=list(rank)).select_related(
        "programme")
    for version in sorted(versions, key=lambda v: (rank[v.status], -v.number)):
        chosen.setdefault(version.programme_id, version)
    return chosen


@dataclass
class TopicPair:
    a: Topic
    b: Topic
    score: float
    phrases: list[str]
    review: OverlapReview | None = None

    @property
    def counts(self) -> bool:
        return not (self.review and self.review.verdict == OverlapVerdict.NOT_OVERLAP)


@dataclass
class ProgrammePair:
    a: Programme
    b: Programme
    pairs: list[TopicPair] = field(default_factory=list)
    periods_a: int = 0
    periods_b: int = 0

    @property
    def overlap_periods(self) -> int:
        """At most this many periods could be saved by merging or shortening: the smaller side."""
        return min(self.periods_a, self.periods_b)


@dataclass
class OverlapReport:
    programmes: list[Programme]
    threshold: float
    topic_pairs: list[TopicPair]
    programme_pairs: list[ProgrammePair]
    topic_count: int


def overlap_report(*, user, programme_ids=None, threshold: float = DEFAULT_THRESHOLD) -> OverlapReport:
    programmes = Programme.objects.visible_to(user).filter(status=ProgrammeStatus.ACTIVE)
    if programme_ids:
        programmes = programmes.filter(pk__in=programme_ids)
    programmes = list(programmes)
    versions = current_versions(programmes)
    topics = list(Topic.objects.filter(version__in=list(versions.values())).select_related("version__programme"))
    by_id = {t.pk: t for t in topics}
    docs = [Doc(t.pk, t.version.programme_id, t.analysis_text) for t in topics]
    matches = find_overlaps(docs, threshold=threshold)
    lineages = {t.lineage for t in topics}
    reviews = {
        (r.lineage_low, r.lineage_high): r
        for r in OverlapReview.objects.filter(lineage_low__in=lineages, lineage_high__in=lineages).select_related(
            "reviewed_by")
    }
    topic_pairs = []
    for match in matches:
        a, b = by_id[match.a], by_id[match.b]
        if a.version.programme.code > b.version.programme.code:
            a, b = b, a
        low, high = sorted([a.lineage, b.lineage], key=str)
        topic_pairs.append(TopicPair(a, b, match.score, match.phrases, reviews.get((low, high))))
    grouped: dict[tuple[int, int], ProgrammePair] = {}
    seen: dict[tuple[int, int], tuple[set, set]] = {}
    for pair in topic_pairs:
        if not pair.counts:
            continue
        key = (pair.a.version.programme_id, pair.b.version.programme_id)
        group = grouped.setdefault(key, ProgrammePair(pair.a.version.programme, pair.b.version.programme))
        group.pairs.append(pair)
        seen_a, seen_b = seen.setdefault(key, (set(), set()))
        if pair.a.pk not in seen_a:
            seen_a.add(pair.a.pk)
            group.periods_a += pair.a.total_periods
        if pair.b.pk not in seen_b:
            seen_b.add(pair.b.pk)
            group.periods_b += pair.b.total_periods
    ranked = sorted(grouped.values(), key=lambda g: (-g.overlap_periods, g.a.code, g.b.code))
    return OverlapReport(programmes, threshold, topic_pairs, ranked, len(topics))


# --- comparison ---------------------------------------------------------------------------------

@dataclass
class TopicRow:
    status: str  # "added", "removed", "changed", "same"
    old: Topic | None
    new: Topic | None

    @property
    def period_change(self) -> int:
        return (self.new.total_periods if self.new else 0) - (self.old.total_periods if self.old else 0)


def compare_versions(old: ProgrammeVersion, new: ProgrammeVersion) -> dict:
    """Topics added, removed and changed (hours or title), matched by lineage and then by title."""
    old_topics, new_topics = list(old.topics.all()), list(new.topics.all())
    unmatched_old = {t.pk: t for t in old_topics}
    by_lineage = {t.lineage: t for t in old_topics}
    pairs: dict[int, Topic] = {}
    for topic in new_topics:
        match = by_lineage.get(topic.lineage)
        if match and match.pk in unmatched_old:
            pairs[topic.pk] = unmatched_old.pop(match.pk)
    by_title = {search_key(t.title): t for t in unmatched_old.values()}
    for topic in new_topics:
        if topic.pk not in pairs:
            match = by_title.get(search_key(topic.title))
            if match and match.pk in unmatched_old:
                pairs[topic.pk] = unmatched_old.pop(match.pk)
    rows = []
    for topic in new_topics:
        before = pairs.get(topic.pk)
        if before is None:
            rows.append(TopicRow("added", None, topic))
            continue
        same = (before.title == topic.title and before.lecture_periods == topic.lecture_periods
                and before.discussion_periods == topic.discussion_periods
                and before.fieldwork_periods == topic.fieldwork_periods and before.outline == topic.outline)
        rows.append(TopicRow("same" if same else "changed", before, topic))
    rows += [TopicRow("removed", t, None) for t in old_topics if t.pk in unmatched_old]
    header_changes = [
        (ProgrammeVersion._meta.get_field(name).verbose_name, getattr(old, name), getattr(new, name))
        for name in HEADER_FIELDS if getattr(old, name) != getattr(new, name)
    ]
    return {
        "rows": rows,
        "added": sum(1 for r in rows if r.status == "added"),
        "removed": sum(1 for r in rows if r.status == "removed"),
        "changed": sum(1 for r in rows if r.status == "changed"),
        "header_changes": header_changes,
        "old_components": list(old.components.all()), "new_components": list(new.components.all()),
        "old_bands": list(old.bands.all()), "new_bands": list(new.bands.all()),
    }
