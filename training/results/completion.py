"""Who completed a class, and so is owed its certificate and a line in the recognition decision.

An enrolled learner (not withdrawn, not moved) whose computed result says completed. The recognition
decision, the certificate pages and the issuing service all ask here.
"""

from __future__ import annotations

from django.db.models import Q

from training.models import Enrolment

COMPLETED = Q(status=Enrolment.Status.ENROLLED, result__completed=True)


def has_completed(enrolment: Enrolment) -> bool:
    result = getattr(enrolment, "result", None)  # a missing one-to-one raises AttributeError
    return enrolment.status == Enrolment.Status.ENROLLED and result is not None and result.completed


def completers(klass):
    """The class's completers in Vietnamese name order, with their persons and results."""
    return (Enrolment.objects.filter(COMPLETED, klass=klass).select_related("person", "result")
            .order_by("person__sort_key", "pk"))
