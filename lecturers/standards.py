"""Checking centre leaders and lecturers against the post standards in force.

Each requirement is a rule over what the person's records hold: the lecturer profile (theory level,
degree, state management level, certificates, teaching since), the person record (theory level, degree,
party membership) and the staff term (years in post). Constant queries for a whole centre.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from lecturers.models import Requirement, Rule, StandardPost, StandardSet
from people.models import Lecturer, Person, StaffAssignment

_THEORY = {"": 0, "so_cap": 1, "trung_cap": 2, "cao_cap": 3, "cu_nhan": 4}
_DEGREE = {"": 0, "trung_cap": 1, "cao_dang": 2, "dai_hoc": 3, "thac_si": 4, "tien_si": 5}
_STATE = {"": 0, "chuyen_vien": 1, "chuyen_vien_chinh": 2, "chuyen_vien_cao_cap": 3}
_LEADER_POST = {StaffAssignment.Position.DIRECTOR: StandardPost.DIRECTOR,
                StaffAssignment.Position.DEPUTY_DIRECTOR: StandardPost.DEPUTY}


@dataclass(frozen=True)
class Check:
    requirement: Requirement
    met: bool
    recorded: str


@dataclass(frozen=True)
class Member:
    """A leader (from the staff record) or a lecturer profile, checked against the standard of the post."""

    person: Person
    post: str
    lecturer: Lecturer | None
    staff: StaffAssignment | None
    checks: tuple[Check, ...]

    @property
    def meets(self) -> bool:
        return all(c.met for c in self.checks)

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if not c.met]

    @property
    def post_label(self) -> str:
        return StandardPost(self.post).label


def standard_in_force(on: dt.date) -> StandardSet | None:
    return (StandardSet.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .order_by("-valid_from").first())


def check_requirement(requirement: Requirement, person: Person, lecturer: Lecturer | None, staff: StaffAssignment | None,
           on: dt.date) -> Check:
    rule, value = requirement.rule, requirement.value
    if rule == Rule.THEORY:
        level = max((lecturer.theory_level if lecturer else ""), person.theory_level or "", key=lambda v: _THEORY.get(v, 0))
        return Check(requirement, _THEORY.get(level, 0) >= _THEORY.get(value, 0), level)
    if rule == Rule.DEGREE:
        level = max((lecturer.degree if lecturer else ""), person.professional_degree or "",
                    key=lambda v: _DEGREE.get(v, 0))
        return Check(requirement, _DEGREE.get(level, 0) >= _DEGREE.get(value, 0), level)
    if rule == Rule.STATE_MANAGEMENT:
        level = lecturer.state_management_level if lecturer else ""
        return Check(requirement, _STATE.get(level, 0) >= _STATE.get(value, 0), level)
    if rule == Rule.PEDAGOGY:
        return Check(requirement, bool(lecturer and lecturer.pedagogy_certificate), "")
    if rule == Rule.IT:
        return Check(requirement, bool(lecturer and lecturer.it_certificate.strip()),
                     lecturer.it_certificate if lecturer else "")
    if rule == Rule.PARTY:
        return Check(requirement, person.is_party_member, "")
    if rule == Rule.YEARS:
        years = 0
        if lecturer and lecturer.teaching_since:
            years = on.year - lecturer.teaching_since
        if staff and staff.start_date:
            years = max(years, (on - staff.start_date).days // 365)
        return Check(requirement, years >= int(value or 0), str(years))
    return Check(requirement, False, "")


def centre_members(centre_id: int, on: dt.date | None = None) -> tuple[StandardSet | None, list[Member]]:
    """Leaders in post on the day and active lecturers of the centre, each checked; five queries."""
    on = on or timezone.localdate()
    standard = standard_in_force(on)
    requirements: dict[str, list[Requirement]] = {}
    if standard:
        for requirement in standard.requirements.all():
            requirements.setdefault(requirement.post, []).append(requirement)
    leaders = list(StaffAssignment.objects.filter(centre_id=centre_id, position__in=list(_LEADER_POST)).current(on)
                   .select_related("person"))
    lecturers = list(Lecturer.objects.filter(centre_id=centre_id, active=True).select_related("person"))
    profile_of = {lec.person_id: lec for lec in lecturers}
    members = []
    seen = set()
    for staff in leaders:
        post = _LEADER_POST[staff.position]
        lecturer = profile_of.get(staff.person_id)
        seen.add(staff.person_id)
        checks = tuple(check_requirement(r, staff.person, lecturer, staff, on) for r in requirements.get(post, []))
        members.append(Member(staff.person, post, lecturer, staff, checks))
    for lecturer in lecturers:
        if lecturer.person_id in seen:
            continue
        post = lecturer.kind
        checks = tuple(check_requirement(r, lecturer.person, lecturer, None, on) for r in requirements.get(post, []))
        members.append(Member(lecturer.person, post, lecturer, None, checks))
    members.sort(key=lambda m: m.person.sort_key)
    return standard, members


def share_meeting(members: list[Member]) -> tuple[int, int]:
    return sum(1 for m in members if m.meets), len(members)
