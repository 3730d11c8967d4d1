"""Per-client survey tokens, signed with HMAC-SHA256.

The mailing puts a token in each client's survey link; the collector verifies it and keeps one
answer per token per survey. A token names the client and the survey it was issued for, so a
token for one survey is refused by another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

_MAC_BYTES = 16


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: str, client_id: str, form_id: str) -> bytes:
    message = f"showpress-token\x00{form_id}\x00{client_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()[:_MAC_BYTES]


def sign(secret: str, client_id: str, form_id: str) -> str:
    """The token of ``client_id`` for the survey ``form_id``."""
    if not secret:
        raise ValueError("a token secret is required")
    return f"{_b64(client_id.encode())}.{_b64(_mac(secret, client_id, form_id))}"


def verify(secret: str, token: str, form_id: str) -> str | None:
    """The client id a valid token was issued to for ``form_id``; None when forged or malformed."""
    if not secret or not token or len(token) > 512 or token.count(".") != 1:
        return None
    head, tail = token.split(".")
    try:
        client_id = _unb64(head).decode("utf-8")
        mac = _unb64(tail)
    except (ValueError, UnicodeDecodeError):
        return None
    if hmac.compare_digest(mac, _mac(secret, client_id, form_id)):
        return client_id
    return None
