"""The HTML of forms written in Python: the fields block every form page shows and Django's common widgets.

Rendering a form through the template engine costs more than anything else on a light page: the password form
spent about 1,4 ms of its 3,7 ms in `core/_form.html` and the widget templates it includes (a variable lookup
per attribute, an include per widget and per option). The markup here is the same markup, built by string
joins; `core.tests.test_forms_html` renders every widget kind both ways and asserts they are identical.
"""

from __future__ import annotations

from html import escape  # what django.utils.html.escape applies, without its lazy-text wrapper
from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise, cached_property
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime

_DJANGO_WIDGETS = "django/forms/widgets/"
# Django's templates that are nothing but `{% include "django/forms/widgets/input.html" %}`.
_INPUTS = frozenset(
    _DJANGO_WIDGETS + f"{name}.html"
    for name in ("input", "text", "password", "email", "number", "url", "hidden", "search", "tel", "color",
                 "date", "datetime", "time", "checkbox", "file")
)
_SELECT, _OPTION, _TEXTAREA = (_DJANGO_WIDGETS + f"{name}.html" for name in ("select", "select_option", "textarea"))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless it was marked safe."""
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(value))


def _printed(value) -> str:
    """`{{ value }}`: localized as the template engine prints a variable, then escaped unless safe."""
    if not isinstance(value, str):  # text, by far the most common, needs neither localizing nor converting
        if isinstance(value, Promise):
            value = str(value)  # lazy text (most labels): neither a date nor a number, nothing to localize
        else:
            value = localize(template_localtime(value))
            if not isinstance(value, str):
                value = str(value)
    return value if isinstance(value, SafeData) else escape(value)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: `True` prints the bare name, `False` leaves the attribute out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{_formatted(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return f'<input type="{_printed(widget["type"])}" name="{_printed(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


def _option(option: dict) -> str:
    return f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>{_printed(option["label"])}</option>'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_printed(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_printed(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION:
                return None  # a widget with options of its own kind: left to its templates
            parts.append("\n  " + _option(option) + "\n")  # Django's option template ends in a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return f'<textarea name="{_printed(widget["name"])}"{_attrs(widget["attrs"])}>\n{_printed(value) if value else ""}</textarea>'


class FormRenderer(DjangoTemplates):
    """Django's form renderer, with the input, select and textarea widgets written here.

    Any other template (radio buttons, file inputs with a clear box, templates an app overrides) is rendered
    by the template engine as before.
    """

    @cached_property
    def _own(self) -> dict:
        """The widgets written here whose templates are still Django's own: an app that overrides one of them
        (an `APP_DIRS` template of the same name) gets its template."""
        django_dir = str(Path(django.forms.__file__).parent / "templates")
        writers = {**dict.fromkeys(_INPUTS, _input), _SELECT: _select, _TEXTAREA: _textarea}
        return {
            name: writer for name, writer in writers.items()
            if str(self.engine.get_template(name).origin.name).startswith(django_dir)
        }

    def render(self, template_name, context, request=None):
        writer = self._own.get(template_name)
        if writer is not None and "widget" in context:
            html = writer(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)


_REQUIRED = ' <span class="req" aria-hidden="true">*</span>'


def _field(field) -> str:
    errors = field.errors
    classes = "field"
    if errors:
        classes += " has-error"
    if getattr(field.field.widget, "input_type", None) == "checkbox":
        classes += " check"
    help_text = _printed(field.help_text)  # lazy help texts (the password rules) are worked out once
    return "".join((
        f'\n  <div class="{classes}">\n',
        f'    <label for="{_printed(field.id_for_label)}">{_printed(field.label)}',
        _REQUIRED if field.field.required else "",
        f"</label>\n    {field}\n    ",
        f'<small class="help">{help_text}</small>' if help_text else "",
        "\n    ",
        "".join(f'<p class="error" role="alert">{_printed(e)}</p>' for e in errors),
        "\n  </div>\n",
    ))


def form_fields(form) -> SafeString:
    """A form's errors, hidden fields and visible fields as the pages show them (`core/_form.html`)."""
    non_field = form.non_field_errors()
    head = (
        '<div class="errors" role="alert">' + "".join(f"<p>{_printed(e)}</p>" for e in non_field) + "</div>"
        if non_field else ""
    )
    hidden = "".join(str(field) for field in form.hidden_fields())
    fields = "".join(_field(field) for field in form.visible_fields())
    return mark_safe(f'\n{head}\n{hidden}\n<div class="form-grid">\n{fields}\n</div>\n')  # noqa: S308 - parts escaped above
