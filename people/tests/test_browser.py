"""The training officer finds a person by typing without diacritics and corrects their record."""

import pytest

from conftest import browser_login
from core.models import AuditEvent


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_searches_without_diacritics_and_edits(browser_page, world):
    page = browser_page
    browser_login(page, "officer_a")
    page.click("nav summary:has-text('Con người')")
    page.click("nav a:has-text('Người học, cán bộ')")
    page.fill("input[name=q]", "nguyen thi huong")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Nguyễn Thị Hường")
    assert page.locator("#person-rows tbody tr").count() == 1
    page.click("text=Nguyễn Thị Hường")
    page.click("a:has-text('Sửa')")
    page.fill("#id_workplace", "Ủy ban nhân dân xã Yên Sơn")
    page.fill("#id_date_of_birth", "31/02/1990")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")
    assert page.locator(".field.has-error").count() >= 1
    page.fill("#id_date_of_birth", "17/05/1990")
    with page.expect_navigation():
        page.click("button:has-text('Lưu')")
    page.wait_for_selector(".msg.success:has-text('Nguyễn Thị Hường')")
    assert page.locator("dd:has-text('Ủy ban nhân dân xã Yên Sơn')").count() == 1
    world.person_a.refresh_from_db()
    assert world.person_a.workplace == "Ủy ban nhân dân xã Yên Sơn"
    assert AuditEvent.objects.for_object(world.person_a).filter(action="update").count() == 1
