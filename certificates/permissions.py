"""Who may see and handle which certificates: each rule one named predicate of the user's `Scope`.

`Certificate.objects.visible_to` follows the classes a user sees, which for a learner includes
their classmates' certificates; the pages and the API narrow it here to the centre's staff and
the learner's own certificates.
"""

from __future__ import annotations

from accounts.scope import scope_of
from certificates.models import Certificate


def sees_class_certificates(user, klass) -> bool:
    """Staff, viewers and supervisors of the class's centre see the whole class's certificates."""
    return scope_of(user).sees_people_of(klass.centre_id)


def can_issue(user, klass) -> bool:
    """Issuing, revoking and re-issuing: the director and training officers of the class's centre."""
    return scope_of(user).edits(klass.centre_id)


def sees_registers(user) -> bool:
    """The register books: the staff, viewers and supervisors of some centre."""
    return scope_of(user).is_staff_of_some_centre


def can_see_certificate(user, certificate: Certificate) -> bool:
    """The class's centre staff, or the learner the certificate was issued to."""
    person_id = scope_of(user).person_id
    return sees_class_certificates(user, certificate.enrolment.klass) or (
        person_id is not None and certificate.enrolment.person_id == person_id
    )
