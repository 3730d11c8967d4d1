"""Reading a running collector's admin endpoints over HTTP (the report command, reminder mailings)."""

from __future__ import annotations

import json
from typing import Any

from ..errors import BuildError, UsageError


def admin_get_json(url: str, path: str, admin_token: str, *, timeout: float = 60) -> Any:
    """The JSON a collector at ``url`` (its base address) answers on ``path`` with the admin token;
    a clear error when the collector cannot be reached, refuses the token or answers no JSON."""
    import httpx

    target = url.rstrip("/") + "/" + path.lstrip("/")
    try:
        reply = httpx.get(target, headers={"Authorization": f"Bearer {admin_token}"}, timeout=timeout)
    except httpx.HTTPError as error:
        raise BuildError(f"cannot reach the collector at {target}: {error}") from None
    if reply.status_code == 401:
        raise UsageError(f"the collector at {url} refused the admin token (SHOWPRESS_ADMIN_TOKEN)")
    if reply.status_code != 200:
        raise BuildError(f"the collector at {target} answered {reply.status_code}")
    try:
        return reply.json()
    except json.JSONDecodeError:
        raise BuildError(f"the collector at {target} did not answer JSON") from None
