"""Certificates and the register book as the renderers in certificates.rendering expect them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone

from certificates.models import Certificate, CertificateRegister
from certificates.rendering import CertificateData, RegisterEntry, RegisterHeading, render_certificates_pdf
from certificates.services.verification import verification_url
from training.results.documents import host_committee, vn_upper

VerifyUrl = Callable[[str], str]  # code -> absolute URL of the public verification page


def printable(queryset):
    return queryset.select_related("register", "enrolment__klass__centre")


def certificate_data(certificates: Iterable[Certificate], *, verify_url: VerifyUrl = verification_url,
                     ) -> list[CertificateData]:
    """One CertificateData per certificate; the hosts are read once per centre, not per page."""
    hosts: dict[int, str] = {}
    items = []
    for cert in certificates:
        klass = cert.enrolment.klass
        host_line = cert.host_line
        if not host_line:  # certificates issued before the heading was kept on the certificate
            if klass.centre_id not in hosts:
                hosts[klass.centre_id] = vn_upper(host_committee(klass.centre, cert.issued_on))
            host_line = hosts[klass.centre_id]
        items.append(
            CertificateData(
                centre_name=vn_upper(cert.centre_name),
                host_line=host_line,
                learner_name=cert.learner_name,
                date_of_birth=cert.date_of_birth,
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


def render_single(certificate: Certificate, *, verify_url: VerifyUrl = verification_url, page: str = "A4") -> bytes:
    return render_certificates_pdf(certificate_data([certificate], verify_url=verify_url), page=page)


def register_heading(register: CertificateRegister) -> RegisterHeading:
    return RegisterHeading(
        centre_name=vn_upper(register.centre.name),
        host_line=vn_upper(host_committee(register.centre)),
        year=register.year,
    )


def register_entries(register: CertificateRegister) -> list[RegisterEntry]:
    """Every number of the register in order, revoked ones included (a register never loses a line)."""
    certificates = (
        Certificate.objects.filter(register=register)
        .select_related("replaces__register", "replaced_by__register")
        .order_by("number")
    )
    entries = []
    for cert in certificates:
        replaced_by = getattr(cert, "replaced_by", None)
        entries.append(
            RegisterEntry(
                number=cert.number_label,
                learner_name=cert.learner_name,
                date_of_birth=cert.date_of_birth,
                class_label=f"{cert.class_code} – {cert.programme_name}",
                classification=cert.classification,
                issue_date=cert.issued_on,
                revoked_on=timezone.localtime(cert.revoked_at).date() if cert.revoked_at else None,
                revocation_reason=cert.revoked_reason,
                replaces=cert.replaces.number_label if cert.replaces_id else "",
                replaced_by=replaced_by.number_label if replaced_by else "",
            )
        )
    return entries
