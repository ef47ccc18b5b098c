"""Uploaded nomination lists kept between the preview and the confirm.

The file is kept as uploaded (MEDIA_ROOT/imports/<token>.xlsx) and read again on confirm, so the
preview's decisions apply to exactly the file the user saw, and nothing big sits in the session.
A small JSON file beside it says which class and user the upload belongs to; anyone else gets a 404.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from core.bulk import gc_paused
from training.nominations.importers.reader import SheetTable
from training.nominations.parsed import KEPT_SECONDS, rows_key
from training.nominations.services import Choices, read_list

MAX_BYTES = 10 * 1024 * 1024  # a 5,000-row list is about 300 kB
KEEP_SECONDS = 24 * 3600
TABLE_SECONDS = KEPT_SECONDS  # the table and its parsed rows are kept alike
PENDING_PER_USER = 5  # a user's older unconfirmed uploads are discarded beyond this
_TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class StoredUpload:
    token: str
    path: Path
    filename: str
    class_id: int
    user_id: int | None
    sending_organisation_id: int | None


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    """Forget uploads nobody confirmed within a day."""
    limit = time.time() - KEEP_SECONDS
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.with_suffix(".xlsx").unlink(missing_ok=True)
                path.with_suffix(".choices.json").unlink(missing_ok=True)
                path.unlink(missing_ok=True)
        except OSError:
            continue


def require_size(size: int) -> None:
    """Refuse an empty upload or one over MAX_BYTES, from its size alone."""
    if not size:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    if size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}},
                              code="too_large")


def _make_room(folder: Path, user_id, size: int) -> None:
    """Keep a user's pending uploads to the newest few, and the folder within its quota."""
    mine = []
    total = 0
    for meta_path in folder.glob("*.json"):
        try:
            total += meta_path.with_suffix(".xlsx").stat().st_size
            if json.loads(meta_path.read_text(encoding="utf-8")).get("user_id") == user_id:
                mine.append((meta_path.stat().st_mtime, meta_path))
        except (OSError, ValueError):
            continue
    for _mtime, meta_path in sorted(mine)[:max(0, len(mine) - PENDING_PER_USER + 1)]:
        total -= meta_path.with_suffix(".xlsx").stat().st_size if meta_path.with_suffix(".xlsx").exists() else 0
        meta_path.with_suffix(".xlsx").unlink(missing_ok=True)
        meta_path.unlink(missing_ok=True)
    if total + size > settings.IMPORT_STORAGE_QUOTA_BYTES:
        raise ValidationError({"file": _("The space for uploaded lists is full; try again later or ask the "
                                         "administrator.")}, code="quota")


def store_upload(*, actor, klass, data, filename: str, sending_organisation=None) -> StoredUpload:
    """Keep an upload (bytes, or an uploaded file written in chunks, never read whole) for its preview."""
    size = len(data) if isinstance(data, bytes | bytearray) else data.size
    require_size(size)
    if not filename.lower().endswith((".xlsx", ".xlsm")):
        raise ValidationError({"file": _("Choose an Excel workbook (.xlsx).")}, code="not_xlsx")
    folder = _folder()
    _sweep(folder)
    _make_room(folder, getattr(actor, "pk", None), size)
    token = uuid.uuid4().hex
    path = folder / f"{token}.xlsx"
    if isinstance(data, bytes | bytearray):
        path.write_bytes(data)
    else:
        with path.open("wb") as target:
            for chunk in data.chunks():
                target.write(chunk)
    meta = {"class_id": klass.pk, "user_id": getattr(actor, "pk", None), "filename": Path(filename).name[:200],
            "sending_organisation_id": getattr(sending_organisation, "pk", None)}
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return StoredUpload(token, path, meta["filename"], klass.pk, meta["user_id"], meta["sending_organisation_id"])


def load_upload(token: str, *, actor, klass) -> StoredUpload:
    """The upload `token`, if it belongs to this class and user; otherwise a 404 like any foreign object."""
    if not _TOKEN.fullmatch(token or ""):
        raise Http404
    path = _folder() / f"{token}.xlsx"
    try:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Http404
    if meta.get("class_id") != klass.pk or meta.get("user_id") != getattr(actor, "pk", None) or not path.exists():
        raise Http404
    return StoredUpload(token, path, meta.get("filename", ""), klass.pk, meta.get("user_id"),
                        meta.get("sending_organisation_id"))


def _cache_key(upload: StoredUpload) -> str:
    return f"ttct:nominations:table:{upload.token}"


def table_of(upload: StoredUpload):
    """The upload's table as read the first time (kept in the cache), so a preview shown again or the
    confirm does not read the workbook again; read from the file when the cache has forgotten it."""
    with gc_paused():  # unpickling 5,000 rows would start a hundred collections
        table = cache.get(_cache_key(upload))
        if table is None:
            table = read_list(upload.path)
            if isinstance(table, SheetTable):
                cache.set(_cache_key(upload), table, TABLE_SECONDS)
    if isinstance(table, SheetTable):
        table.cache_key = _cache_key(upload)
    return table


def _choices_path(upload: StoredUpload) -> Path:
    return upload.path.with_suffix(".choices.json")


def save_choices(upload: StoredUpload, choices: Choices) -> None:
    """Keep what the user decided on the preview (fixes, skips, consents, links, overrides) with the upload,
    so reopening the preview shows it again and the confirm applies it."""
    data = {
        "skipped": sorted(choices.skipped), "consented": sorted(choices.consented), "consent_all": choices.consent_all,
        "links": {str(k): v for k, v in choices.links.items()},
        "overrides": {str(k): v for k, v in choices.overrides.items()},
        "fixes": {str(k): v for k, v in choices.fixes.items()},
        "warning_reason": choices.warning_reason,
    }
    _choices_path(upload).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load_choices(upload: StoredUpload) -> Choices:
    """The decisions kept with the upload; none yet for a fresh one."""
    try:
        data = json.loads(_choices_path(upload).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Choices()
    return Choices(
        skipped={int(r) for r in data.get("skipped", [])},
        consented={int(r) for r in data.get("consented", [])},
        consent_all=bool(data.get("consent_all")),
        links={int(k): int(v) for k, v in data.get("links", {}).items()},
        overrides={int(k): str(v) for k, v in data.get("overrides", {}).items()},
        fixes={int(k): {str(f): str(t) for f, t in v.items()} for k, v in data.get("fixes", {}).items()},
        warning_reason=str(data.get("warning_reason") or ""),
    )


def discard_upload(upload: StoredUpload) -> None:
    cache.delete_many([_cache_key(upload), rows_key(_cache_key(upload))])
    upload.path.unlink(missing_ok=True)
    upload.path.with_suffix(".json").unlink(missing_ok=True)
    _choices_path(upload).unlink(missing_ok=True)
