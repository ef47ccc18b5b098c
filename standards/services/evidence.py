"""Checking an uploaded evidence or decision file: PDF or image, within the size limit, with its checksum."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The file's first bytes decide its type, not the name or the browser's claim.
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"RIFF", "image/webp"),
]
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "STANDARDS_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def inspect_upload(upload, *, field: str = "file") -> tuple[str, str, int]:
    """(content type, sha256, size) of an acceptable file; ValidationError naming the file otherwise."""
    name = getattr(upload, "name", "") or _("the file")
    size = upload.size
    limit = max_bytes()
    if size > limit:
        raise ValidationError({field: [_("“%(name)s” is %(size)s MB; the limit is %(limit)s MB.") % {
            "name": name, "size": f"{size / 1048576:.1f}".replace(".", ","),
            "limit": f"{limit / 1048576:.0f}"}]})
    if size == 0:
        raise ValidationError({field: [_("“%(name)s” is empty.") % {"name": name}]})
    upload.seek(0)
    head = upload.read(16)
    content_type = next((kind for magic, kind in SIGNATURES if head.startswith(magic)), "")
    if content_type == "image/webp" and head[8:12] != b"WEBP":
        content_type = ""
    if not content_type:
        raise ValidationError({field: [_("“%(name)s” is not a PDF file or an image (PNG, JPEG, WebP).")
                                       % {"name": name}]})
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest(), size
