"""Backing up and restoring a TTCT site: the database and the uploaded files in one tar archive.

The archive holds `manifest.json` (database vendor, time, row count of every table), the database
(`database.dump`, made by pg_dump in its custom format, for PostgreSQL; `database.sqlite3`, a copy
made with SQLite's online backup API, for SQLite) and `media/` (MEDIA_ROOT as it was). Restoring
replaces the database's content and the media folder with the archive's; the manifest's row counts
are checked against the restored tables.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupError(RuntimeError):
    pass


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows of every table of the database (the project's and Django's own)."""
    db = connections[using]
    with db.cursor() as cursor:
        names = sorted(db.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {db.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def _pg_env(db) -> tuple[list[str], dict[str, str]]:
    conf = db.settings_dict
    args = []
    if conf.get("HOST"):
        args += ["-h", conf["HOST"]]
    if conf.get("PORT"):
        args += ["-p", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["-U", conf["USER"]]
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = conf["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:2000]}")


def _dump_database(folder: Path, db) -> str:
    if db.vendor == "postgresql":
        args, env = _pg_env(db)
        target = folder / "database.dump"
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(target), *args, db.settings_dict["NAME"]], env)
        return target.name
    if db.vendor == "sqlite":
        target = folder / "database.sqlite3"
        db.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            db.connection.backup(copy)
        finally:
            copy.close()
        return target.name
    raise BackupError(f"Backups of {db.vendor} databases are not supported.")


def create_backup(output: Path | None = None, *, using: str = "default") -> Path:
    """Write the archive (default: backups/ttct-YYYYmmdd-HHMMSS.tar in the project folder); return its path."""
    db = connections[using]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    output = Path(output) if output else Path(settings.BASE_DIR) / "backups" / f"ttct-{stamp}.tar"
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        manifest = {"format": 1, "vendor": db.vendor, "created": stamp, "tables": table_counts(using)}
        database = _dump_database(folder, db)
        manifest["database"] = database
        partial = output.with_suffix(".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(folder / database, arcname=database)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname="media")
        partial.replace(output)  # a backup interrupted half-way never looks complete
    return output


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Unexpected entry in the archive: {member.name}")
        yield member


def _pg_counts(db, name: str) -> dict[str, int]:
    """Row counts of every table of another PostgreSQL database on the same server."""
    import psycopg

    conf = db.settings_dict
    with psycopg.connect(dbname=name, host=conf.get("HOST") or None, port=conf.get("PORT") or None,
                         user=conf.get("USER") or None, password=conf.get("PASSWORD") or None) as other:
        tables = [r[0] for r in other.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").fetchall()]
        return {t: other.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def restore_backup(source: Path, *, using: str = "default", database_name: str | None = None,
                   media_root: Path | None = None) -> dict[str, int]:
    """Replace the database and the media folder with the archive's; return the restored row counts.

    `database_name` restores a PostgreSQL archive into another database of the same server instead
    (a trial restore, or a test); `media_root` puts the files elsewhere than MEDIA_ROOT.
    """
    db = connections[using]
    with tempfile.TemporaryDirectory() as work, tarfile.open(source) as archive:
        folder = Path(work)
        archive.extractall(folder, members=list(_safe_members(archive)))
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest["vendor"] != db.vendor:
            raise BackupError(f"The archive holds a {manifest['vendor']} database; this site runs {db.vendor}.")
        dump = folder / manifest["database"]
        if database_name is None:
            db.close()
        if db.vendor == "postgresql":
            args, env = _pg_env(db)
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "-d",
                  database_name or db.settings_dict["NAME"], *args, str(dump)], env)
        else:
            db.ensure_connection()
            copy = sqlite3.connect(dump)
            try:
                copy.backup(db.connection)
            finally:
                copy.close()
        media = Path(media_root or settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (folder / "media").is_dir():
            shutil.copytree(folder / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    counts = _pg_counts(db, database_name) if database_name else table_counts(using)
    expected = manifest["tables"]
    wrong = {name: (expected[name], counts.get(name)) for name in expected if counts.get(name) != expected[name]}
    if wrong:
        raise BackupError(f"Restored tables differ from the backup: {wrong}")
    return counts


__all__ = ["BackupError", "create_backup", "restore_backup", "table_counts"]
