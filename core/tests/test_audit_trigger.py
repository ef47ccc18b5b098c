"""PostgreSQL refuses UPDATE and DELETE on the audit table, whatever the application does."""

import pytest
from django.db import DatabaseError, connection, transaction

from core.models import AuditEvent
from people import services
from tests import factories as f


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_audit_events(world):
    person = f.PersonFactory(centre=world.centre_a)
    person.position = "Mới"
    services.save_person(actor=world.officer_a, person=person)
    event = AuditEvent.objects.latest("pk")
    for sql in ("UPDATE core_auditevent SET reason = 'sửa' WHERE id = %s", "DELETE FROM core_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == event.reason
