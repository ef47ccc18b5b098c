"""Who may enrol in a class: the programme version's prerequisites and windows, and the class itself.

The rules are data on the programme version (curriculum Prerequisite rows) and on the class (capacity,
resit); this module only reads them. One `Eligibility` per class answers for any number of people in a
fixed number of queries, so an import of 5,000 rows costs the same handful of queries as one person.

Every finding except "already enrolled" can be overridden by a user who gives a reason; the reason is
kept on the enrolment and in the audit log. A person outside the programme's audience (a party member in
a course for candidates for admission) is a warning, not an error: the step goes ahead once the user
gives the reason (core.warnings), which the audit keeps.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curriculum.choices import PartyAudience, PrerequisiteKind
from people.models import Person
from training.models import Enrolment, Klass, Result


class Rule(models.TextChoices):
    ALREADY_ENROLLED = "already_enrolled", gettext_lazy("already enrolled in this class")
    ALREADY_COMPLETED = "already_completed", gettext_lazy("programme already completed")
    PREREQUISITE = "prerequisite", gettext_lazy("prerequisite programme missing")
    ADMISSION_WINDOW = "admission_window", gettext_lazy("outside the party admission window")
    CAPACITY = "capacity", gettext_lazy("class full")
    OVERLAP = "overlap", gettext_lazy("in another class at the same time")
    AUDIENCE = "audience", gettext_lazy("outside the programme's audience")


# Findings that stop an enrolment unless overridden with a reason. OVERLAP only warns: a learner may
# attend two short classes in the same weeks, and the timetable refuses sessions that really clash.
BLOCKING = {Rule.ALREADY_COMPLETED, Rule.PREREQUISITE, Rule.ADMISSION_WINDOW, Rule.CAPACITY}
NOT_OVERRIDABLE = {Rule.ALREADY_ENROLLED}
# Warnings that let the enrolment go ahead only with a reason (core.warnings.require_reason).
NEEDS_REASON = {Rule.AUDIENCE}

# Classes that take new learners.
ACCEPTING = {Klass.Status.OPEN, Klass.Status.IN_PROGRESS}


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str
    field: str | None = None  # the Person field the finding is about (its column in an import)

    @property
    def blocking(self) -> bool:
        return self.rule in BLOCKING or self.rule in NOT_OVERRIDABLE

    @property
    def needs_reason(self) -> bool:
        return self.rule in NEEDS_REASON


@dataclass
class Candidate:
    """Someone who may be enrolled: a registry person, or a new one known only from the file."""

    key: object  # the caller's handle (a sheet row number, a person id)
    person_id: int | None = None
    party_admission_date: dt.date | None = None  # from the file; the registry's is used when absent
    party_member: bool = False  # the file says so; the registry is asked as well
    name: str = ""  # the name in the file, for a person not in the registry
    override: str = ""  # the reason given for enrolling despite the findings
    takes_seat: bool = True  # False for rows that will not be written anyway


@dataclass
class Assessment:
    findings: list[Finding] = field(default_factory=list)
    reactivate_id: int | None = None  # an earlier withdrawn or moved enrolment in this class
    person_id: int | None = None

    @property
    def already_enrolled(self) -> bool:
        return any(f.rule == Rule.ALREADY_ENROLLED for f in self.findings)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    @property
    def warnings(self) -> list[str]:
        """The texts of the warnings that need a reason to go ahead."""
        return [f.text for f in self.findings if f.needs_reason]


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class Eligibility:
    """The rules of one class, loaded once; `assess` applies them to many candidates in bulk."""

    def __init__(self, klass: Klass, *, exclude_enrolment_id: int | None = None):
        self.klass = klass
        self.version = klass.version
        self.programme_id = self.version.programme_id
        self.programme = self.version.programme
        self.prerequisites = list(self.version.prerequisites.select_related("required_programme"))
        self.exclude_enrolment_id = exclude_enrolment_id

    def seats_left(self) -> int:
        taken = self.klass.enrolments.active()
        if self.exclude_enrolment_id:
            taken = taken.exclude(pk=self.exclude_enrolment_id)
        return self.klass.capacity - taken.count()

    def assess(self, candidates: Iterable[Candidate]) -> dict[object, Assessment]:
        candidates = list(candidates)
        person_ids = {c.person_id for c in candidates if c.person_id}
        enrolled, previous = self._enrolments(person_ids)
        completed = self._completed(person_ids)
        admissions = self._admissions(person_ids, candidates)
        members = self._members(person_ids)
        busy = self._overlapping(person_ids)
        seats = self.seats_left()

        results: dict[object, Assessment] = {}
        for candidate in candidates:
            pid = candidate.person_id
            found = Assessment(person_id=pid, reactivate_id=previous.get(pid) if pid else None)
            if pid and pid in enrolled:
                found.findings.append(Finding(Rule.ALREADY_ENROLLED, _("Already enrolled in this class.")))
                results[candidate.key] = found
                continue
            found.findings += self._programme_findings(completed.get(pid, []) if pid else [])
            admission = candidate.party_admission_date or admissions.get(pid)
            found.findings += self._window_findings(admission)
            found.findings += self._audience_findings(candidate, members.get(pid) if pid else None)
            if pid and pid in busy:
                found.findings.append(Finding(Rule.OVERLAP, _("Also enrolled in class %(code)s, whose dates overlap "
                                                              "this class's.") % {"code": busy[pid]}))
            held_back = any(f.blocking for f in found.findings) and not candidate.override
            if candidate.takes_seat and not held_back:
                if seats <= 0:
                    found.findings.append(Finding(Rule.CAPACITY, _("The class is full (%(capacity)d places).")
                                                  % {"capacity": self.klass.capacity}))
                    if candidate.override:
                        seats -= 1
                else:
                    seats -= 1
            results[candidate.key] = found
        return results

    # Queries, one each whatever the number of candidates ------------------------------------------
    def _enrolments(self, person_ids: set[int]) -> tuple[set[int], dict[int, int]]:
        enrolled: set[int] = set()
        previous: dict[int, int] = {}
        if not person_ids:
            return enrolled, previous
        rows = Enrolment.objects.filter(klass=self.klass, person_id__any=person_ids)
        if self.exclude_enrolment_id:
            rows = rows.exclude(pk=self.exclude_enrolment_id)
        for pk, person_id, status in rows.values_list("pk", "person_id", "status"):
            if status == Enrolment.Status.ENROLLED:
                enrolled.add(person_id)
            else:
                previous[person_id] = pk
        return enrolled, previous

    def _completed(self, person_ids: set[int]) -> dict[int, list[tuple[int, int, str]]]:
        """{person: [(programme id, version id, class code)]} for the programmes the rules look at."""
        programmes = {self.programme_id} | {p.required_programme_id for p in self.prerequisites
                                            if p.kind == PrerequisiteKind.PROGRAMME_COMPLETED and p.required_programme_id}
        found: dict[int, list[tuple[int, int, str]]] = {}
        if not person_ids:
            return found
        rows = (Result.objects.filter(completed=True, enrolment__person_id__any=person_ids,
                                      enrolment__klass__version__programme_id__in=programmes)
                .exclude(enrolment__klass=self.klass)
                .values_list("enrolment__person_id", "enrolment__klass__version__programme_id",
                             "enrolment__klass__version_id", "enrolment__klass__code"))
        for person_id, programme_id, version_id, code in rows:
            found.setdefault(person_id, []).append((programme_id, version_id, code))
        return found

    def _admissions(self, person_ids: set[int], candidates: list[Candidate]) -> dict[int, dt.date | None]:
        needs_window = any(p.kind == PrerequisiteKind.PARTY_ADMISSION_WINDOW for p in self.prerequisites)
        wanted = {c.person_id for c in candidates if c.person_id and not c.party_admission_date}
        if not needs_window or not wanted:
            return {}
        return dict(Person.objects.filter(pk__any=wanted & person_ids).values_list("pk", "party_admission_date"))

    def _members(self, person_ids: set[int]) -> dict[int, Person]:
        """The registry's name and party membership of each person, when the programme's audience asks."""
        if self.programme.party_audience == PartyAudience.ANYONE or not person_ids:
            return {}
        return Person.objects.only("family_name", "middle_name", "given_name", "is_party_member",
                                   "party_admission_date").in_bulk(person_ids)

    def _overlapping(self, person_ids: set[int]) -> dict[int, str]:
        if not person_ids:
            return {}
        rows = (Enrolment.objects.active()
                .filter(person_id__any=person_ids, klass__start_date__lte=self.klass.end_date,
                        klass__end_date__gte=self.klass.start_date)
                .exclude(klass=self.klass)
                .exclude(klass__status=Klass.Status.CLOSED)
                .values_list("person_id", "klass__code"))
        return dict(rows)

    # Rules ----------------------------------------------------------------------------------------
    def _programme_findings(self, completed: list[tuple[int, int, str]]) -> list[Finding]:
        findings = []
        same = [(version, code) for programme, version, code in completed if programme == self.programme_id]
        if same and not self.klass.is_resit:
            in_this_version = [code for version, code in same if version == self.version.pk]
            if in_this_version:
                findings.append(Finding(Rule.ALREADY_COMPLETED, _(
                    "Already completed this programme in class %(code)s; only a resit class or a new version of "
                    "the programme may enrol them again.") % {"code": in_this_version[0]}))
        done = {programme for programme, _version, _code in completed}
        for rule in self.prerequisites:
            if rule.kind == PrerequisiteKind.PROGRAMME_COMPLETED and rule.required_programme_id:
                if rule.required_programme_id not in done:
                    findings.append(Finding(Rule.PREREQUISITE, _(
                        "Has not completed the programme required first: %(programme)s.")
                        % {"programme": rule.required_programme.name}, "theory_level"))
        return findings

    def _window_findings(self, admission: dt.date | None) -> list[Finding]:
        findings = []
        for rule in self.prerequisites:
            if rule.kind != PrerequisiteKind.PARTY_ADMISSION_WINDOW or not rule.within_months:
                continue
            field_name = "party_admission_date"
            if admission is None:
                findings.append(Finding(Rule.ADMISSION_WINDOW, _(
                    "No party admission date is known; this programme is for party members within %(months)d "
                    "months of admission.") % {"months": rule.within_months}, field_name))
                continue
            window_end = add_months(admission, rule.within_months)
            if admission > self.klass.end_date:
                findings.append(Finding(Rule.ADMISSION_WINDOW, _(
                    "Admitted to the party on %(date)s, after the class ends.") % {"date": _date(admission)},
                    field_name))
            elif self.klass.start_date > window_end:
                findings.append(Finding(Rule.ADMISSION_WINDOW, _(
                    "Admitted to the party on %(date)s; the %(months)d-month window ended on %(end)s, before the "
                    "class starts.") % {"date": _date(admission), "months": rule.within_months,
                                        "end": _date(window_end)}, field_name))
        return findings


    def _audience_findings(self, candidate: Candidate, person: Person | None) -> list[Finding]:
        audience = self.programme.party_audience
        if audience == PartyAudience.ANYONE:
            return []
        name = person.full_name if person is not None else candidate.name
        admitted = candidate.party_admission_date or (person.party_admission_date if person is not None else None)
        member = candidate.party_member or bool(admitted) or bool(person is not None and person.is_party_member)
        programme = self.programme.name
        if audience == PartyAudience.NON_MEMBERS and member:
            if admitted:
                text = _("%(name)s is a party member (admitted on %(date)s); the programme “%(programme)s” is for "
                         "persons not yet admitted to the party (candidates for admission).") % {
                    "name": name, "date": _date(admitted), "programme": programme}
            else:
                text = _("%(name)s is a party member; the programme “%(programme)s” is for persons not yet admitted "
                         "to the party (candidates for admission).") % {"name": name, "programme": programme}
            return [Finding(Rule.AUDIENCE, text, "is_party_member")]
        if audience == PartyAudience.MEMBERS and not member:
            return [Finding(Rule.AUDIENCE, _("%(name)s is not a party member; the programme “%(programme)s” is for "
                                             "party members only.") % {"name": name, "programme": programme},
                            "is_party_member")]
        return []


def describe(findings: Iterable[Finding]) -> str:
    return " ".join(f.text for f in findings)


def overridable(findings: Iterable[Finding]) -> bool:
    return not any(f.rule in NOT_OVERRIDABLE for f in findings)


def blocking_rules(assessments: Mapping[object, Assessment]) -> set[str]:
    return {f.rule for a in assessments.values() for f in a.blocking}
