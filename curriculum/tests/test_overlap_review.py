"""Overlap review end to end: drafts and uploaded files analysed before publishing or importing, publish
confirmation, explained pairs, the matrix, periods saved, the Excel export and the rules as data."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEvent
from curriculum.exchange.common import export_version
from curriculum.exchange.jsonfile import parse
from curriculum.models import EquivalentTerm, OverlapReview, OverlapSettings, Programme, StopPhrase
from curriculum.models.overlap import detector_params
from curriculum.overlap import Doc, features
from curriculum.overlap_explain import explain_pair
from curriculum.overlap_report import file_overlaps, overlap_matrix, overlap_report, periods_saved, version_overlaps
from curriculum.services import UnreviewedOverlaps, publish_version, review_overlap
from curriculum.tests.conftest import make_content, make_programme

pytestmark = pytest.mark.django_db

DAN_VAN = ("Công tác dân vận của hệ thống chính trị ở cơ sở",
           "Quan điểm của Đảng về công tác dân vận. Phong trào thi đua dân vận khéo; trách nhiệm của cấp ủy, "
           "chính quyền trong công tác dân vận.")
DAN_VAN_2 = ("Nghiệp vụ công tác dân vận cho cán bộ cơ sở",
             "Phong trào thi đua dân vận khéo ở thôn, xã. Nắm tình hình nhân dân; công tác dân vận của chính "
             "quyền cơ sở.")
BIEN_DAO = ("Bảo vệ chủ quyền biển, đảo", "Chủ quyền của Việt Nam đối với hai quần đảo Hoàng Sa, Trường Sa.")
LICH_SU = ("Lịch sử Đảng Cộng sản Việt Nam", "Sự ra đời của Đảng năm 1930; Cách mạng Tháng Tám.")


def content(*topics, periods=((3, 1, 0), (2, 0, 0))):
    result = make_content(topics=periods[:len(topics)], titles=[t for t, _o in topics])
    for row, (_title, outline) in zip(result.topics, topics, strict=True):
        row["outline"] = outline
    return result


@pytest.fixture
def catalogue_world(world):
    published, pv = make_programme("DVK", owner_province=world.province, name="Dân vận khéo",
                                   content=content(DAN_VAN, BIEN_DAO))
    _other, ov = make_programme("LSD", owner_province=world.province, name="Lịch sử Đảng",
                                content=content(LICH_SU, BIEN_DAO, periods=((2, 0, 0), (1, 1, 0))))
    draft_programme, draft = make_programme("NVDV", owner_centre=world.centre_a, name="Nghiệp vụ dân vận",
                                            content=content(DAN_VAN_2, LICH_SU), publish=False)
    return {"published": pv, "other": ov, "draft": draft, "draft_programme": draft_programme}


def test_a_draft_is_analysed_against_the_published_catalogue_before_publishing(world, catalogue_world):
    draft = catalogue_world["draft"]
    report = version_overlaps(user=world.officer_a, version=draft)
    pairs = {(p.a.title, p.b.version.programme.code) for p in report.topic_pairs}
    assert (DAN_VAN_2[0], "DVK") in pairs
    assert (LICH_SU[0], "LSD") in pairs
    assert all(p.a.version_id == draft.pk for p in report.topic_pairs)  # the analysed topic first
    assert [p.periods_at_stake for p in report.topic_pairs] == sorted(
        (p.periods_at_stake for p in report.topic_pairs), reverse=True)


def test_drafts_are_compared_with_each_other(world, catalogue_world):
    _p, second = make_programme("NVDV2", owner_centre=world.centre_a, content=content(DAN_VAN_2), publish=False)
    report = version_overlaps(user=world.officer_a, version=second)
    assert any(p.b.version_id == catalogue_world["draft"].pk for p in report.topic_pairs)


def test_publishing_with_unreviewed_overlaps_asks_for_confirmation(client, world, catalogue_world):
    draft = catalogue_world["draft"]
    with pytest.raises(UnreviewedOverlaps) as exc:
        publish_version(actor=world.officer_a, version=draft)
    assert len(exc.value.report.unreviewed) == 2
    draft.refresh_from_db()
    assert draft.status == "draft"

    client.force_login(world.officer_a)
    url = reverse("curriculum:version_publish", args=[draft.pk])
    response = client.post(url)
    assert response.status_code == 200
    assert "publish-anyway" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert client.post(url, {"confirm_overlaps": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_reviewed_overlaps_or_a_higher_allowance_publish_without_asking(world, catalogue_world):
    draft = catalogue_world["draft"]
    OverlapSettings.objects.create(effective_from=dt.date(2025, 6, 1), publish_confirm_above=1)
    with pytest.raises(UnreviewedOverlaps):
        publish_version(actor=world.officer_a, version=draft)
    report = version_overlaps(user=world.supervisor, version=draft)
    first = report.topic_pairs[0]
    review_overlap(actor=world.supervisor, topic_a=first.a, topic_b=first.b, verdict="real", decision="keep")
    publish_version(actor=world.officer_a, version=draft)
    draft.refresh_from_db()
    assert draft.status == "published"


def _file_of(version, code, name):
    data = export_version(version)
    data["programme"].update(code=code, name=name)
    for topic in data["topics"]:
        topic["lineage"] = ""
    return json.dumps(data, ensure_ascii=False).encode()


def test_an_uploaded_file_is_analysed_before_it_is_imported(client, world, catalogue_world):
    raw = _file_of(catalogue_world["draft"], "TEPMOI", "Chương trình từ tệp")
    report = file_overlaps(user=world.supervisor, parsed=parse(raw))
    assert {p.b.version.programme.code for p in report.topic_pairs} >= {"DVK", "LSD"}
    assert not any(p.reviewable for p in report.topic_pairs)

    client.force_login(world.supervisor)
    before = Programme.objects.count()
    upload = io.BytesIO(raw)
    upload.name = "tep.json"
    response = client.post(reverse("curriculum:catalogue_import"),
                           {"file": upload, "owner": f"province:{world.province.pk}"})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert len(preview["report"].topic_pairs) == len(report.topic_pairs)
    assert Programme.objects.count() == before  # nothing written before the confirm
    response = client.post(reverse("curriculum:catalogue_import"), {"token": preview["token"]})
    assert response.status_code == 302
    imported = Programme.objects.get(code="TEPMOI").versions.get()
    assert response["Location"] == reverse("curriculum:version_overlaps", args=[imported.pk])
    client.force_login(world.officer_b)  # somebody else's upload token is a 404
    assert client.post(reverse("curriculum:catalogue_import"), {"token": preview["token"]}).status_code == 404


def test_an_explained_pair_highlights_the_shared_passages_and_keeps_the_history(world, catalogue_world):
    pair = next(p for p in version_overlaps(user=world.supervisor, version=catalogue_world["draft"]).topic_pairs
                if p.b.version.programme.code == "DVK")
    review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="real", decision="keep")
    review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="real", decision="merge",
                   note="Gộp vào chương trình tỉnh")
    x = explain_pair(user=world.supervisor, a=pair.a, b=pair.b)
    marked_a = [p.text for f in x.fields_a for p in f.passages if p.shared]
    marked_b = [p.text for f in x.fields_b for p in f.passages if p.shared]
    assert any("dân vận" in m.lower() for m in marked_a) and any("dân vận" in m.lower() for m in marked_b)
    assert "".join(p.text for p in x.fields_a[1].passages) == pair.a.outline  # the text is kept whole
    assert x.pair.phrases and len(x.pair.phrases) == len(set(x.pair.phrases))
    assert "dân vận khéo" in " | ".join(x.pair.phrases)
    assert [h.decision for h in x.history][:2] in (["gộp", "giữ nguyên"], ["merge", "keep"])
    assert x.pair.periods_at_stake == min(pair.a.total_periods, pair.b.total_periods)


def test_the_matrix_totals_equal_the_sum_of_pair_periods(world, catalogue_world):
    report = overlap_report(user=world.supervisor)
    matrix = overlap_matrix(report)
    counted = [p for p in report.topic_pairs if p.counts]
    assert counted
    assert matrix.total == sum(p.periods_at_stake for p in counted)
    assert sum(row.total for row in matrix.rows) == 2 * matrix.total
    for i, row in enumerate(matrix.rows):
        assert row.cells[i] is None
        for j, value in enumerate(row.cells):
            if value is not None:
                assert value == matrix.rows[j].cells[i]
                codes = {row.programme.code, matrix.programmes[j].code}
                assert value == sum(p.periods_at_stake for p in counted
                                    if {p.a.version.programme.code, p.b.version.programme.code} == codes)
    # A pair reviewed as not an overlap leaves the matrix.
    first = counted[0]
    review_overlap(actor=world.supervisor, topic_a=first.a, topic_b=first.b, verdict="not_overlap")
    assert overlap_matrix(overlap_report(user=world.supervisor)).total == matrix.total - first.periods_at_stake


def test_decisions_feed_the_periods_saved_of_each_version(world, catalogue_world):
    draft, published = catalogue_world["draft"], catalogue_world["published"]
    pair = next(p for p in version_overlaps(user=world.supervisor, version=draft).topic_pairs
                if p.b.version_id == published.pk)
    assert periods_saved([draft, published]) == {draft.pk: 0, published.pk: 0}
    review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="real", decision="merge",
                   saved_topic=pair.a)
    assert periods_saved([draft, published]) == {draft.pk: pair.a.total_periods, published.pk: 0}
    review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="real", decision="shorten",
                   periods_saved=1, saved_topic=pair.b)
    assert periods_saved([draft, published]) == {draft.pk: 0, published.pk: 1}
    with pytest.raises(ValidationError):
        review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="real", decision="shorten",
                       periods_saved=pair.b.total_periods + 1, saved_topic=pair.b)
    with pytest.raises(ValidationError):
        review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="real", decision="keep",
                       periods_saved=2)
    review_overlap(actor=world.supervisor, topic_a=pair.a, topic_b=pair.b, verdict="not_overlap")
    assert periods_saved([draft, published]) == {draft.pk: 0, published.pk: 0}
    assert AuditEvent.objects.filter(object_type__icontains="overlapreview").count() == 3


def test_the_review_is_exported_to_excel(client, world, catalogue_world):
    report = overlap_report(user=world.supervisor)
    first = report.topic_pairs[0]
    review_overlap(actor=world.supervisor, topic_a=first.a, topic_b=first.b, verdict="real", decision="merge",
                   note="Gộp")
    client.force_login(world.supervisor)
    response = client.get(reverse("curriculum:overlap_export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + len(report.topic_pairs)
    assert rows[0][0] == "Chương trình"
    assert any(r[10] == "gộp" and r[12] == "Gộp" for r in rows[1:])
    matrix_rows = list(book.worksheets[1].iter_rows(values_only=True))
    assert matrix_rows[-1][-1] == overlap_matrix(overlap_report(user=world.supervisor)).total


def test_stop_phrases_are_data_the_administrator_edits(client, world):
    assert StopPhrase.objects.filter(phrase="nội dung cơ bản").exists() is False
    assert StopPhrase.objects.filter(phrase="nội dung", active=True).exists()  # seeded
    doc = Doc(1, 1, "Những nội dung cơ bản của Cương lĩnh")
    assert "co ban" not in features(doc, detector_params())
    client.force_login(world.supervisor)
    data = {"action": "add", "phrase-phrase": "Cương lĩnh", "phrase-note": "thử"}
    assert client.post(reverse("curriculum:overlap_rules"), data).status_code == 403
    client.force_login(world.admin)
    assert client.post(reverse("curriculum:overlap_rules"), data).status_code == 302
    assert "cuong linh" not in features(doc, detector_params())
    stop = StopPhrase.objects.get(phrase="cương lĩnh")
    client.post(reverse("curriculum:overlap_rules"), {"action": "disable", "stop": stop.pk})
    assert "cuong linh" in features(doc, detector_params())
    response = client.post(reverse("curriculum:overlap_rules"), {
        "action": "settings", "settings-effective_from": "01/01/2026", "settings-threshold": "0.4",
        "settings-title_weight": "2", "settings-keyword_weight": "1", "settings-publish_confirm_above": "3"})
    assert response.status_code == 302
    assert detector_params(on=dt.date(2026, 2, 1)).threshold == 0.4
    assert detector_params(on=dt.date(2025, 2, 1)).threshold == 0.145  # the seeded row


def test_equivalent_terms_are_data_the_administrator_edits(client, world):
    assert EquivalentTerm.objects.filter(term="tôn giáo", active=True).exists()  # seeded
    a, b = Doc(1, 1, "Công tác xây dựng Đảng vùng biên"), Doc(2, 2, "Công tác xây dựng Đảng khu vực biên giới")
    assert not {"=vung_bien"} & set(features(a, detector_params()))
    client.force_login(world.supervisor)
    data = {"action": "add_term", "term-term": "Vùng biên", "term-equivalents": "khu vực biên giới; biên giới;",
            "term-note": "thử"}
    assert client.post(reverse("curriculum:overlap_rules"), data).status_code == 403
    client.force_login(world.admin)
    assert client.post(reverse("curriculum:overlap_rules"), data).status_code == 302
    item = EquivalentTerm.objects.get(term="vùng biên")
    assert item.equivalent_list == ["khu vực biên giới", "biên giới"]
    assert AuditEvent.objects.for_object(item).count() == 1
    params = detector_params()
    assert "=vung_bien" in features(a, params) and "=vung_bien" in features(b, params)
    response = client.post(reverse("curriculum:overlap_rules"), {**data, "term-equivalents": " ; "})
    assert response.status_code == 200 and not EquivalentTerm.objects.filter(term="vùng biên", note="").exists()
    client.post(reverse("curriculum:overlap_rules"), {"action": "disable_term", "term": item.pk})
    assert "=vung_bien" not in features(a, detector_params())
    assert "khu vực biên giới" in client.get(reverse("curriculum:overlap_rules")).content.decode()
    client.post(reverse("curriculum:overlap_rules"), {"action": "delete_term", "term": item.pk})
    assert not EquivalentTerm.objects.filter(pk=item.pk).exists()


def test_overlap_pages_query_counts_do_not_grow(client, world, catalogue_world):
    client.force_login(world.supervisor)
    urls = [reverse("curriculum:overlap_report"), reverse("curriculum:overlap_matrix"),
            reverse("curriculum:version_overlaps", args=[catalogue_world["draft"].pk])]
    def counts():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            out.append(len(ctx))
        return out

    few = counts()
    for i in range(6):
        make_programme(f"THEM{i}", owner_province=world.province, content=content(DAN_VAN, LICH_SU))
    assert OverlapReview.objects.count() == 0
    assert counts() == few
