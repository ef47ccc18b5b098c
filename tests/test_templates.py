"""Template facts no page test would notice: a page's <title> holds text only."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = re.compile(r"{%\s*block\s+title\s*%}(.*?){%\s*endblock", re.S)


def test_no_title_block_holds_markup():
    """Markup in the title block ends up in the browser tab (and a form's CSRF token in the page's title)."""
    found = []
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        for title in TITLE.findall(path.read_text(encoding="utf-8")):
            if "<" in title or "\n" in title.strip():
                found.append(f"{path.relative_to(ROOT)}: {title[:80]!r}")
    assert not found, "\n".join(found)
