"""Putting untrusted text into typst source.

A learner called "Nguyễn *Văn* #An" or a class named "[K12] <A>" must print exactly as typed and
must never be able to run typst code. Two ways in: `markup()` for text placed in markup, and
`string()` for a string literal in code (`#certificate(name: "…")`), which typst prints literally
when it is placed into content.
"""

from __future__ import annotations

import re
import string as _string
import unicodedata
from collections.abc import Iterable

# Every ASCII punctuation mark is escaped: typst treats a backslash before any of them as the
# literal character, and many have a meaning somewhere (# code, * strong, _ emph, $ math, [ ]
# content, < > labels, @ references, ` raw, ~ nbsp, \ escapes and \u{…}, // and /* comments,
# "--" and "..." ligatures, ' " smart quotes, "- " "+ " "= " "/ " at a line start, URLs that
# turn into links). Escaping only the known ones would break on the next typst release.
_ESCAPED = {ord(ch): "\\" + ch for ch in _string.punctuation}
_WHITESPACE = {ord(ch): " " for ch in "\t\n\r\v\f\u2028\u2029"}


def clean(text: object) -> str:
    """The text as typst will print it: NFC, line breaks as spaces, no control characters."""
    value = unicodedata.normalize("NFC", "" if text is None else str(text))
    value = value.translate(_WHITESPACE)
    if value.isprintable():  # the usual case, checked in C
        return value
    # Other control and format characters would be dropped or rejected by the typst parser;
    # separators other than the space (e.g. no-break space) are kept.
    return "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")


def markup(text: object) -> str:
    """Text that renders literally inside typst markup; line breaks become spaces.

    Runs of spaces are kept as typed (typst collapses them on the page anyway).
    """
    return clean(text).translate(_ESCAPED)


def string(text: object) -> str:
    """A typst string literal (quotes included) holding `text` literally."""
    value = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"'


def array(sources: Iterable[str]) -> str:
    """A typst array of already-built typst expressions; the trailing comma keeps `(x,)` an array."""
    return "(" + "".join(item + ", " for item in sources) + ")"


def strings(values: Iterable[object]) -> str:
    """A typst array of string literals."""
    return array(string(v) for v in values)


# A word holding a hyphen or a slash next to a digit or a capital: a document number ("12-QĐ/TTCT"),
# a class code ("QPAN-ĐT4-2026-01") or a date. Typst may break a line after "-" or "/", which would
# split it across lines; such words are set in a box, which never breaks.
CODE_PATTERN = re.compile(r"\S*(?:[\dA-ZĐ][-/]|[-/][\dA-ZĐ])\S*")


def markup_nobreak(text: object) -> str:
    """Like `markup()`, but document numbers and codes never break across lines."""
    value = clean(text)
    out, last = [], 0
    for match in CODE_PATTERN.finditer(value):
        out.append(value[last:match.start()].translate(_ESCAPED))
        out.append("#box[" + match.group().translate(_ESCAPED) + "]")
        last = match.end()
    out.append(value[last:].translate(_ESCAPED))
    return "".join(out)
