"""Who may do what in the class lifecycle. Every rule is one named predicate of the user's `Scope`.

Pages, menus, buttons, services and the API of every stage ask these, so a link never leads to a
refusal and a rule is written once. The two rules that also look at the class's own people (a lecturer
reading the attendance of a class they teach, a lecturer stating their own unavailable dates) read
the session or lecturer row they are given.
"""

from __future__ import annotations

from accounts.access import recall_for
from accounts.models import Role
from accounts.scope import scope_of
from core.prepared import Prepared
from people.models import Lecturer
from training.models import Session


def sees_centre_work(user) -> bool:
    """Staff, supervisors and party-committee viewers read plans, class lists and the dashboard."""
    return scope_of(user).is_staff_of_some_centre


def reads_class_lists(user) -> bool:
    """Office pages of classes: centre staff, supervisors, viewers and lecturers (not learners, who
    have their own "my classes")."""
    scope = scope_of(user)
    return scope.is_staff_of_some_centre or scope.has_role(Role.LECTURER)


def creates_classes(user) -> bool:
    """Directors and training officers of some centre (and administrators) start plans and classes."""
    return scope_of(user).edits_some_centre


def edits_centre(user, centre_id: int | None) -> bool:
    """The centre's director and training officers (and administrators) run its plans and classes."""
    return scope_of(user).edits(centre_id)


def directs_centre(user, centre_id: int | None) -> bool:
    """Approving a plan and a class's results is the director's act (incl. predecessor centres)."""
    return scope_of(user).directs(centre_id)


def sees_class_people(user, klass) -> bool:
    """The class's learners list, score grid and registers: the centre's staff, viewers and supervisors."""
    return scope_of(user).sees_people_of(klass.centre_id)


def edits_class(user, klass) -> bool:
    """Enrolments, timetable and scores of a class: its centre's director and training officers."""
    return scope_of(user).edits(klass.centre_id)


def directs_class(user, klass) -> bool:
    """Approving the results of a class: the director of its centre (or of a centre that continued it)."""
    return scope_of(user).directs(klass.centre_id)


def sees_attendance(user, klass) -> bool:
    """The centre's staff and supervisors, and the lecturers who teach the class; not its learners."""
    scope = scope_of(user)
    if scope.sees_people_of(klass.centre_id):
        return True
    return bool(scope.person_id) and Session.objects.filter(klass=klass, lecturer__person_id=scope.person_id).exists()


def records_attendance(user, session: Session) -> bool:
    """The centre's director and training officers, and the lecturer of the session (who takes it in class)."""
    scope = scope_of(user)
    if scope.edits(session.klass.centre_id):
        return True
    return bool(scope.person_id) and session.lecturer_id is not None and session.lecturer.person_id == scope.person_id


def manages_unavailability(user, lecturer) -> bool:
    """A lecturer states their own unavailable dates; the centre's staff may do it for them."""
    scope = scope_of(user)
    return scope.edits(lecturer.centre_id) or (scope.person_id is not None and scope.person_id == lecturer.person_id)


def has_own_classes(user) -> bool:
    """"My classes" and "my timetable": any login tied to a person record (learners; an administrator
    without one has none)."""
    return bool(scope_of(user).person_id)


def _lecturer_profile(person_id: int):
    return Lecturer.objects.filter(person_id=person_id).order_by().values_list("pk")[:1]


# The menu asks this on every page of a login with a person record: its SQL is compiled once.
_LECTURER_PROFILE = Prepared(_lecturer_profile, -7_319_024_185)


def has_lecturer_profile(user) -> bool:
    """A lecturer's own schedule and load pages: the login's person has a lecturer profile."""
    person_id = scope_of(user).person_id
    return bool(person_id) and recall_for(user, ("lecturer profile",), lambda: bool(_LECTURER_PROFILE.rows(person_id)))
