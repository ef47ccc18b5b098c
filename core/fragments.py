"""Template fragments rendered once per language, with the few values that change per request filled in after.

The frame every page shares (its assets, top bar and footer) is the same for every request in one language
except for a handful of values: the CSRF token, the page's address, the user's name, the menu. Rendering it
through the template engine on every request was a third of the lightest page's time. A `Fragment` renders
its template once per (language, script prefix, flags) with a stand-in for each value, splits the output at
the stand-ins, and on each request joins the pieces with the real values escaped.

A slot must be printed as it is (`{{ slot }}`, or `{% csrf_token %}` for the token); a filter applied to a
slot would transform the stand-in, not the value. Anything that changes the markup itself is a flag.
"""

from __future__ import annotations

import re
from html import escape

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language


def _stand_in(slot: str) -> str:
    # Letters only: escaping leaves it alone wherever the template prints it.
    return f"ttctslot{slot.replace('_', 'x')}ttctslot"


class Fragment:
    def __init__(self, template_name: str, slots: tuple[str, ...]):
        self.template_name = template_name
        self.slots = slots
        self._by_stand_in = {_stand_in(slot): slot for slot in slots}
        self._splitter = re.compile("(" + "|".join(map(re.escape, self._by_stand_in)) + ")") if slots else None
        self._pieces: dict[tuple, tuple[tuple[str, bool], ...]] = {}

    def _split(self, flags: dict) -> tuple[tuple[str, bool], ...]:
        """The rendered template as (text, is_slot) pieces: literal markup, or the name of a slot."""
        stand_ins = {slot: _stand_in(slot) for slot in self.slots}
        html = render_to_string(self.template_name, {**flags, **stand_ins})
        if self._splitter is None:
            return ((html, False),)
        return tuple(
            (self._by_stand_in[part], True) if part in self._by_stand_in else (part, False)
            for part in self._splitter.split(html) if part
        )

    def render(self, flags: dict, values: dict) -> SafeString:
        """The fragment for this request: `values` holds one value per slot, escaped unless marked safe."""
        key = (get_language(), get_script_prefix(), tuple(sorted(flags.items())))
        pieces = None if settings.DEBUG else self._pieces.get(key)  # templates edited in development show
        if pieces is None:
            pieces = self._split(flags)
            if not settings.DEBUG:
                self._pieces[key] = pieces
        out = []
        for text, is_slot in pieces:
            if is_slot:
                value = values[text]
                out.append(value if isinstance(value, SafeData) else escape(str(value)))
            else:
                out.append(text)
        return mark_safe("".join(out))  # noqa: S308 - the template's own output, and slot values escaped above
