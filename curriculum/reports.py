"""Read-side assembly for pages and the API: version comparison (the overlap reports are in overlap_report)."""

from __future__ import annotations

from dataclasses import dataclass

from core.text import search_key
from curriculum.models import ProgrammeVersion, Topic
from curriculum.validation import HEADER_FIELDS

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
