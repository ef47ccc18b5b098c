"""The public check of a certificate: valid, revoked or unknown, with the least personal data.

Codes are 16 characters from a 32-letter alphabet (80 bits), so guessing one is hopeless; the
lookups per client address are limited as well, so nobody can even try at scale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate

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
    key = f"cert-verify:{address}"
    if cache.add(key, 1, 60):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 60)
        count = 1
    return count <= LOOKUPS_PER_MINUTE


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
    return VerificationResult(
        status=cert.status,
        code=code,
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
