"""Programme files kept between the import preview and the confirm.

The file is kept as uploaded (MEDIA_ROOT/imports/curriculum/<token>.json|.xlsx) and read again on
confirm, so what is imported is exactly what the preview showed; a small file beside it says whose
upload it is and for which catalogue. Anyone else gets a 404.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
KEEP_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[0-9a-f]{32}")
SUFFIXES = (".json", ".xlsx")


@dataclass(frozen=True)
class StoredFile:
    token: str
    path: Path
    filename: str
    owner: str

    def read(self) -> bytes:
        return self.path.read_bytes()


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports" / "curriculum"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.glob("*.meta"):
        try:
            if path.stat().st_mtime < limit:
                for suffix in SUFFIXES:
                    path.with_suffix(suffix).unlink(missing_ok=True)
                path.unlink(missing_ok=True)
        except OSError:
            continue


def store_file(*, actor, data: bytes, filename: str, owner: str) -> StoredFile:
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError({"file": _("Unknown file type: choose a .json or .xlsx export.")})
    if not data:
        raise ValidationError({"file": _("The file is empty.")})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}})
    folder = _folder()
    _sweep(folder)
    token = uuid.uuid4().hex
    path = folder / f"{token}{suffix}"
    path.write_bytes(data)
    meta = {"user_id": getattr(actor, "pk", None), "filename": Path(filename).name[:200], "owner": owner}
    path.with_suffix(".meta").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return StoredFile(token, path, meta["filename"], owner)


def load_file(token: str, *, actor) -> StoredFile:
    if not _TOKEN.fullmatch(token or ""):
        raise Http404
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.meta").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Http404 from None
    path = next((p for p in (folder / f"{token}{s}" for s in SUFFIXES) if p.exists()), None)
    if path is None or meta.get("user_id") != getattr(actor, "pk", None):
        raise Http404
    return StoredFile(token, path, meta.get("filename", ""), meta.get("owner", ""))


def discard_file(stored: StoredFile) -> None:
    stored.path.unlink(missing_ok=True)
    stored.path.with_suffix(".meta").unlink(missing_ok=True)
