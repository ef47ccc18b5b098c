"""Liên thông: which provincial-school modules a person's completed centre topics count toward.

Completion records belong to the training app, which is built later. The function therefore takes
the completed topic ids from a *completion source*: by default none are known; the training app
registers its source once, in its AppConfig.ready():

    from curriculum.lienthong import register_completion_source
    register_completion_source(lambda person: Result.objects.filter(...).values_list("topic_id", flat=True))

A source takes a Person and returns an iterable (a list, or a values_list queryset) of Topic ids the
person has completed. Tests and callers that already hold the ids pass them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from curriculum.choices import Coverage
from curriculum.models import Topic, TopicMapping

CompletionSource = Callable[[object], Iterable[int]]


def _no_completions(person) -> Iterable[int]:
    return ()


_source: CompletionSource = _no_completions


def register_completion_source(source: CompletionSource) -> None:
    global _source
    _source = source


def reset_completion_source() -> None:
    register_completion_source(_no_completions)


def completed_topic_ids(person) -> Iterable[int]:
    return _source(person)


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

    `completed` defaults to the registered completion source. With `user`, only mappings between
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
