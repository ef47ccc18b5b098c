"""The Vietnamese catalogue is complete: every literal message the code and templates translate has a `vi` entry."""

from __future__ import annotations

import re
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP_PARTS = {".venv", "node_modules", "migrations", "tests", "bench", "staticfiles", "media"}

_PY = re.compile(r"""\b(?:_|gettext|gettext_lazy|ngettext|ngettext_lazy)\(\s*(?P<q>["'])(?P<msg>(?:\\.|(?!(?P=q)).)+)(?P=q)\s*[,)]""")
_TEMPLATE = re.compile(r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msg>(?:(?!(?P=q)).)+)(?P=q)""")
_TEMPLATE_UNDERSCORE = re.compile(r"""_\((?P<q>["'])(?P<msg>(?:(?!(?P=q)).)+)(?P=q)\)""")


def _sources(pattern: str):
    for path in ROOT.glob(pattern):
        if not SKIP_PARTS.intersection(path.relative_to(ROOT).parts):
            yield path


def used_messages() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in _sources("*/**/*.py"):
        for match in _PY.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match["msg"].replace("\\'", "'").replace('\\"', '"'), str(path.relative_to(ROOT)))
    for path in _sources("*/**/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for regex in (_TEMPLATE, _TEMPLATE_UNDERSCORE):
            for match in regex.finditer(text):
                found.setdefault(match["msg"], str(path.relative_to(ROOT)))
    return found


def translated_messages() -> set[str]:
    catalogues = [p for p in _sources("*/locale/vi/LC_MESSAGES/django.po")]
    catalogues.append(Path(django.__file__).parent / "conf" / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    known: set[str] = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            if entry.msgstr or any(entry.msgstr_plural.values()):
                known.add(entry.msgid)
    return known


def test_every_message_has_a_vietnamese_translation():
    known = translated_messages()
    missing = {msg: where for msg, where in used_messages().items() if msg not in known}
    listing = "\n".join(f"{where}: {msg!r}" for msg, where in sorted(missing.items(), key=lambda i: i[1]))
    assert not missing, f"{len(missing)} message(s) without a vi translation:\n{listing}"


def test_no_catalogue_defines_a_message_twice():
    """gettext keeps one of two definitions silently (msgfmt --check refuses the file), so a second
    translation added for the same message would be lost or win by accident."""
    twice = []
    for path in _sources("*/locale/*/LC_MESSAGES/django.po"):
        seen: set[tuple] = set()
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                twice.append(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
            seen.add(key)
    assert not twice, "\n".join(twice)
