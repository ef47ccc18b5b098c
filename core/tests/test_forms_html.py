"""The forms' HTML written in Python (core.forms_html) is the markup the templates gave, byte for byte."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from core.forms import DateInput
from core.forms_html import FormRenderer, form_fields

TEMPLATES, PYTHON = DjangoTemplates(), FormRenderer()

CHOICES = [("", "---------"), (1, "Một & hai"), ("x", gettext_lazy("Reason")), (2026, 2026),
           ("Nhóm <b>", [("a", "Chữ \"a\""), ("b", mark_safe("<i>b</i>"))])]

WIDGETS = [
    (forms.TextInput(), None),
    (forms.TextInput(attrs={"placeholder": 'Tên "đầy đủ" <và> họ', "required": True, "disabled": False}), "Lê & Lý"),
    (forms.TextInput(), mark_safe("<b>an toàn</b>")),
    (forms.TextInput(attrs={"data-n": 3}), 12),
    (forms.NumberInput(attrs={"step": "0.01", "min": 0}), Decimal("7.50")),
    (forms.NumberInput(), 2.5),
    (forms.PasswordInput(render_value=True), "bí mật"),
    (forms.EmailInput(attrs={"autocomplete": "email"}), "a@b.vn"),
    (forms.URLInput(), "https://ttct.vn/?a=1&b=2"),
    (forms.HiddenInput(), "7"),
    (forms.SearchInput(), "nguyen van"),
    (forms.TelInput(), "0912"),
    (forms.ColorInput(), "#ff0000"),
    (forms.DateInput(), dt.date(2026, 12, 3)),
    (DateInput(), dt.date(2026, 12, 3)),
    (forms.DateTimeInput(), dt.datetime(2026, 12, 3, 8, 5)),
    (forms.TimeInput(), dt.time(7, 30)),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.CheckboxInput(attrs={"class": "big"}), ""),
    (forms.FileInput(), None),
    (forms.Textarea(), None),
    (forms.Textarea(attrs={"rows": 2}), ""),
    (forms.Textarea(), "Dòng một\n<dòng> & \"hai\""),
    (forms.Textarea(), 0),
    (forms.Select(choices=CHOICES), 1),
    (forms.Select(choices=CHOICES, attrs={"data-autosubmit": True}), "b"),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=[]), None),
    (forms.SelectMultiple(choices=CHOICES), ["x", "a"]),
    (forms.NullBooleanSelect(), None),
    (forms.NullBooleanSelect(), True),
    # Left to their templates: both renderers give the templates' markup.
    (forms.RadioSelect(choices=CHOICES[1:3]), "x"),
    (forms.CheckboxSelectMultiple(choices=CHOICES[1:3]), ["x"]),
    (forms.ClearableFileInput(), None),
    (forms.SplitDateTimeWidget(), dt.datetime(2026, 12, 3, 8, 5)),
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("widget", "value"), WIDGETS, ids=lambda x: type(x).__name__ if isinstance(x, forms.Widget) else None)
def test_every_widget_is_rendered_as_its_template_renders_it(widget, value, language):
    with override(language):
        expected = widget.render("ten", value, attrs={"id": "id_ten"}, renderer=TEMPLATES)
        written = widget.render("ten", value, attrs={"id": "id_ten"}, renderer=PYTHON)
    assert written == expected
    assert "<" in written  # not empty by accident


# The fields block as core/_form.html gave it before it was written in Python.
FORM_TEMPLATE = Template("""{% load i18n %}
{% if form.non_field_errors %}<div class="errors" role="alert">{% for e in form.non_field_errors %}<p>{{ e }}</p>{% endfor %}</div>{% endif %}
{% for hidden in form.hidden_fields %}{{ hidden }}{% endfor %}
<div class="form-grid">
{% for field in form.visible_fields %}
  <div class="field{% if field.errors %} has-error{% endif %}{% if field.field.widget.input_type == 'checkbox' %} check{% endif %}">
    <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} <span class="req" aria-hidden="true">*</span>{% endif %}</label>
    {{ field }}
    {% if field.help_text %}<small class="help">{{ field.help_text }}</small>{% endif %}
    {% for e in field.errors %}<p class="error" role="alert">{{ e }}</p>{% endfor %}
  </div>
{% endfor %}
</div>
""")


class SampleForm(forms.Form):
    name = forms.CharField(label="Họ & tên", max_length=20, help_text="Như trong <căn cước>")
    note = forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.Textarea)
    count = forms.IntegerField(label="Số", min_value=1, help_text=mark_safe("<b>ít nhất</b> 1"))
    agreed = forms.BooleanField(label="Đồng ý", required=False)
    kind = forms.ChoiceField(label="Loại", choices=CHOICES[:3])
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        if self.cleaned_data.get("count") == 2:
            raise forms.ValidationError("Không được là 2 <hai>.")
        return self.cleaned_data


@pytest.mark.parametrize("data", [
    None,
    {"name": "Lê & Lý", "count": "0", "kind": "x", "secret": "s<1>"},
    {"name": "x" * 30, "count": "2", "agreed": "on", "kind": "zz"},
    {"name": "Lê", "count": "2", "kind": "1"},
], ids=["unbound", "field-errors", "many-errors", "form-error"])
def test_the_fields_block_is_the_markup_of_the_template_it_replaced(data):
    with override("vi"):
        form = SampleForm(data=data)
        assert form_fields(form) == FORM_TEMPLATE.render(Context({"form": form}))


@pytest.mark.parametrize(("widget", "value"), [w for w in WIDGETS if not isinstance(
    w[0], (forms.RadioSelect, forms.ClearableFileInput, forms.SplitDateTimeWidget))])
def test_the_common_widgets_do_not_go_through_the_template_engine(widget, value, monkeypatch):
    def refuse(self, template_name, context, request=None):
        raise AssertionError(f"{template_name} went through the template engine")

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    assert widget.render("ten", value, renderer=PYTHON).startswith("<")
