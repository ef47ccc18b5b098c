"""Rules validation: each bad input is refused with a message naming the field or row, nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from curriculum.models import Programme, ProgrammeVersion
from curriculum.services import create_version, save_version
from curriculum.tests.conftest import make_content, make_programme

pytestmark = pytest.mark.django_db


def _errors(exc) -> str:
    return " | ".join(exc.value.messages)


def test_valid_content_is_saved_with_rules(world):
    programme, version = make_programme("P1", owner_province=world.province)
    assert version.status == "published"
    assert version.total_periods == 9
    assert [b.classification for b in version.bands.all()] == ["excellent", "very_good", "good", "average", "fail"]
    assert version.components.get().weight == 100


def test_periods_must_add_up_to_the_stated_total(world):
    programme, _v = make_programme("P1", owner_province=world.province)
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=programme, content=make_content(total=12))
    assert "Tổng số tiết" in _errors(exc) and "12" in _errors(exc) and "9" in _errors(exc)
    assert programme.versions.count() == 1


def test_overlapping_bands_are_refused(world):
    programme, _v = make_programme("P1", owner_province=world.province)
    bands = [("excellent", "9.0", "10.0", True), ("very_good", "7.5", "9.0", True), ("good", "7.0", "8.0", True),
             ("average", "5.0", "7.0", True), ("fail", "0.0", "5.0", False)]
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=programme, content=make_content(bands=bands))
    assert "Khoảng xếp loại" in _errors(exc) and "giỏi (7,5–9,0)" in _errors(exc)
    assert programme.versions.count() == 1


def test_bands_must_cover_the_scale(world):
    programme, _v = make_programme("P1", owner_province=world.province)
    bands = [("excellent", "9.0", "10.0", True), ("average", "5.0", "8.0", True), ("fail", "0.0", "5.0", False)]
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=programme, content=make_content(bands=bands))
    assert "8,0" in _errors(exc) and "9,0" in _errors(exc)


def test_weights_must_total_100(world):
    programme, _v = make_programme("P1", owner_province=world.province)
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=programme, content=make_content(weights=(40, 50)))
    assert "trọng số" in _errors(exc).lower() and "90" in _errors(exc)


def test_prerequisite_cycle_is_refused(world):
    a, _va = make_programme("A", owner_province=world.province)
    b, _vb = make_programme("B", owner_province=world.province,
                            content=make_content(prerequisites=[{"kind": "programme_completed",
                                                                 "required_programme": a}]))
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=a,
                       content=make_content(prerequisites=[{"kind": "programme_completed", "required_programme": b}]))
    assert "vòng" in _errors(exc) and "A → B → A" in _errors(exc)
    assert a.versions.count() == 1


def test_a_programme_cannot_require_itself(world):
    a, _va = make_programme("A", owner_province=world.province)
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=a,
                       content=make_content(prerequisites=[{"kind": "programme_completed", "required_programme": a}]))
    assert "Điều kiện tiên quyết 1" in _errors(exc)


def test_admission_window_needs_months(world):
    a, _va = make_programme("A", owner_province=world.province)
    content = make_content(prerequisites=[{"kind": "party_admission_window", "within_months": None}])
    with pytest.raises(ValidationError) as exc:
        create_version(actor=world.supervisor, programme=a, content=content)
    assert "tháng" in _errors(exc)


def test_topic_row_is_named(world):
    a, _va = make_programme("A", owner_province=world.province, publish=False)
    draft = a.versions.get()
    content = make_content(titles=["Bài một", ""])
    with pytest.raises(ValidationError) as exc:
        save_version(actor=world.supervisor, version=draft, content=content)
    assert "Chuyên đề 2" in _errors(exc)
    assert ProgrammeVersion.objects.get(pk=draft.pk).topics.first().title == "Chuyên đề số 1"


def test_centre_staff_cannot_edit_the_national_catalogue(world, catalogue):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_version(actor=world.officer_a, programme=catalogue["DVM"], content=make_content())
    with pytest.raises(PermissionDenied):
        create_version(actor=world.supervisor, programme=catalogue["DVM"], content=make_content())
    assert Programme.objects.get(code="DVM").versions.count() == 1
