"""Who may see and handle which certificates.

`Certificate.objects.visible_to` follows the classes a user sees, which for a learner includes
their classmates' certificates; the pages and the API narrow it here to the centre's staff and
the learner's own certificates.
"""

from __future__ import annotations

from accounts.scope import scope_of
from certificates.models import Certificate


def certificates_for(user):
    return Certificate.objects.visible_to(user)


def sees_class_certificates(user, klass) -> bool:
    """Staff, viewers and supervisors of the class's centre see the whole class's certificates."""
    scope = scope_of(user)
    return scope.sees_everything or klass.centre_id in scope.person_centre_ids


def can_issue(user, klass) -> bool:
    return scope_of(user).can_edit_centre(klass.centre_id)


def can_see_certificate(user, certificate: Certificate) -> bool:
    scope = scope_of(user)
    return sees_class_certificates(user, certificate.enrolment.klass) or (
        scope.person_id is not None and certificate.enrolment.person_id == scope.person_id
    )
