"""The typst engine behind every PDF TTCT produces: fonts, and where compiles run.

Party documents are set in Times New Roman. On a server we use Liberation Serif 2.x (Debian
package fonts-liberation2), which has the same metrics and covers Vietnamese; the 1.x version in
fonts-liberation lacks the Vietnamese letters (ạ, ầ, ỹ …) and typst would then patch single
glyphs from another font. So system fonts are NOT scanned: typst only sees the folders listed
here (or in settings.TTCT_FONT_DIRS) plus its own embedded fonts, and Libertinus Serif, embedded
in typst and complete for Vietnamese, is the last fallback.
"""

from __future__ import annotations

import functools
import marshal
import os
import subprocess
import sys
import threading
from collections.abc import Sequence

import typst

# Only fonts checked for every Vietnamese letter belong here. A deployment that holds a licensed
# Times New Roman (with Vietnamese) lists its folder in settings.TTCT_FONT_DIRS.
DEFAULT_FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/truetype/liberation2",)  # fonts-liberation2
# Preference order; typst takes each glyph from the first family that has it.
SERIF_FAMILIES: tuple[str, ...] = ("Times New Roman", "Liberation Serif", "Libertinus Serif")
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


def reset_fonts() -> None:
    """Forget the scanned fonts (after settings.TTCT_FONT_DIRS changed, e.g. in tests)."""
    typst_fonts.cache_clear()
    serif_families.cache_clear()
    _local.__dict__.pop("compiler", None)


TIMES_COMPATIBLE = ("Times New Roman", "Liberation Serif")


def has_times_compatible_font() -> bool:
    """Whether documents are set in Times New Roman or its metric twin (else the embedded fallback)."""
    return main_serif_family() in TIMES_COMPATIBLE


def main_serif_family() -> str:
    """The family most text will be set in, as reported to the lead and shown in tests."""
    return serif_families()[0]


class DocumentRenderError(RuntimeError):
    """typst refused the source; the message carries typst's diagnostic."""


# typst memoises its work in a process-wide cache that the Python binding never empties
# (typst-py issue #104): every compile of new content stays in memory, measured here at about
# 0,15 MB per certificate page and 1 MB per page of a dense table. Small documents compile
# in-process (a few ms; the slow growth is absorbed by recycling workers, e.g. gunicorn's
# --max-requests); bigger sources compile in a child process that exits afterwards (about
# 40 ms more), so batches of hundreds of pages give their memory back.
ISOLATE_ABOVE_CHARS = 50_000

_local = threading.local()


def _compiler() -> typst.Compiler:
    # A compiler keeps its font book between documents; it is not shared across threads.
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


def _compile_all(compiler: typst.Compiler, sources: Sequence[bytes]) -> list[bytes]:
    pdfs = []
    for source in sources:
        try:
            result = compiler.compile(input=source, format="pdf")
        except typst.TypstError as error:
            # One error type for callers, whichever process compiled; it crosses the pipe as text.
            raise DocumentRenderError(f"{error.message}: {error.diagnostic}".strip(": ")) from None
        assert isinstance(result, bytes)
        pdfs.append(result)
    return pdfs


def _compile_in_child(sources: list[bytes], dirs: list[str]) -> list[bytes]:
    """Run this file as a script with the sources; it exits, and its memory goes with it.

    A plain interpreter running this file, not multiprocessing: multiprocessing would re-import
    the parent's main module, and this file needs neither Django nor the rest of the package.
    """
    request = marshal.dumps((dirs, sources))
    # -I: the script's folder (which holds a `typst/` template folder) stays off sys.path.
    done = subprocess.run([sys.executable, "-I", __file__], input=request, capture_output=True, check=False)
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        raise DocumentRenderError(f"the typst child process failed: {detail[0]}")
    status, payload = marshal.loads(done.stdout)
    if status != "ok":
        raise DocumentRenderError(payload)
    return payload


def compile_many(sources: Sequence[str], *, isolated: bool | None = None) -> list[bytes]:
    """Compile typst sources (text, no files) to PDFs.

    `isolated=None` decides by size (ISOLATE_ABOVE_CHARS); True forces a child process.
    """
    if isolated is None:
        isolated = sum(len(s) for s in sources) > ISOLATE_ABOVE_CHARS
    encoded = [s.encode("utf-8") for s in sources]
    if isolated:
        return _compile_in_child(encoded, font_dirs())
    return _compile_all(_compiler(), encoded)


def compile_pdf(source: str, *, isolated: bool | None = None) -> bytes:
    """Compile one typst source to PDF bytes (see compile_many)."""
    return compile_many([source], isolated=isolated)[0]


def _child_main() -> None:
    dirs, sources = marshal.loads(sys.stdin.buffer.read())
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=dirs)
    try:
        reply = ("ok", _compile_all(typst.Compiler(font_paths=fonts, ignore_system_fonts=True), sources))
    except DocumentRenderError as error:
        reply = ("error", str(error))
    sys.stdout.buffer.write(marshal.dumps(reply))


if __name__ == "__main__":
    _child_main()
