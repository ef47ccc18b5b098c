"""Who may change what in the person registry: each rule one named predicate of the user's `Scope`.

Reading is `Person.objects.visible_to(user)` (a record outside it is a 404); changing a person, a staff
term or a lecturer profile belongs to the director and training officers of its centre (`Scope.edits`).
"""

from __future__ import annotations

from accounts.scope import scope_of


def owns_lecturer_profile(user, lecturer) -> bool:
    """A lecturer's own profile (they keep their qualifications up to date)."""
    person_id = scope_of(user).person_id
    return person_id is not None and lecturer.person_id == person_id


def edits_lecturer(user, lecturer) -> bool:
    """The profile's centre staff who change records, or the lecturer themself."""
    return scope_of(user).edits(lecturer.centre_id) or owns_lecturer_profile(user, lecturer)
