"""HTTPS settings: turning off the redirect (TLS ends at the proxy, which redirects) keeps Secure
cookies and HSTS; each can be set on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = ("import json; from ttct import settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS]))")


def _settings(**env) -> list:
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_SSL_REDIRECT",
                                                                     "SESSION_COOKIE_SECURE", "SECURE_HSTS_SECONDS")}
    environment.update(SECRET_KEY="x" * 50, ALLOWED_HOSTS="ttct.example", **env)
    done = subprocess.run([sys.executable, "-c", CODE], env=environment, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_no_redirect_keeps_secure_cookies_and_hsts():
    assert _settings(SECURE_SSL_REDIRECT="0") == [False, True, True, 31536000]


def test_each_setting_on_its_own():
    assert _settings(SESSION_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0") == [True, False, False, 0]
