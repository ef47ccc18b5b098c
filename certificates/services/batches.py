"""The whole class's certificates as one PDF and as a ZIP of single files, with progress.

The browser drives the work: the page starts a batch, then asks for the next step until the
batch is done, and shows the progress after each step. Each step renders a slice of the ZIP (or,
last, the single PDF) and stays well under a second, so no request runs long, no worker process
is needed, and any app server can take the next step because the state lives in files under
MEDIA_ROOT (shared storage when the app scales out).

One step at a time per batch: a step first creates the batch's lock file (an exclusive create, atomic on
local and network file systems), so a second tab or a double click that asks for a step while one runs
gets the progress as it is and does nothing; a lock left by a crashed step expires after a minute.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.scope import scope_of
from certificates.models import Certificate
from certificates.permissions import sees_class_certificates
from certificates.rendering import certificate_filename, render_certificate_zip, render_certificates_pdf
from certificates.services.printing import certificate_data, printable
from core.services import require

STEP_SIZE = 40  # single PDFs per step: about 0,2 s of typst work here
LOCK_SECONDS = 60  # a step takes well under a second; a lock this old was left by a crash
KEEP_SECONDS = 24 * 3600
_JOB_ID_CHARS = set("0123456789abcdef")


@dataclass(frozen=True)
class BatchState:
    job_id: str
    class_id: int
    total: int  # certificates in the batch
    zipped: int  # single files already in the ZIP
    pdf_ready: bool

    @property
    def finished(self) -> bool:
        return self.pdf_ready and self.zipped >= self.total

    @property
    def percent(self) -> int:
        # The combined PDF costs about as much as a fifth of the single files.
        pdf_units = max(1, self.total // 5)
        done = self.zipped + (pdf_units if self.pdf_ready else 0)
        return int(100 * done / (self.total + pdf_units)) if self.total else 100


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "certificate-batches"


def _job_dir(job_id: str) -> Path:
    if len(job_id) != 32 or not set(job_id) <= _JOB_ID_CHARS:
        raise Http404
    return _root() / job_id


def _write_manifest(folder: Path, manifest: dict) -> None:
    temporary = folder / "manifest.json.tmp"
    temporary.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(temporary, folder / "manifest.json")


def _read_manifest(job_id: str, actor) -> dict:
    try:
        manifest = json.loads((_job_dir(job_id) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Http404
    if manifest["user_id"] != getattr(actor, "pk", None):
        raise Http404  # someone else's batch is as good as missing
    return manifest


def _state(manifest: dict) -> BatchState:
    return BatchState(
        manifest["job_id"],
        manifest["class_id"],
        len(manifest["certificate_ids"]),
        manifest["zipped"],
        manifest["pdf_ready"],
    )


def _sweep() -> None:
    """Drop batches older than a day; their files were downloaded or forgotten."""
    root = _root()
    if not root.exists():
        return
    limit = time.time() - KEEP_SECONDS
    for folder in root.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def start_batch(*, actor, klass, page: str = "A4") -> BatchState:
    """Prepare a batch of the class's valid certificates (their QR codes open `verification_url`)."""
    require(sees_class_certificates(actor, klass))
    ids = list(
        Certificate.objects.filter(enrolment__klass=klass, status=Certificate.Status.VALID)
        .order_by("register__year", "number")
        .values_list("pk", flat=True)
    )
    if not ids:
        raise Http404
    _sweep()
    job_id = uuid.uuid4().hex
    folder = _job_dir(job_id)
    folder.mkdir(parents=True)
    manifest = {
        "job_id": job_id,
        "class_id": klass.pk,
        "class_code": klass.code,
        "user_id": actor.pk,
        "certificate_ids": ids,
        "zipped": 0,
        "pdf_ready": False,
        "page": page,
        "personal_data": scope_of(actor).sees_personal_data,
    }
    _write_manifest(folder, manifest)
    return _state(manifest)


def _items(manifest: dict, ids: list[int]):
    by_id = {c.pk: c for c in printable(Certificate.objects.filter(pk__in=ids))}
    ordered = [by_id[pk] for pk in ids if pk in by_id]
    return certificate_data(ordered, personal_data=manifest.get("personal_data", True))


@contextmanager
def _step_lock(folder: Path):
    """Yields True when this request holds the batch's step, False when another one does."""
    lock = folder / "step.lock"
    try:
        if lock.exists() and time.time() - lock.stat().st_mtime > LOCK_SECONDS:
            lock.unlink(missing_ok=True)
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        yield False
        return
    os.close(descriptor)
    try:
        yield True
    finally:
        lock.unlink(missing_ok=True)


def advance_batch(*, actor, job_id: str) -> BatchState:
    """Do the next step of a batch and return the progress; a no-op while another step of it runs."""
    _read_manifest(job_id, actor)
    folder = _job_dir(job_id)
    with _step_lock(folder) as holds:
        manifest = _read_manifest(job_id, actor)  # read again under the lock: a step may just have ended
        if holds:
            _step(folder, manifest)
    return _state(manifest)


def _step(folder: Path, manifest: dict) -> None:
    ids = manifest["certificate_ids"]
    if manifest["zipped"] < len(ids):
        chunk = ids[manifest["zipped"] : manifest["zipped"] + STEP_SIZE]
        # The renderer zips a slice; its members are copied into the batch's growing archive.
        part = zipfile.ZipFile(io.BytesIO(render_certificate_zip(_items(manifest, chunk), page=manifest["page"])))
        with zipfile.ZipFile(folder / "certificates.zip", "a", compression=zipfile.ZIP_STORED) as archive:
            existing = set(archive.namelist())
            for name in part.namelist():
                target, counter = name, 2
                while target in existing:
                    target, counter = f"{name[:-4]}-{counter}.pdf", counter + 1
                archive.writestr(target, part.read(name))
                existing.add(target)
        manifest["zipped"] += len(chunk)
    elif not manifest["pdf_ready"]:
        pdf = render_certificates_pdf(_items(manifest, ids), page=manifest["page"])
        (folder / "certificates.pdf").write_bytes(pdf)
        manifest["pdf_ready"] = True
    _write_manifest(folder, manifest)


def batch_state(*, actor, job_id: str) -> BatchState:
    return _state(_read_manifest(job_id, actor))


def batch_file(*, actor, job_id: str, kind: str) -> tuple[Path, str]:
    """The finished PDF or ZIP of a batch, and the file name to download it as."""
    manifest = _read_manifest(job_id, actor)
    state = _state(manifest)
    if kind not in ("pdf", "zip") or not state.finished:
        raise Http404
    path = _job_dir(job_id) / f"certificates.{kind}"
    if not path.exists():
        raise PermissionDenied
    stem = certificate_filename(f"GCN-{manifest['class_code']}")[:-4]
    return path, f"{stem}.{kind}"
