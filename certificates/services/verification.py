"""The public check of a certificate: valid, revoked or unknown, with the least personal data.

Codes are 16 characters from a 32-letter alphabet (80 bits), so guessing one is hopeless; the
lookups per client address are limited as well, so nobody can even try at scale.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from certificates.models import Certificate
from core.text import search_key

LOOKUPS_PER_MINUTE = getattr(settings, "CERTIFICATE_LOOKUPS_PER_MINUTE", 30)
CODE_ALPHABET = set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


def verification_url(code: str) -> str:
    """The address a certificate's QR code opens: PUBLIC_BASE_URL, never the host of the current request
    (an officer on the intranet address must not print certificates that only the intranet can check)."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    if not base:
        raise ImproperlyConfigured("Set PUBLIC_BASE_URL to the public address certificates are checked at.")
    return base + reverse("certificates:verify_code", args=[code])


@dataclass(frozen=True)
class VerificationResult:
    """Only what a verifier needs: never the citizen ID nor the date of birth."""

    status: str  # "valid" | "revoked" | "unknown"
    code: str
    learner_name: str = ""
    programme_name: str = ""
    class_code: str = ""
    issued_on: dt.date | None = None
    centre_name: str = ""
    number: str = ""
    classification: str = ""
    revoked_on: dt.date | None = None
    reissued: bool = False


def normalise_code(raw: str) -> str:
    """Codes are read off paper: ignore case, spaces and dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def allow_lookup(address: str) -> bool:
    """Count one lookup for the address; False once it passed the limit for this minute."""
    return throttle.count(f"cert-verify:{address}", 60) <= LOOKUPS_PER_MINUTE


_NUMBER = re.compile(r"^\s*(?:s[oố]\s*:?\s*)?(\d{1,7})\s*/\s*(\d{4})\b", re.I)
_FIELDS = ("code", "status", "learner_name", "programme_name", "class_code", "issued_on", "centre_name", "number",
           "classification", "revoked_at", "register__year")


def lookup_by_number(raw_number: str, holder_name: str) -> VerificationResult:
    """The certificate with the printed number ("0012/2026", the register's year after the slash) whose
    holder has this full name (case, spaces and diacritics ignored). Both must match: the number alone is
    sequential and would let anyone list the register."""
    match = _NUMBER.match(raw_number or "")
    wanted = search_key(holder_name)
    if not match or len(wanted.split()) < 2:
        return VerificationResult("unknown", "")
    number, year = int(match.group(1)), int(match.group(2))
    found = [c for c in Certificate.objects.filter(number=number, register__year=year).select_related("register")
             .only(*_FIELDS) if search_key(c.learner_name) == wanted]
    if len(found) != 1:  # none, or two centres' registers with the same number and holder's name
        return VerificationResult("unknown", "")
    return _result(found[0])


def lookup(raw_code: str) -> VerificationResult:
    code = normalise_code(raw_code)
    if len(code) != 16 or not set(code) <= CODE_ALPHABET:
        return VerificationResult("unknown", code)
    cert = (
        Certificate.objects.filter(code=code)
        .select_related("register")
        .only(
            "code",
            "status",
            "learner_name",
            "programme_name",
            "class_code",
            "issued_on",
            "centre_name",
            "number",
            "classification",
            "revoked_at",
            "register__year",
        )
        .first()
    )
    if cert is None:
        return VerificationResult("unknown", code)
    return _result(cert)


def _result(cert: Certificate) -> VerificationResult:
    return VerificationResult(
        status=cert.status,
        code=cert.code,
        learner_name=cert.learner_name,
        programme_name=cert.programme_name,
        class_code=cert.class_code,
        issued_on=cert.issued_on,
        centre_name=cert.centre_name,
        number=cert.number_label,
        classification=cert.classification,
        revoked_on=timezone.localtime(cert.revoked_at).date() if cert.revoked_at else None,
        reissued=Certificate.objects.filter(replaces_id=cert.pk).exists(),
    )
