"""A backup restores to the same site: every table's rows, the sequences, the uploaded files, and a
certificate that still verifies. PostgreSQL (pg_dump/pg_restore) and SQLite (its backup API)."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from django.db import connection

from core.backup import create_backup, restore_backup, table_counts

pytestmark = pytest.mark.django_db(transaction=True)


def _issued_certificate(world):
    from certificates import services
    from training.tests.factories.results import approved_class

    klass = approved_class(world, learners=2)
    return services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=dt.date(2026, 3, 20))[0]


def _sequences(**conf) -> dict[str, int]:
    with psycopg.connect(**conf) as db:
        names = [r[0] for r in db.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
        return {n: db.execute(f'SELECT last_value, is_called FROM "{n}"').fetchone() for n in names}


@pytest.mark.postgres_only
def test_postgresql_round_trip(world, settings, tmp_path):
    certificate = _issued_certificate(world)
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "kept.xlsx").write_bytes(b"uploaded list")
    settings.MEDIA_ROOT = tmp_path / "media"
    before = table_counts()
    archive = create_backup(tmp_path / "site.tar")

    conf = connection.settings_dict
    target = conf["NAME"].removeprefix("test_") + "_restore"
    server = {"host": conf["HOST"] or None, "port": conf["PORT"] or None, "user": conf["USER"] or None,
              "password": conf["PASSWORD"] or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        restored = restore_backup(archive, database_name=target, media_root=tmp_path / "restored")
        assert restored == before
        assert _sequences(dbname=target, **server) == _sequences(dbname=conf["NAME"], **server)
        assert (tmp_path / "restored" / "imports" / "kept.xlsx").read_bytes() == b"uploaded list"
        with psycopg.connect(dbname=target, **server) as db:
            row = db.execute("SELECT status, learner_name FROM certificates_certificate WHERE code = %s",
                             [certificate.code]).fetchone()
        assert row == ("valid", certificate.learner_name)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_sqlite_round_trip(world, settings, tmp_path, is_postgres):
    if is_postgres:
        pytest.skip("the SQLite backup API")
    from certificates.services import lookup

    certificate = _issued_certificate(world)
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("kept")
    before = table_counts()
    archive = create_backup(tmp_path / "site.tar")
    certificate.enrolment.person.__class__.objects.filter(pk=world.person_b.pk).update(given_name="Đổi")
    (tmp_path / "media" / "a.txt").write_text("changed")
    assert restore_backup(archive) == before
    assert (tmp_path / "media" / "a.txt").read_text() == "kept"
    assert lookup(certificate.code).status == "valid"
