"""Certificates and the register book as the renderers in certificates.rendering expect them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone

from certificates.models import Certificate, CertificateRegister
from certificates.rendering import CertificateData, RegisterEntry, RegisterHeading, render_certificates_pdf
from certificates.services.verification import verification_url
from core.text import short_date
from org.headings import heading_of
from training.documents.party import frame_of, signature_for
from training.results.documents import host_committee, vn_upper

VerifyUrl = Callable[[str], str]  # code -> absolute URL of the public verification page


def printable(queryset):
    return queryset.select_related("register", "enrolment__klass__centre")


def certificate_data(certificates: Iterable[Certificate], *, verify_url: VerifyUrl = verification_url,
                     personal_data: bool = True) -> list[CertificateData]:
    """One CertificateData per certificate; the hosts are read once per centre, not per page.

    Without `personal_data` (a reader whose role does not see birth dates) the birth date is left out.
    """
    hosts: dict[int, str] = {}
    issuers: dict[tuple[int, object], str] = {}
    items = []
    for cert in certificates:
        klass = cert.enrolment.klass
        # The issuing body as every document of the centre printed it on the day of issue (the
        # heading history is dated and never rewritten); read once per centre and day.
        key = (klass.centre_id, cert.issued_on)
        if key not in issuers:
            issuers[key] = heading_of(klass.centre, cert.issued_on).issuing_body
        host_line = cert.host_line
        if not host_line:  # certificates issued before the heading was kept on the certificate
            if klass.centre_id not in hosts:
                hosts[klass.centre_id] = vn_upper(host_committee(klass.centre, cert.issued_on))
            host_line = hosts[klass.centre_id]
        items.append(
            CertificateData(
                centre_name=issuers[key],
                host_line=host_line,
                learner_name=cert.learner_name,
                date_of_birth=cert.date_of_birth if personal_data else None,
                programme_name=cert.programme_name,
                class_code=cert.class_code,
                class_name=cert.class_name or klass.name,
                date_from=cert.class_start,
                date_to=cert.class_end,
                number=cert.number_label,
                register_year=cert.register.year,
                place=cert.place,
                issue_date=cert.issued_on,
                signer_title=cert.signer_title,
                signer_name=cert.signer_name,
                verification_url=verify_url(cert.code),
                classification=cert.classification,
                signer_capacity=tuple(line.strip() for line in cert.signer_capacity.splitlines() if line.strip()),
            )
        )
    return items


def render_single(certificate: Certificate, *, verify_url: VerifyUrl = verification_url, page: str = "A4",
                  personal_data: bool = True) -> bytes:
    items = certificate_data([certificate], verify_url=verify_url, personal_data=personal_data)
    return render_certificates_pdf(items, page=page)


def register_heading(register: CertificateRegister, signer=None) -> RegisterHeading:
    """The book's heading, as on every document of the centre, and who attests it at the end."""
    today = timezone.localdate()
    frame = frame_of(register.centre, today)
    signature = signature_for(register.centre, today, signer)
    return RegisterHeading(
        centre_name=frame.issuer,
        host_line=" ".join(frame.parents),
        year=register.year,
        place=frame.place,
        signer_title=signature.title,
        signer_name=signature.name,
        signer_capacity=signature.capacity,
        closed_on=today,
    )


def _decision(klass) -> str:
    if not klass.recognition_decision_number:
        return ""
    when = f", {short_date(klass.recognition_decision_date)}" if klass.recognition_decision_date else ""
    return f"{klass.recognition_decision_number}{when}"


def register_entries(register: CertificateRegister, *, personal_data: bool = True) -> list[RegisterEntry]:
    """Every number of the register in order, revoked ones included (a register never loses a line).

    Citizen IDs are read only for a reader who may see them.
    """
    certificates = (
        Certificate.objects.filter(register=register)
        .select_related("replaces__register", "replaced_by__register", "enrolment__klass", "enrolment__person")
        .order_by("number")
    )
    entries = []
    for cert in certificates:
        replaced_by = getattr(cert, "replaced_by", None)
        entries.append(
            RegisterEntry(
                number=cert.number_label,
                learner_name=cert.learner_name,
                class_label=f"{cert.class_code} – {cert.programme_name}",
                classification=cert.classification,
                issue_date=cert.issued_on,
                revoked_on=timezone.localtime(cert.revoked_at).date() if cert.revoked_at else None,
                revocation_reason=cert.revoked_reason,
                replaces=cert.replaces.number_label if cert.replaces_id else "",
                replaced_by=replaced_by.number_label if replaced_by else "",
                decision=_decision(cert.enrolment.klass),
                distinguishing=cert.enrolment.person.workplace or cert.enrolment.person.place_of_birth,
                national_id=cert.enrolment.person.national_id if personal_data else "",
                date_of_birth=cert.date_of_birth if personal_data else None,
            )
        )
    return entries
