"""Comparing two versions in a real browser."""

from __future__ import annotations

import pytest

from conftest import browser_login
from curriculum.services import derive_version, save_version
from curriculum.tests.conftest import make_content, make_programme


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_compare_two_versions(world, browser_page):
    programme, v1 = make_programme("SS", owner_centre=world.centre_a, name="Chương trình so sánh")
    v2 = derive_version(actor=world.director_a, source=v1)
    content = make_content(topics=((6, 1, 0), (2, 2, 0)), titles=["Chuyên đề số 1", "Chuyên đề bổ sung"])
    content.topics[0]["id"] = v2.topics.first().pk
    save_version(actor=world.director_a, version=v2, content=content)

    page = browser_page
    browser_login(page, "officer_a")
    page.goto(f"{page.base_url}/programmes/versions/{v2.pk}/")
    page.select_option("#compare-a", str(v1.pk))
    page.click("#compare-form button[type=submit]")
    page.wait_for_url(lambda url: "/programmes/compare/" in url)
    assert page.locator("tr[data-status=added]").count() == 1
    assert page.locator("tr[data-status=removed]").count() == 1
    assert page.locator("tr[data-status=changed]").count() == 1
    assert "Chuyên đề bổ sung" in page.locator("tr[data-status=added]").inner_text()
    assert "(+2)" in page.locator("tr[data-status=changed]").inner_text()
    assert "1 chuyên đề thêm, 1 bỏ, 1 thay đổi" in page.locator("#compare-summary").inner_text()
