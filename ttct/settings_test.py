"""Settings of the test suite: production settings (DEBUG off), with a fixed key and what a test run needs.

Tests run against the same settings as a deployment, so a setting that only holds in development
cannot hide a failure. Only what cannot hold on a test machine is changed here: plain HTTP (the test
client and the browser tests' live server), static files from the app folders (no collectstatic),
a fast password hash, and a key that is not secret.
"""

import os

os.environ.setdefault("SECRET_KEY", "ttct-test-suite-key-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("PUBLIC_BASE_URL", "http://testserver")  # the address printed in certificates' QR codes

from ttct import settings as _base  # noqa: E402 - the environment above must be set first

globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

STORAGES = {**_base.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Argon2 is sized for logins; hashing a test user's password need not be.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *_base.PASSWORD_HASHERS]
