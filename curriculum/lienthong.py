"""Liên thông: which provincial-school modules a person's completed centre topics count toward.

A topic is completed when the person completed a class of the topic's programme version. Classes and
their results belong to the training app above the catalogue, so they are read through the reverse
relations training declares towards `ProgrammeVersion` (`version.classes`, `klass.enrolments`,
`enrolment.result`); callers that already hold the completed topic ids pass them directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from curriculum.choices import Coverage
from curriculum.models import Topic, TopicMapping


def completed_topic_ids(person) -> Iterable[int]:
    """Topics of every class version the person completed (a result marked completed)."""
    return (
        Topic.objects.filter(version__classes__enrolments__person=person,
                             version__classes__enrolments__result__completed=True)
        .values_list("id", flat=True).distinct()
    )


@dataclass
class ModuleCredit:
    module: Topic
    coverage: str  # Coverage.EQUIVALENT when one completed topic is equivalent, else PARTIAL
    covered_by: list[tuple[Topic, str]] = field(default_factory=list)

    @property
    def is_equivalent(self) -> bool:
        return self.coverage == Coverage.EQUIVALENT

    @property
    def programme(self):
        return self.module.version.programme


def credited_modules(person, completed: Iterable[int] | None = None, *, user=None) -> list[ModuleCredit]:
    """The provincial modules the person's completed centre topics count toward, one query.

    `completed` defaults to the topics of the classes the person completed. With `user`, only mappings between
    programmes the user can see are used.
    """
    ids = list(completed_topic_ids(person) if completed is None else completed)
    if not ids:
        return []
    mappings = TopicMapping.objects.filter(centre_topic_id__in=ids)
    if user is not None:
        mappings = mappings.visible_to(user)
    mappings = mappings.select_related(
        "centre_topic__version__programme", "school_module__version__programme"
    ).order_by("school_module__version__programme__code", "school_module__version__number",
               "school_module__order", "centre_topic__order")
    by_module: dict[int, ModuleCredit] = {}
    for mapping in mappings:
        credit = by_module.setdefault(mapping.school_module_id, ModuleCredit(mapping.school_module, Coverage.PARTIAL))
        credit.covered_by.append((mapping.centre_topic, mapping.coverage))
        if mapping.coverage == Coverage.EQUIVALENT:
            credit.coverage = Coverage.EQUIVALENT
    return list(by_module.values())
