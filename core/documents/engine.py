"""Fonts and the typst compiler shared by every PDF TTCT produces.

Party documents are set in Times New Roman. On a server we use Liberation Serif 2.x (Debian
package fonts-liberation2), which has the same metrics and covers Vietnamese; the 1.x version in
fonts-liberation lacks the Vietnamese letters (ạ, ầ, ỹ …) and typst would then patch single
glyphs from another font. So system fonts are NOT scanned: typst only sees the folders listed
here (or in settings.TTCT_FONT_DIRS) plus its own embedded fonts, and Libertinus Serif, embedded
in typst and complete for Vietnamese, is the last fallback.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence

import typst

DEFAULT_FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/msttcorefonts",  # Times New Roman, where a deployment licensed it
    "/usr/share/fonts/truetype/liberation2",  # fonts-liberation2: Liberation Serif 2.x
    "/usr/share/fonts/truetype/croscore",  # fonts-croscore: Tinos, also metric-compatible
)
# Preference order; typst takes each glyph from the first family that has it.
SERIF_FAMILIES: tuple[str, ...] = ("Times New Roman", "Liberation Serif", "Tinos", "Libertinus Serif")
EMBEDDED_SERIF = "Libertinus Serif"


def font_dirs() -> list[str]:
    """Existing font folders: settings.TTCT_FONT_DIRS when set, else the Debian defaults."""
    configured: Sequence[str] | None = None
    try:
        from django.conf import settings

        if settings.configured:
            configured = getattr(settings, "TTCT_FONT_DIRS", None)
    except ImportError:  # pragma: no cover - core is always used inside Django
        configured = None
    candidates = configured if configured is not None else DEFAULT_FONT_DIRS
    return [d for d in candidates if os.path.isdir(d)]


@functools.cache
def typst_fonts() -> typst.Fonts:
    """Scan the font folders once per process (a system-wide scan costs ~0.1 s per compile)."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=font_dirs())


@functools.cache
def serif_families() -> tuple[str, ...]:
    """The preferred serif families actually available, best first; never empty."""
    available = {name.lower() for name in typst_fonts().families()}
    found = tuple(f for f in SERIF_FAMILIES if f.lower() in available)
    return found or (EMBEDDED_SERIF,)


def main_serif_family() -> str:
    """The family most text will be set in, as reported to the lead and shown in tests."""
    return serif_families()[0]


_local = threading.local()


def _compiler() -> typst.Compiler:
    # A compiler keeps typst's caches warm between documents; it is not shared across threads.
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        compiler = typst.Compiler(font_paths=typst_fonts(), ignore_system_fonts=True)
        _local.compiler = compiler
    return compiler


def font_setup() -> str:
    """The `#set text(...)` line every TTCT typst document starts with."""
    families = ", ".join(f'"{f}"' for f in serif_families())
    # Vietnamese words are single syllables: hyphenating them would be wrong.
    return f'#set text(font: ({families},), lang: "vi", hyphenate: false)\n'


def compile_pdf(source: str) -> bytes:
    """Compile typst source (text, no files) to PDF bytes."""
    result = _compiler().compile(input=source.encode("utf-8"), format="pdf")
    assert isinstance(result, bytes)
    return result
