"""A supervisor checks an uploaded programme file against the catalogue, in a real browser."""

from __future__ import annotations

import json

import pytest

from conftest import browser_login
from curriculum.exchange.common import export_version
from curriculum.tests.conftest import make_content, make_programme

OUTLINE = ("Quan điểm của Đảng về công tác dân vận. Phong trào thi đua dân vận khéo; trách nhiệm của cấp ủy, "
           "chính quyền trong công tác dân vận.")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_supervisor_uploads_a_file_sees_an_overlap_decides_and_periods_saved_change(world, browser_page, tmp_path):
    published = make_content(topics=((3, 1, 0),), titles=["Công tác dân vận của hệ thống chính trị ở cơ sở"])
    published.topics[0]["outline"] = OUTLINE
    make_programme("DVK", owner_province=world.province, name="Dân vận khéo", content=published)
    # The file a centre sends: another programme with a topic on the same subject, in its own words.
    source = make_content(topics=((2, 1, 0), (2, 0, 0)),
                          titles=["Nghiệp vụ công tác dân vận cho cán bộ cơ sở", "Bảo vệ chủ quyền biển, đảo"])
    source.topics[0]["outline"] = ("Phong trào thi đua dân vận khéo ở thôn, xã. Nắm tình hình nhân dân; "
                                   "công tác dân vận của chính quyền cơ sở.")
    _p, template = make_programme("MAU", owner_province=world.province, content=source, publish=False)
    data = export_version(template)
    data["programme"].update(code="NVDV-2026", name="Nghiệp vụ dân vận 2026")
    for topic in data["topics"]:
        topic["lineage"] = ""
    path = tmp_path / "nghiep-vu-dan-van.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    template.programme.versions.all().delete()
    template.programme.delete()

    page = browser_page
    browser_login(page, "supervisor")
    page.goto(f"{page.base_url}/programmes/import/")
    page.set_input_files("#id_file", str(path))
    page.select_option("#id_owner", f"province:{world.province.pk}")
    page.click("form.panel button[type=submit]")
    preview = page.locator("#import-preview")
    preview.wait_for()
    assert "DVK" in preview.locator("table.overlap-pairs").inner_text()
    assert "dân vận khéo" in preview.inner_text()
    page.click("#confirm-import")
    page.wait_for_url(lambda url: "/overlaps/" in url)
    assert page.locator("#periods-saved").inner_text() == "0"
    form = page.locator("form.review-form").first
    form.locator("select[name=decision]").select_option("merge")
    form.locator("input[name=note]").fill("Gộp vào chương trình của tỉnh")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "Đã lưu" in page.locator(".messages, [role=status], body").first.inner_text()
    assert page.locator("#periods-saved").inner_text() == "3"
    assert "Gộp vào chương trình của tỉnh" in page.locator("table.overlap-pairs").inner_text()
