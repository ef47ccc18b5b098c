"""A small bounded load generator for the page benchmarks: threads, `http.client`, one session cookie.

`serve()` starts gunicorn (2 sync workers, DEBUG off) on 127.0.0.1 for the configured database and
stops it at the end; `hammer()` sends at most `max_requests` GETs or runs at most `max_seconds`
(whichever comes first) from `threads` threads and returns the throughput and latency percentiles.
Nothing here retries or hides a failure: any non-200 answer stops the run with its status.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
PORT = int(os.environ.get("TTCT_BENCH_PORT", "8111"))
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, int(round(len(ordered) * fraction)) - 1))]


def _server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DEBUG": "0", "TTCT_ALLOW_INSECURE_KEY": "1", "ALLOWED_HOSTS": HOST,
                "SECURE_SSL_REDIRECT": "0", "DJANGO_SETTINGS_MODULE": "ttct.settings"})
    return env


def _get(path: str, cookie: str = "", timeout: float = 30.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": HOST} if cookie else {"Host": HOST})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def serve(workers: int = 2):
    """gunicorn on HOST:PORT with production settings (hashed static files collected once)."""
    env = _server_env()
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                       check=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ttct.wsgi:application", "--bind", f"{HOST}:{PORT}",
         "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get("/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer on {HOST}:{PORT}")
            time.sleep(0.3)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def hammer(path: str, cookie: str = "", *, threads: int = 4, max_requests: int = 300,
           max_seconds: float = 8.0, warmup: int = 4) -> Load:
    for _ in range(warmup):
        status, _body = _get(path, cookie)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    issued = [0]
    started = time.perf_counter()
    stop_at = started + max_seconds

    def worker() -> None:
        while True:
            with lock:
                if issued[0] >= max_requests or failures or time.perf_counter() > stop_at:
                    return
                issued[0] += 1
            begun = time.perf_counter()
            status, _body = _get(path, cookie)
            elapsed = (time.perf_counter() - begun) * 1000
            with lock:
                if status != 200:
                    failures.append(f"{path} answered {status}")
                latencies.append(elapsed)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(failures[0])
    ordered = sorted(latencies)
    return Load(len(ordered), seconds, _percentile(ordered, 0.5), _percentile(ordered, 0.95))


def session_cookie(user) -> str:
    """A logged-in session for `user` stored in the database the server reads (as a login would store it)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]  # the backend a login names
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
