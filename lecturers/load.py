"""Teaching load per lecturer and year: required against delivered standard hours, balance, overtime.

Taught periods come from the sessions held (attendance recorded or confirmed), counted at the centre
that ran the class, so a lecturer teaching at two centres is counted at each. Required hours are the
norm of the lecturer's post (director, deputy, full-time lecturer, with or without an office role)
reduced by the recorded reductions; part-time and guest lecturers have no norm. Hours over the norm
are overtime, up to the yearly cap, paid at the multiplier times one period's pay.
All figures for any set of centres come from a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum

from lecturers.held import held_condition
from lecturers.models import Coefficient, LoadEntry, LoadPost, NormPost, NormTable
from lecturers.models.pay import default_rank
from lecturers.ratebook import RateBook
from lecturers.years import norm_table_for, period_of
from org.models import Centre
from people.models import Lecturer, StaffAssignment
from training.models import Session

ZERO = Decimal(0)
HUNDRED = Decimal(100)
_POST_OF_STAFF = {
    StaffAssignment.Position.DIRECTOR: NormPost.DIRECTOR,
    StaffAssignment.Position.DEPUTY_DIRECTOR: NormPost.DEPUTY,
    StaffAssignment.Position.LECTURER: NormPost.LECTURER,
}
_POST_PRECEDENCE = [NormPost.DIRECTOR, NormPost.DEPUTY, NormPost.LECTURER_OFFICE, NormPost.LECTURER]


@dataclass(frozen=True)
class PersonRef:
    pk: int
    full_name: str


@dataclass(frozen=True)
class RankRef:
    rank: str


@dataclass(frozen=True)
class LecturerRef:
    """What a load row needs of a lecturer profile, read as plain values (thousands at once)."""

    pk: int
    centre_id: int
    person_id: int
    kind: str
    academic_title: str
    person: PersonRef
    pay_rank: RankRef | None

    def get_kind_display(self) -> str:
        return str(Lecturer.Kind(self.kind).label)


_LECTURER_FIELDS = ("pk", "centre_id", "person_id", "kind", "academic_title", "person__family_name",
                    "person__middle_name", "person__given_name", "pay_rank__rank")


def _lecturer_ref(row: tuple) -> LecturerRef:
    pk, centre_id, person_id, kind, title, family, middle, given, rank = row
    name = " ".join(p for p in (family, middle, given) if p)
    return LecturerRef(pk, centre_id, person_id, kind, title, PersonRef(person_id, name),
                       RankRef(rank) if rank else None)


@dataclass(frozen=True)
class LoadRow:
    lecturer: LecturerRef
    post: str | None  # NormPost value; None: no norm (part-time, guest)
    norm_standard: Decimal
    norm_lecturing: Decimal
    reduction_percent: Decimal
    required_standard: Decimal
    required_lecturing: Decimal
    taught_periods: int
    lecture_hours: Decimal
    other_hours: Decimal
    overtime_periods: Decimal
    overtime_paid_periods: Decimal
    overtime_amount: Decimal

    @property
    def delivered(self) -> Decimal:
        return self.lecture_hours + self.other_hours

    @property
    def balance(self) -> Decimal:
        return self.delivered - self.required_standard

    @property
    def lecturing_short(self) -> Decimal:
        return max(ZERO, self.required_lecturing - self.lecture_hours)

    @property
    def meets_norm(self) -> bool:
        return self.post is None or (self.balance >= 0 and self.lecturing_short == 0)

    @property
    def post_label(self) -> str:
        return NormPost(self.post).label if self.post else ""


def _round(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def post_for(lecturer: Lecturer, override: str | None, staff_posts: set[str]) -> str | None:
    if override:
        return override
    posts = {_POST_OF_STAFF[p] for p in staff_posts if p in _POST_OF_STAFF}
    if lecturer.kind == Lecturer.Kind.FULL_TIME:
        posts.add(NormPost.LECTURER)
    return next((p for p in _POST_PRECEDENCE if p in posts), None)


@dataclass(frozen=True)
class Rules:
    """A norm table read once: norms by post and coefficients by code."""

    table: NormTable | None
    norms: dict
    coefficients: dict

    @classmethod
    def of(cls, table: NormTable | None) -> Rules:
        if table is None:
            return cls(None, {}, {})
        return cls(table, {line.post: line for line in table.lines.all()},
                   {c.code: c.value for c in table.coefficients.all()})


def compute_row(lecturer, post, rules: Rules, *, taught: int, entries, book: RateBook | None,
                province_id, on) -> LoadRow:
    table, norms, coefficients = rules.table, rules.norms, rules.coefficients
    norm = norms.get(post) if post else None
    standard = norm.standard_hours if norm else ZERO
    lecturing = norm.lecturing_hours if norm else ZERO
    reduction = min(HUNDRED, sum((e.percent for e in entries if e.is_reduction), ZERO))
    keep = (HUNDRED - reduction) / HUNDRED
    lecture_hours = Decimal(taught) * coefficients.get(Coefficient.LECTURE, Decimal(1))
    other = sum((e.quantity * coefficients.get(e.coefficient_code, ZERO) for e in entries if not e.is_reduction), ZERO)
    required = _round(standard * keep)
    required_lecturing = _round(lecturing * keep)
    overtime = ZERO
    paid = ZERO
    amount = ZERO
    if norm is not None and table is not None:
        over = lecture_hours + other - required
        overtime = min(max(ZERO, over), Decimal(table.overtime_cap))
        paid = _round(overtime * table.overtime_multiplier)
        if book is not None and overtime:
            paid_rank = getattr(lecturer, "pay_rank", None)
            rank = paid_rank.rank if paid_rank else default_rank(lecturer.kind)
            amount = (paid * book.period_rate(province_id, on, rank, lecturer.academic_title)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP)
    return LoadRow(lecturer, post if norm else None, standard, lecturing, reduction, required, required_lecturing,
                   taught, _round(lecture_hours), _round(other), _round(overtime), paid, amount)


def load_rows(centre_ids, year: int, *, lecturer_ids=None) -> list[LoadRow]:
    """Rows for the lecturers of the given centres (or only `lecturer_ids` of them), in name order."""
    centre_ids = list(centre_ids)
    table = norm_table_for(year)
    start, end = period_of(year, table.year_kind if table else "calendar")
    lecturers = Lecturer.objects.filter(centre_id__in=centre_ids)
    if lecturer_ids is not None:
        lecturers = lecturers.filter(pk__in=lecturer_ids)
    lecturers = [_lecturer_ref(row) for row in
                 lecturers.order_by("centre_id", "person__sort_key", "pk").values_list(*_LECTURER_FIELDS)]
    if not lecturers:
        return []
    scoped = {"lecturer__centre_id__in": centre_ids}
    if lecturer_ids is not None:
        scoped["lecturer_id__in"] = lecturer_ids
    taught: dict[tuple[int, int], int] = {}
    # Every held session of the centres, grouped by the lecturer's person; persons without a profile
    # at the class's centre are simply not looked up.
    held = (Session.objects.filter(klass__centre_id__in=centre_ids, lecturer__isnull=False, date__range=(start, end))
            .filter(held_condition())
            .values("klass__centre_id", "lecturer__person_id").annotate(periods=Sum("periods")).order_by())
    for row in held:
        taught[(row["klass__centre_id"], row["lecturer__person_id"])] = row["periods"] or 0
    entries = defaultdict(list)
    for entry in LoadEntry.objects.filter(year=year, **scoped):
        entries[entry.lecturer_id].append(entry)
    overrides = dict(LoadPost.objects.filter(year=year, **scoped).values_list("lecturer_id", "post"))
    staff = defaultdict(set)
    for centre_id, person_id, position in (
        StaffAssignment.objects.filter(centre_id__in=centre_ids, position__in=list(_POST_OF_STAFF))
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=end)).filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .values_list("centre_id", "person_id", "position")
    ):
        staff[(centre_id, person_id)].add(position)
    provinces = dict(Centre.objects.filter(pk__in=centre_ids).values_list("pk", "province_id"))
    book = RateBook.for_provinces(provinces.values())
    rules = Rules.of(table)
    return [
        compute_row(lec, post_for(lec, overrides.get(lec.pk), staff[(lec.centre_id, lec.person_id)]), rules,
                    taught=taught.get((lec.centre_id, lec.person_id), 0), entries=entries[lec.pk], book=book,
                    province_id=provinces.get(lec.centre_id), on=end)
        for lec in lecturers
    ]


@dataclass(frozen=True)
class CentreLoad:
    centre_id: int
    centre_name: str
    lecturers: int
    with_norm: int
    meeting_norm: int
    required: Decimal
    delivered: Decimal
    taught_periods: int
    overtime_periods: Decimal
    overtime_amount: Decimal

    @property
    def share_meeting(self) -> Decimal | None:
        return _round(Decimal(self.meeting_norm) * HUNDRED / self.with_norm) if self.with_norm else None


def centre_summaries(centres, year: int) -> list[CentreLoad]:
    """One line per centre (a province's view); `centres` is a list of (id, name)."""
    centres = list(centres)
    rows = load_rows([pk for pk, _name in centres], year)
    by_centre = defaultdict(list)
    for row in rows:
        by_centre[row.lecturer.centre_id].append(row)
    result = []
    for pk, name in centres:
        mine = by_centre.get(pk, [])
        normed = [r for r in mine if r.post]
        result.append(CentreLoad(
            pk, name, len(mine), len(normed), sum(1 for r in normed if r.meets_norm),
            sum((r.required_standard for r in normed), ZERO), sum((r.delivered for r in mine), ZERO),
            sum(r.taught_periods for r in mine), sum((r.overtime_periods for r in mine), ZERO),
            sum((r.overtime_amount for r in mine), ZERO),
        ))
    return result
