"""Run TTCT's benchmarks. Each benchmark module has `run() -> list[tuple[name, value, unit]]`."""

from __future__ import annotations

import os
import sys
import time


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttct.settings")
    os.environ.setdefault("TTCT_ALLOW_INSECURE_KEY", "1")
    import django

    django.setup()


def _overlap():
    from bench import overlap

    return overlap.run()


def _certificates():
    from bench import certificates

    return certificates.run()


def _nominations():
    from bench import nominations

    return nominations.run()


def _enrolment():
    from bench import enrolment

    return enrolment.run()


def _pages():
    from bench import pages

    return pages.run()


def _hostile_uploads():
    from bench import hostile_uploads

    return hostile_uploads.run()
def _lecturers():
    from bench import lecturers

    return lecturers.run()


def _survey_load():
    from bench import survey_load

    return survey_load.run()


def _finance():
    from bench import finance

    return finance.run()


def _standards():
    from bench import standards

    return standards.run()


def _reports():
    from bench import reports

    return reports.run()


def _growth():
    from bench import growth

    return growth.run()


def _explain():
    from bench import explain

    return explain.run()


def _seed():
    from bench import seed

    return seed.run()


BENCHMARKS = {
    "overlap": _overlap,
    "certificates": _certificates,
    "seed": _seed,
    "nominations": _nominations,
    "enrolment": _enrolment,
    "pages": _pages,
    "hostile_uploads": _hostile_uploads,
    "lecturers": _lecturers,
    "survey_load": _survey_load,
    "finance": _finance,
    "standards": _standards,
    "reports": _reports,
    "growth": _growth,
}
# Run only when named: `explain` writes query plans into bench/explain/.
ON_REQUEST = {"explain": _explain}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    known = BENCHMARKS | ON_REQUEST
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    _setup_django()
    for name in names:
        started = time.perf_counter()
        for figure, value, unit in known[name]():
            print(f"{figure}: {value:.3f} {unit}" if isinstance(value, float) else f"{figure}: {value} {unit}")
        print(f"# {name} finished in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
