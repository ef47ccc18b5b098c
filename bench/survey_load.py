"""A bounded load test: 500 learners answer a survey within a minute, against a real server.

Prepares a class of 500 learners at the demo centre with an open survey, starts gunicorn on
127.0.0.1:$TTCT_LOAD_PORT (8113 by default) against the configured database, submits the 500 forms
from 16 threads (each GETs the form for its CSRF token, then POSTs), stops the server, checks that
exactly 500 forms were counted, and removes the class again. Needs the demo data (`seed_demo`).
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

LEARNERS = 500
THREADS = 16
PORT = int(os.environ.get("TTCT_LOAD_PORT", "8113"))


def _prepare():
    from accounts.models import User
    from lecturers.services.feedback import open_survey
    from people.models import Lecturer, Person
    from training.models import Enrolment, Klass, Session

    officer = User.objects.get(username="daotao")
    centre = officer.role_assignments.get(role="training_officer").centre
    version = Klass.objects.filter(centre=centre).first().version
    start = dt.date.today() - dt.timedelta(days=10)
    klass = Klass.objects.create(centre=centre, version=version, code=f"TAI-{int(time.time())}",
                                 name="Lớp thử tải khảo sát", start_date=start, end_date=start + dt.timedelta(days=5),
                                 status="in_progress", capacity=LEARNERS)
    persons = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:LEARNERS])
    Enrolment.objects.bulk_create(Enrolment(klass=klass, person_id=pk) for pk in persons)
    topics = list(version.topics.all()[:2])
    lecturers = list(Lecturer.objects.filter(centre=centre)[:2])
    for day, (topic, lecturer) in enumerate(zip(topics, lecturers, strict=False)):
        Session.objects.create(klass=klass, date=start + dt.timedelta(days=day), part="evening", topic=topic,
                               lecturer=lecturer, periods=4)
    return klass, open_survey(actor=officer, klass=klass)


def _cleanup(klass) -> None:
    from training.models import Enrolment

    klass.surveys.all().delete()
    Enrolment.objects.filter(klass=klass).delete()
    klass.delete()


def _server() -> subprocess.Popen:
    from django.conf import settings

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SECRET_KEY": "load-test-only", "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0",
           "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    env.pop("DEBUG", None)
    if not env["DATABASE_URL"]:
        env["DATABASE_URL"] = f"sqlite:///{settings.DATABASES['default']['NAME']}"
    # Without DEBUG the pages need the collected static files (their manifest).
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=root, env=env, check=True)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn), "ttct.wsgi", "-w", "3", "--threads", "2", "-b", f"127.0.0.1:{PORT}",
                                "--log-level", "warning"], cwd=root, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)  # noqa: S310 - local server
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not start")


_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _submit(url: str, code: str, fields: dict[str, str]) -> tuple[bool, float]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    started = time.perf_counter()
    page = opener.open(url, timeout=30).read().decode()
    token = _TOKEN.search(page).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "code": code, **fields}).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    try:
        answer = opener.open(request, timeout=30).read().decode()
    except urllib.error.HTTPError:
        return False, time.perf_counter() - started
    return 'id="thanks"' in answer, time.perf_counter() - started


def run() -> list[tuple[str, float, str]]:
    import random

    from lecturers.models import Survey

    klass, survey = _prepare()
    process = None
    try:
        codes = list(survey.codes.values_list("code", flat=True))
        items = list(survey.items.values_list("pk", "kind"))
        rng = random.Random(2026)
        forms = [{f"item_{pk}": (str(rng.randint(5, 10)) if kind == "rating" else "Ý kiến thử tải") for pk, kind in items}
                 for _ in codes]
        process = _server()
        url = f"http://127.0.0.1:{PORT}/lecturers/s/{survey.public_key}/"
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            outcomes = list(pool.map(lambda pair: _submit(url, *pair), zip(codes, forms, strict=True)))
        elapsed = time.perf_counter() - started
        counted = Survey.objects.get(pk=survey.pk).valid_forms
        latencies = sorted(seconds * 1000 for _ok, seconds in outcomes)
        return [
            ("survey_load_submissions", len(outcomes), "forms"),
            ("survey_load_errors", sum(1 for ok, _s in outcomes if not ok), "forms"),
            ("survey_load_counted", counted, "forms"),
            ("survey_load_elapsed", round(elapsed, 2), "s"),
            ("survey_load_rate", round(len(outcomes) / elapsed, 1), "forms/s"),
            ("survey_load_median", round(statistics.median(latencies), 1), "ms"),
            ("survey_load_p95", round(latencies[int(len(latencies) * 0.95) - 1], 1), "ms"),
            ("survey_load_items", len(items), "questions per form"),
        ]
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        _cleanup(klass)
