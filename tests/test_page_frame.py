"""The page frame kept per language (ttct.chrome, core.fragments) is the markup base.html rendered inline,
with each request's own token, address, name and menu."""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils.safestring import mark_safe
from django.utils.translation import override

from core.fragments import Fragment

pytestmark = pytest.mark.django_db

# The top bar as base.html rendered it before it was kept per language.
INLINE_HEADER = Template("""{% load i18n %}{% get_current_language as LANGUAGE_CODE %}<a class="skip" href="#main">{% translate "Skip to content" %}</a>
<header class="topbar">
  <a class="brand" href="{% url 'home' %}">TTCT</a>
  {% if user.is_authenticated %}
  {{ mainnav }}
  {% endif %}
  <div class="userbox">
    <form action="{% url 'set_language' %}" method="post" class="lang">{% csrf_token %}
      <input name="next" type="hidden" value="{{ request.get_full_path }}">
      <select name="language" aria-label="{% translate 'Language' %}" data-autosubmit>
        {% get_available_languages as LANGUAGES %}{% get_language_info_list for LANGUAGES as languages %}
        {% for language in languages %}<option value="{{ language.code }}" lang="{{ language.code }}"{% if language.code == LANGUAGE_CODE %} selected{% endif %}>{{ language.name_local }}</option>{% endfor %}
      </select>
    </form>
    {% if user.is_authenticated %}
      <a class="who" href="{% url 'accounts:password_change' %}" title="{% translate 'Change password' %}">{{ user.display_name }}</a>
      <form method="post" action="{% url 'accounts:logout' %}">{% csrf_token %}<button class="link" type="submit">{% translate "Log out" %}</button></form>
    {% endif %}
  </div>
</header>""")


def _header(page: str) -> str:
    return page[page.index('<a class="skip"'):page.index("</header>") + len("</header>")]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("login", [None, "officer_a"])
def test_the_kept_header_is_the_inline_header_for_each_language_and_login(client, world, language, login):
    if login:
        world.officer_a.last_name, world.officer_a.first_name = 'Lê "Bé" <Tí>', "&"
        world.officer_a.save()
        client.force_login(world.officer_a)
    url = "/accounts/password/?next=%22%3E%3Cscript%3E" if login else "/accounts/login/?a=%22b%22"
    client.cookies["django_language"] = language
    for _ in range(2):  # the first request renders the fragment, the second takes the kept one
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        request = response.wsgi_request
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        with override(language):
            expected = INLINE_HEADER.render(Context({
                "user": request.user, "request": request, "csrf_token": token,
                "mainnav": response.context["mainnav"],
            }))
        assert _header(page) == expected
    assert f'<html lang="{language}">' in page
    assert "<script>" not in _header(page) and "<Tí>" not in page


def test_a_slot_value_is_escaped_unless_marked_safe(settings):
    settings.DEBUG = False
    fragment = Fragment("_page_header.html", slots=("csrf_token", "next_path", "display_name", "mainnav"))
    values = {"csrf_token": "t", "next_path": '/"x"', "display_name": "<b>", "mainnav": mark_safe("<nav></nav>")}
    with override("vi"):
        html = fragment.render({"authenticated": True}, values)
    assert 'value="/&quot;x&quot;"' in html and "&lt;b&gt;" in html and "<nav></nav>" in html
    assert "ttctslot" not in html


def test_fragments_are_kept_per_language_and_rendered_afresh_in_development():
    fragment = Fragment("_page_footer.html", slots=())
    with override_settings(DEBUG=False):
        with override("vi"):
            vi = fragment.render({}, {})
        with override("en"):
            en = fragment.render({}, {})
        assert vi != en and "Verify a certificate" in en
        assert len(fragment._pieces) == 2
    with override_settings(DEBUG=True), override("vi"):
        assert fragment.render({}, {}) == vi
        assert len(fragment._pieces) == 2  # nothing new kept while developing
