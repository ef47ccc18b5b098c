"""Framework data: the default, bad input, versioning, copies, export and import."""

from __future__ import annotations

import copy
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from standards.defaults import default_framework_data
from standards.exchange import framework_workbook, read_workbook
from standards.models import Framework, Indicator, Target
from standards.services import assessments, frameworks
from standards.services.framework_data import framework_data, validate_data


def test_default_framework_shape():
    data = validate_data(default_framework_data())
    indicators = [i for g in data["groups"] for c in g["criteria"] for i in c["indicators"]]
    assert len(data["groups"]) == 6
    assert len(indicators) >= 30
    assert sum(1 for i in indicators if i["kind"] == "computed") >= 15
    assert data["provisional"] is True and "không tìm thấy" in data["notes"]


def _with(mutate):
    data = copy.deepcopy(default_framework_data())
    mutate(data)
    return data


def _first(data):
    return data["groups"][0]["criteria"][0]["indicators"][0]


@pytest.mark.parametrize("mutate, message", [
    (lambda d: _first(d).update(unit="percent", targets={"1": "120"}), "outside the unit"),
    (lambda d: d["groups"][1]["criteria"][0]["indicators"][0].update(computation="no_such_thing"),
     "no computation called"),
    (lambda d: d["levels"].append({"code": "3", "name": "Mức 3"}), "has no indicator"),
    (lambda d: _first(d).update(targets={"1": "2"}), "outside the unit"),
    (lambda d: d.update(levels=[]), "at least one level"),
])
def test_bad_framework_data_is_refused(mutate, message):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_data(_with(mutate))
    assert any(message in m for m in error.value.messages), error.value.messages


@pytest.mark.django_db
def test_bad_import_writes_nothing(world):
    bad = _with(lambda d: _first(d).update(unit="percent", targets={"1": "-5"}))
    with pytest.raises(ValidationError):
        frameworks.import_framework(actor=world.admin, data=bad)
    assert not Framework.objects.exists() and not Indicator.objects.exists()


@pytest.mark.django_db
def test_versions_supersede_without_touching_past_assessments(world):
    v1 = frameworks.install_default_framework()
    assessment = assessments.open_assessment(actor=world.director_a, centre=world.centre_a, framework=v1, year=2025)
    assert v1.is_locked
    indicator = v1.indicators.get(code="2.2.2")
    with pytest.raises(ValidationError):
        frameworks.update_indicator(actor=world.admin, indicator=indicator, text="x", guidance="", comparator="ge",
                                    targets={})
    v2 = frameworks.new_version(actor=world.admin, framework=v1)
    assert v2.number == 2 and v2.status == Framework.Status.DRAFT and not v2.is_locked
    new_indicator = v2.indicators.get(code="2.2.2")
    level1 = v2.levels.get(code="1")
    frameworks.update_indicator(actor=world.admin, indicator=new_indicator, text="Giảng viên đạt chuẩn",
                                guidance="", comparator="ge", targets={level1.pk: Decimal("80")})
    frameworks.publish_framework(actor=world.admin, framework=v2)
    v1.refresh_from_db()
    assert v1.status == Framework.Status.SUPERSEDED
    assessment.refresh_from_db()
    assert assessment.framework_id == v1.pk
    assert Target.objects.get(indicator=indicator, level__code="1").value == Decimal("75")
    assert Target.objects.get(indicator=new_indicator, level__code="1").value == Decimal("80")
    assert AuditEvent.objects.filter(object_type="standards.framework", object_id=str(v2.pk)).exists()


@pytest.mark.django_db
def test_target_edit_outside_the_unit_is_refused(world):
    v1 = frameworks.install_default_framework(publish=False)
    indicator = v1.indicators.get(code="2.2.2")
    level1 = v1.levels.get(code="1")
    with pytest.raises(ValidationError):
        frameworks.update_indicator(actor=world.admin, indicator=indicator, text="x", guidance="", comparator="ge",
                                    targets={level1.pk: Decimal("150")})
    assert Target.objects.get(indicator=indicator, level=level1).value == Decimal("75")


@pytest.mark.django_db
def test_province_copy_and_scope(world):
    national = frameworks.install_default_framework()
    copy_ = frameworks.copy_framework(actor=world.supervisor, framework=national, province=world.province,
                                      code="TQ-CHUAN", name="Bộ tiêu chí tỉnh Tuyên Quang")
    assert copy_.province == world.province and copy_.based_on == national
    assert copy_.indicators.count() == national.indicators.count()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        frameworks.copy_framework(actor=world.supervisor, framework=national, province=world.other_province,
                                  code="CB-CHUAN")
    with pytest.raises(PermissionDenied):
        frameworks.publish_framework(actor=world.supervisor, framework=national)


@pytest.mark.django_db
def test_json_and_excel_round_trip(world):
    national = frameworks.install_default_framework()
    data = framework_data(national)
    assert validate_data(json.loads(json.dumps(data))) == validate_data(default_framework_data()) | {
        "code": national.code}
    content = framework_workbook(national)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "Chỉ tiêu" in book.sheetnames
    again = read_workbook(io.BytesIO(content))
    assert validate_data(again) == validate_data(data)
    imported = frameworks.import_framework(actor=world.admin, data=again)
    assert imported.number == 2 and imported.indicators.count() == national.indicators.count()


@pytest.mark.django_db
def test_draft_properties_edit_and_lock(world):
    import datetime as dt

    v1 = frameworks.install_default_framework()
    draft = frameworks.new_version(actor=world.admin, framework=v1)
    draft.document_number, draft.issuer = "15-HD/BTGTU", "Ban Tuyên giáo Tỉnh ủy"
    draft.effective_from = dt.date(2026, 1, 1)
    frameworks.update_framework(actor=world.admin, framework=draft)
    draft.refresh_from_db()
    assert draft.issuing_document == "15-HD/BTGTU, Ban Tuyên giáo Tỉnh ủy"
    v1.name = "khác"
    with pytest.raises(ValidationError):
        frameworks.update_framework(actor=world.admin, framework=v1)
    v1.refresh_from_db()
    assert v1.name != "khác"
    draft.effective_to = dt.date(2025, 1, 1)
    with pytest.raises(ValidationError):
        frameworks.update_framework(actor=world.admin, framework=draft)
