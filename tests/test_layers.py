"""The layers contract (pyproject.toml, [tool.importlinter]) holds, and breaks when an arrow points up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]


def lint() -> subprocess.CompletedProcess:
    return subprocess.run(LINT, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_dependencies_point_one_way():
    result = lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "TTCT layers KEPT" in result.stdout


def test_an_upward_import_breaks_the_contract():
    probe = ROOT / "core" / "layer_probe_for_test.py"
    probe.write_text("import training.models  # noqa: F401\n")
    try:
        result = lint()
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "core is not allowed to import training" in result.stdout
