"""Refusals and missing pages answer in Vietnamese, in the site's layout, with a way back."""

from __future__ import annotations

import unicodedata

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_mode(settings):
    settings.DEBUG = False  # debug mode shows Django's own technical pages instead


def test_not_found_is_a_vietnamese_page_with_a_way_back(client, world):
    client.force_login(world.officer_b)
    response = client.get(reverse("people:person_detail", args=[world.person_a.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and 'href="/"' in page
    assert "mainnav" in page  # the site's layout, with its menu


def test_refusal_is_a_vietnamese_page(client, world):
    client.force_login(world.lecturer_a)
    response = client.get(reverse("people:person_list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Trang này không thuộc phần việc của bạn" in page and "Forbidden" not in page


def test_server_error_page_needs_no_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.content.decode()


def test_language_menu_names_each_language_in_itself(client, world):
    client.force_login(world.officer_a)
    page = client.get("/").content.decode()
    menu = unicodedata.normalize("NFC", page[page.index('<select name="language"'):page.index("</select>")])
    assert ">English<" in menu and ">Tiếng Việt<" in menu and "Tiếng Anh" not in menu


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200
