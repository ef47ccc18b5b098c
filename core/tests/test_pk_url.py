"""`{% pk_url %}` writes the same link as `{% url %}` for views taking one integer id, under any script prefix."""

from django.template import engines
from django.urls import clear_script_prefix, set_script_prefix


def _render(source: str, **context) -> str:
    return engines["django"].from_string("{% load ttct %}" + source).render(context)


def test_same_link_as_the_url_tag():
    for name in ("people:person_detail", "training:class_detail", "org:centre_detail"):
        for pk in (1, 42, 987654):
            assert _render("{% pk_url name pk %}", name=name, pk=pk) == _render("{% url name pk %}", name=name, pk=pk)


def test_under_a_script_prefix():
    set_script_prefix("/ttct/")
    try:
        assert _render("{% pk_url 'people:person_detail' 7 %}") == _render("{% url 'people:person_detail' 7 %}")
        assert _render("{% pk_url 'people:person_detail' 7 %}").startswith("/ttct/")
    finally:
        clear_script_prefix()
