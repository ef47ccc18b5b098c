"""A programme version as a JSON file."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from curriculum.exchange.common import (
    BAND_KEYS,
    COMPONENT_KEYS,
    FORMAT,
    OPTIONAL_KEYS,
    PREREQUISITE_KEYS,
    PROGRAMME_KEYS,
    TOPIC_KEYS,
    VERSION_KEYS,
    ParsedVersion,
    build_parsed,
    export_version,
)

SECTIONS = {
    "topics": (TOPIC_KEYS, lambda n: _("Topics, item %(n)s") % {"n": n}),
    "assessment_components": (COMPONENT_KEYS, lambda n: _("Assessment components, item %(n)s") % {"n": n}),
    "grade_bands": (BAND_KEYS, lambda n: _("Classification bands, item %(n)s") % {"n": n}),
    "prerequisites": (PREREQUISITE_KEYS, lambda n: _("Prerequisites, item %(n)s") % {"n": n}),
}


def dumps(version) -> str:
    return json.dumps(export_version(version), ensure_ascii=False, indent=2)


def _keys_error(where: str, found, expected) -> str | None:
    missing = [k for k in expected if k not in found and k not in OPTIONAL_KEYS]
    unknown = [k for k in found if k not in expected]
    if not missing and not unknown:
        return None
    return _("%(where)s: wrong fields; missing: %(missing)s; unknown: %(unknown)s.") % {
        "where": where, "missing": ", ".join(missing) or "—", "unknown": ", ".join(unknown) or "—"}


def parse(raw: bytes | str) -> ParsedVersion | list[str]:
    """A ParsedVersion, or the list of errors when the file is not a valid export."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return [_("The file is not valid JSON: %(e)s") % {"e": exc}]
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [_("The file is not a TTCT programme version export (field “format”).")]
    errors: list[str] = []
    programme = data.get("programme") if isinstance(data.get("programme"), dict) else {}
    version = data.get("version") if isinstance(data.get("version"), dict) else {}
    for where, found, expected in ((_("Programme"), programme, PROGRAMME_KEYS), (_("Version"), version, VERSION_KEYS)):
        problem = _keys_error(where, found, expected)
        if problem:
            errors.append(problem)
    rows = {}
    for section, (keys, label) in SECTIONS.items():
        items = data.get(section, [])
        if not isinstance(items, list):
            errors.append(_("%(section)s: a list is expected.") % {"section": section})
            items = []
        rows[section] = []
        for n, item in enumerate(items, start=1):
            where = label(n)
            problem = _keys_error(where, item if isinstance(item, dict) else {}, keys)
            if problem:
                errors.append(problem)
                continue
            rows[section].append((where, item))
    parsed = build_parsed(programme, version, rows["topics"], rows["assessment_components"], rows["grade_bands"],
                          rows["prerequisites"], errors, {"programme": _("Programme"), "version": _("Version")})
    parsed.programme["number"] = version.get("number")
    return parsed
