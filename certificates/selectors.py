"""Reads for the certificate pages: a class's learners with their certificates, the register books."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from accounts.scope import scope_of
from certificates.models import Certificate, CertificateRegister
from core.listing import search_words
from org.models import Centre
from people.models import Person
from training.models import Enrolment, Klass
from training.results.completion import has_completed
from training.results.rules import classification_label, printed_classification


def result_corrected(certificate: Certificate, result=None) -> bool:
    """A valid certificate that no longer states the learner's result: the result was corrected after
    issue (the learner no longer completes, or the classification changed). It is re-issued or revoked."""
    if certificate.status != Certificate.Status.VALID:
        return False
    if result is None:
        result = getattr(certificate.enrolment, "result", None)
    if result is None or not result.completed:
        return True
    return printed_classification(result.classification) != certificate.classification


@dataclass
class LearnerCertificates:
    enrolment: Enrolment
    result: object
    classification: str
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def holds_valid(self) -> bool:
        return any(c.status == Certificate.Status.VALID for c in self.certificates)

    @property
    def corrected(self) -> set[int]:
        """The valid certificates that no longer state the learner's result."""
        return {c.pk for c in self.certificates if result_corrected(c, self.result)}

    @property
    def owed(self) -> bool:
        """Completed the class and holds no valid certificate yet: the next issue is for them."""
        return has_completed(self.enrolment) and not self.holds_valid


@dataclass
class ClassCertificates:
    rows: list[LearnerCertificates]

    @property
    def pending(self) -> int:
        return sum(1 for row in self.rows if row.owed)

    @property
    def valid_count(self) -> int:
        return sum(1 for row in self.rows for c in row.certificates if c.status == Certificate.Status.VALID)


def class_certificates(klass: Klass) -> ClassCertificates:
    """The class's enrolled learners in name order, each with their result and certificates: two queries."""
    enrolments = (Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED)
                  .select_related("person", "result").order_by("person__sort_key", "pk"))
    by_enrolment: dict[int, list[Certificate]] = {}
    for certificate in (Certificate.objects.filter(enrolment__klass=klass).select_related("register")
                        .order_by("register__year", "number")):
        by_enrolment.setdefault(certificate.enrolment_id, []).append(certificate)
    rows = []
    for enrolment in enrolments:
        result = getattr(enrolment, "result", None)
        rows.append(LearnerCertificates(
            enrolment=enrolment, result=result,
            classification=classification_label(result.classification) if result else "",
            certificates=by_enrolment.get(enrolment.pk, []),
        ))
    return ClassCertificates(rows)


def replacement_of(certificate: Certificate) -> Certificate | None:
    return Certificate.objects.filter(replaces=certificate).select_related("register").first()


def registers_for(user):
    """The register books of the centres whose people the user sees."""
    scope = scope_of(user)
    registers = CertificateRegister.objects.select_related("centre")
    if not scope.sees_everything:
        registers = registers.filter(centre_id__in=scope.person_centre_ids)
    return registers.filter(centre__in=Centre.objects.visible_to(user))


def register_summaries(user):
    return (registers_for(user)
            .annotate(issued=Count("certificates"),
                      revoked=Count("certificates", filter=Q(certificates__status=Certificate.Status.REVOKED)))
            .order_by("-year", "centre__sort_key"))


def register_certificates(register: CertificateRegister, query: str = ""):
    """The register's certificates in number order; `query` finds a learner's name or a class's code or name,
    diacritics and case ignored (every word must occur in one of them)."""
    certificates = register.certificates.select_related("replaces__register").order_by("number")
    if query:
        persons = search_words(Person.objects.all(), query).values("pk")
        classes = search_words(Klass.objects.all(), query).values("pk")
        certificates = certificates.filter(Q(enrolment__person__in=persons) | Q(enrolment__klass__in=classes))
    return certificates
