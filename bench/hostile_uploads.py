"""Hostile workbooks against the nomination reader: peak memory and time to refuse each one.

Targets (issue): peak memory below 300 MB and refusal within 2 s for every workbook. Each file is
built first (not timed), then read in a fresh child process, so the peak resident memory reported
is that process's own (Django loaded included) and one file cannot inflate the next one's figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = """
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttct.settings")
os.environ.setdefault("TTCT_ALLOW_INSECURE_KEY", "1")
import django
django.setup()
from training.nominations.importers.reader import WorkbookError, read_workbook
started = time.perf_counter()
try:
    read_workbook(sys.argv[1])
    outcome = "read"
except WorkbookError as exc:
    outcome = "refused: " + str(exc)[:80]
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "outcome": outcome}))
"""


def run() -> list[tuple[str, float, str]]:
    from bench import hostile_workbooks

    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for name, build in hostile_workbooks.ALL.items():
            path = Path(folder) / f"{name}.xlsx"
            path.write_bytes(build())
            done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                                  timeout=600, check=True)
            data = json.loads(done.stdout.strip().splitlines()[-1])
            if not data["outcome"].startswith("refused"):
                raise SystemExit(f"{name} was not refused")
            figures.append((f"hostile_uploads_{name}_file_size", path.stat().st_size / 1024 / 1024, "MB"))
            figures.append((f"hostile_uploads_{name}_peak_memory", data["peak_mb"], "MB"))
            figures.append((f"hostile_uploads_{name}_refused_in", data["seconds"], "s"))
    return figures
