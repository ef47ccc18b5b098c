"""The heading lines of a centre's documents: defaulted from the host committee, recorded with dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from demo.headings import build_headings
from org.headings import heading_of
from org.models import CentreHost, DocumentHeading
from org.services import set_document_heading

pytestmark = pytest.mark.django_db


@pytest.fixture
def hosted(world):
    CentreHost.objects.create(centre=world.centre_a, committee_name="Đảng ủy xã Yên Sơn", valid_from=dt.date(2025, 7, 1))
    return world.centre_a


def test_default_comes_from_the_host_committee(hosted):
    heading = heading_of(hosted, dt.date(2026, 1, 1))
    assert (heading.parents, heading.issuing_body, heading.symbol, heading.recorded) == (
        ("ĐẢNG ỦY XÃ YÊN SƠN",), "TRUNG TÂM CHÍNH TRỊ", "TTCT", False)


def test_a_new_heading_closes_the_previous_and_keeps_it_for_older_documents(world, hosted):
    set_document_heading(actor=world.director_a, centre=hosted, superior_body="Đảng ủy xã Yên Sơn",
                         issuing_body="Trung tâm Chính trị", symbol="TTCT", valid_from=dt.date(2025, 7, 1))
    set_document_heading(actor=world.director_a, centre=hosted, superior_body="Đảng bộ xã Yên Sơn",
                         issuing_body="Trung tâm Chính trị xã Yên Sơn", symbol="TTCTYS", valid_from=dt.date(2026, 6, 1))
    assert heading_of(hosted, dt.date(2026, 1, 1)).superior_body == "ĐẢNG ỦY XÃ YÊN SƠN"
    later = heading_of(hosted, dt.date(2026, 7, 1))
    assert (later.superior_body, later.issuing_body, later.symbol) == ("ĐẢNG BỘ XÃ YÊN SƠN",
                                                                       "TRUNG TÂM CHÍNH TRỊ XÃ YÊN SƠN", "TTCTYS")
    assert DocumentHeading.objects.get(valid_from=dt.date(2025, 7, 1)).valid_to == dt.date(2026, 5, 31)
    assert AuditEvent.objects.filter(object_id=str(hosted.pk), action="update").count() == 2
    with pytest.raises(ValidationError):
        set_document_heading(actor=world.director_a, centre=hosted, superior_body="X", issuing_body="Y", symbol="Z",
                             valid_from=dt.date(2026, 1, 1))


def test_a_viewer_cannot_record_a_heading(world, hosted):
    with pytest.raises(PermissionDenied):
        set_document_heading(actor=world.viewer_a, centre=hosted, superior_body="X", issuing_body="Y", symbol="Z",
                             valid_from=dt.date(2026, 1, 1))
    assert not DocumentHeading.objects.exists()


def test_the_centre_page_shows_and_edits_the_heading(client, world, hosted):
    client.force_login(world.officer_a)
    page = client.get(reverse("org:centre_detail", args=[hosted.pk])).content.decode()
    assert "ĐẢNG ỦY XÃ YÊN SƠN" in page and reverse("org:centre_heading", args=[hosted.pk]) in page
    response = client.post(reverse("org:centre_heading", args=[hosted.pk]), {
        "superior_body": "Đảng ủy xã Yên Sơn", "issuing_body": "Trung tâm Chính trị", "symbol": "TTCT",
        "valid_from": "01/01/2026"})
    assert response.status_code == 302
    assert DocumentHeading.objects.get().superior_body == "ĐẢNG ỦY XÃ YÊN SƠN"


def test_demo_headings_follow_the_hosts_and_are_idempotent(hosted):
    assert build_headings([hosted.pk]) == 1
    assert build_headings([hosted.pk]) == 1
    assert DocumentHeading.objects.count() == 1
