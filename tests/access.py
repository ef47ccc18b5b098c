"""The access walk shared by every app's access tests: each case is (label, url, expected status per
persona), every persona of the `world` fixture requests every url, and all mismatches are reported at once."""

from __future__ import annotations

ANON = "anonymous"
ALL = ["admin", "supervisor", "director_a", "officer_a", "officer_b", "lecturer_a", "learner_a", "viewer_a", ANON]


def expect(default: int, **overrides: int) -> dict[str, int]:
    """`default` for every logged-in persona, the login redirect for anonymous visitors, then the overrides."""
    table = {persona: default for persona in ALL}
    table[ANON] = 302
    table.update(overrides)
    return table


def token_headers(world) -> dict[str, dict]:
    """An API bearer token per persona (none for the anonymous visitor)."""
    from accounts.models import ApiToken

    return {persona: ({"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user)[1]}"} if user else {})
            for persona, user in world.personas().items()}


def walk(client, world, cases, headers: dict | None = None) -> None:
    """Pages with a session per persona, or the API with `headers` (from `token_headers`)."""
    failures = []
    for label, url, table in cases:
        for persona, user in world.personas().items():
            client.logout()
            if headers is None and user is not None:
                client.force_login(user)
            status = client.get(url, **(headers[persona] if headers is not None else {})).status_code
            if status != table[persona]:
                failures.append(f"{label} as {persona}: expected {table[persona]}, got {status} ({url})")
    assert not failures, "\n".join(failures)
