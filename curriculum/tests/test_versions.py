"""Version lifecycle: drafts are edited, published or used versions are only superseded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from curriculum.models import ProgrammeVersion
from curriculum.reports import compare_versions
from curriculum.services import derive_version, publish_version, retire_programme, save_version
from curriculum.tests.conftest import make_content, make_programme

pytestmark = pytest.mark.django_db


class _Classes:
    def __init__(self, used):
        self.used = used

    def exists(self):
        return self.used


def test_published_version_cannot_be_edited(world):
    programme, version = make_programme("P1", owner_province=world.province)
    assert version.is_locked
    with pytest.raises(ValidationError) as exc:
        save_version(actor=world.supervisor, version=version, content=make_content(topics=((2, 0, 0),)))
    assert "không thể sửa" in exc.value.messages[0]
    assert [t.total_periods for t in version.topics.all()] == [5, 4]


def test_a_draft_used_by_a_class_is_locked(world, monkeypatch):
    _p, draft = make_programme("P1", owner_province=world.province, publish=False)
    assert not draft.is_locked
    # Stand-in for the training app's related manager ("classes"), used or not.
    monkeypatch.setattr(ProgrammeVersion, "classes", property(lambda self: _Classes(True)))
    assert draft.is_locked
    with pytest.raises(ValidationError):
        save_version(actor=world.supervisor, version=draft, content=make_content(topics=((1, 0, 0),)))
    monkeypatch.setattr(ProgrammeVersion, "classes", property(lambda self: _Classes(False)))
    assert not draft.is_locked


def test_derive_edit_publish_supersedes_the_old_version(world):
    programme, v1 = make_programme("P1", owner_province=world.province)
    v2 = derive_version(actor=world.supervisor, source=v1)
    assert v2.number == 2 and v2.status == "draft" and v2.based_on == v1
    assert [t.lineage for t in v2.topics.all()] == [t.lineage for t in v1.topics.all()]
    content = make_content(topics=((4, 1, 0), (2, 1, 0), (3, 0, 0)),
                           titles=["Chuyên đề số 1", "Chuyên đề số 2", "Chuyên đề mới"])
    kept = list(v2.topics.all())
    content.topics[0]["id"], content.topics[1]["id"] = kept[0].pk, kept[1].pk
    save_version(actor=world.supervisor, version=v2, content=content)
    with pytest.raises(ValidationError):  # one draft at a time
        derive_version(actor=world.supervisor, source=v1)
    start = v1.effective_from + dt.timedelta(days=30)
    publish_version(actor=world.supervisor, version=v2, effective_from=start)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == ("superseded", "published")
    assert v1.effective_to == start - dt.timedelta(days=1) and v2.effective_from == start
    diff = compare_versions(v1, v2)
    assert (diff["added"], diff["removed"], diff["changed"]) == (1, 0, 1)
    changed = next(r for r in diff["rows"] if r.status == "changed")
    assert changed.period_change == -1
    assert AuditEvent.objects.filter(object_type="curriculum.programmeversion", object_id=str(v2.pk),
                                     action="approve").exists()


def test_retired_programme_takes_no_new_version(world):
    programme, v1 = make_programme("P1", owner_province=world.province)
    with pytest.raises(ValidationError):
        retire_programme(actor=world.supervisor, programme=programme, reason="  ")
    retire_programme(actor=world.supervisor, programme=programme, reason="Thay bằng chương trình mới")
    assert ProgrammeVersion.objects.get(pk=v1.pk).status == "retired"
    with pytest.raises(ValidationError):
        derive_version(actor=world.supervisor, source=v1)


def test_publishing_needs_a_topic(world):
    from curriculum.models import Programme
    from curriculum.services import create_programme, create_version, empty_content

    programme = create_programme(actor=world.supervisor, programme=Programme(
        code="NEW", name="Chương trình mới", category="knowledge_update", owner_province=world.province))
    draft = create_version(actor=world.supervisor, programme=programme, content=empty_content())
    with pytest.raises(ValidationError) as exc:
        publish_version(actor=world.supervisor, version=draft)
    assert "ít nhất một chuyên đề" in exc.value.messages[0]
