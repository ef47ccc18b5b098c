"""Reads about persons that other apps' records contribute to, reached through reverse relations.

The person registry sits below training and certificates in the layers, so it never imports them:
a person's classes, results and certificates are read through the relations those apps declare
towards `Person` (`person.enrolments`, `enrolment.result`, `enrolment.certificates`).
"""

from __future__ import annotations

from django.db.models import Prefetch

from accounts.scope import scope_of


def person_enrolments(user, person) -> list:
    """The classes the person attended that `user` may see (all of them on one's own record), newest first.

    Two queries: the enrolments with their class, programme, centre and result, then their certificates.
    """
    scope = scope_of(user)
    enrolments = person.enrolments.all()
    if not (scope.sees_everything or scope.person_id == person.pk):
        enrolments = enrolments.filter(klass__centre_id__in=scope.person_centre_ids)
    certificate = enrolments.model._meta.get_field("certificates").related_model
    certificates = certificate.objects.select_related("register").order_by("-issued_on", "-pk")
    return list(
        enrolments.select_related("klass__centre", "klass__version__programme", "result", "moved_to")
        .prefetch_related(Prefetch("certificates", queryset=certificates))
        .order_by("-klass__start_date", "-pk")
    )
