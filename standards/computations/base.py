"""What every computation shares: the period, the outcome, and the 2025 succession.

A computation receives `families`: for each assessed centre, the centre itself and every predecessor
it continued (the district centre a commune-cluster centre took over on 1/7/2025). Records stay with
the centre where they happened; a family counts each record once, and people once whichever of the
centres they were recorded at, so a year spanning 1/7/2025 counts the district centre and its
successor once each, never twice. Every computation runs a fixed number of queries however many
centres it computes for.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from org.models import Centre


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def reference_day(self) -> dt.date:
        """The day a head count is taken: the end of the period, or today while it is running."""
        return min(self.end, timezone.localdate())


@dataclass(frozen=True)
class Outcome:
    """A computed value (None: no data, or not applicable), and the records it was computed from."""

    value: Decimal | None
    source: str = ""  # a key of standards.selectors.SOURCES, for the drill-down
    ids: tuple[int, ...] = ()
    detail: str = ""
    not_applicable: bool = False


Families = dict[int, frozenset[int]]


@dataclass(frozen=True)
class Computation:
    name: str
    label: str
    unit: str
    function: Callable[[Families, Period, dict], dict[int, Outcome]]
    parameters: dict = field(default_factory=dict)

    def run(self, families: Families, period: Period, parameters: dict | None = None) -> dict[int, Outcome]:
        merged = {**self.parameters, **(parameters or {})}
        return self.function(families, period, merged)


def families_of(centre_ids: Iterable[int]) -> Families:
    """Each centre with all its predecessors; one query per generation of predecessors (at most a few)."""
    roots = list(dict.fromkeys(centre_ids))
    predecessor: dict[int, int | None] = {}
    frontier = set(roots)
    while frontier:
        rows = Centre.objects.filter(id__in=frontier).values_list("id", "predecessor_id")
        predecessor.update(rows)
        frontier = {p for _, p in rows if p and p not in predecessor}
    families: Families = {}
    for root in roots:
        members, current = {root}, predecessor.get(root)
        while current and current not in members:
            members.add(current)
            current = predecessor.get(current)
        families[root] = frozenset(members)
    return families


def owners(families: Families) -> dict[int, list[int]]:
    """For each member centre, the assessed centres whose family it belongs to."""
    result: dict[int, list[int]] = defaultdict(list)
    for root, members in families.items():
        for member in members:
            result[member].append(root)
    return result


def members(families: Families) -> set[int]:
    return set().union(*families.values()) if families else set()


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def share_outcome(part_ids: Iterable[int], whole_ids: Iterable[int], source: str) -> Outcome:
    """Share of `whole_ids` that are in `part_ids`, drilling down to the whole with the part first."""
    whole = list(dict.fromkeys(whole_ids))
    in_whole = set(whole)
    part = [i for i in dict.fromkeys(part_ids) if i in in_whole]
    in_part = set(part)
    return Outcome(percent(len(part), len(whole)), source, tuple(part + [i for i in whole if i not in in_part]),
                   f"{len(part)}/{len(whole)}")


def group_by_root(families: Families, rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    """Rows whose first element is a member centre id, handed to each assessed centre owning it."""
    owner = owners(families)
    grouped: dict[int, list[tuple]] = {root: [] for root in families}
    for row in rows:
        for root in owner.get(row[0], ()):
            grouped[root].append(row[1:])
    return grouped


# Reads several computations share (the held classes, the lecturer profiles …) are made once per run of
# `registry.compute_indicators`, which opens this cache for its duration; outside a run nothing is kept.
_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("standards_shared_reads", default=None)


def shared(name: str, families: Families, period: Period, load: Callable[[], object], *key):
    cache = _shared.get()
    if cache is None:
        return load()
    full = (name, tuple(sorted(families.items())), period, key)
    if full not in cache:
        cache[full] = load()
    return cache[full]


class sharing_reads:  # noqa: N801 - used as a context manager, reads like a statement
    def __enter__(self):
        self._token = _shared.set({})
        return self

    def __exit__(self, *exc):
        _shared.reset(self._token)
        return False
