"""Survey codes a person can type: 8 characters of Crockford base32, printed as ``K7M2-QX9P``.

A code is the first 40 bits of an HMAC-SHA256 of the token secret over the survey and the client
id, so the mailing and the collector derive the same code without storing it, and nobody without
the secret can guess one (one chance in 2**40 per code issued). The alphabet has no I, L, O or U;
a reader's O is taken as 0 and I or L as 1 (Crockford's rules), case and hyphens do not matter.
Codes are unique per client and survey within a mailing: :func:`issue` refuses a collision.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: digits and letters without I, L, O, U."""
LENGTH = 8
GROUP = 4
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", "- \t.")
PATTERN = rf"^[ \t.\-]*([0-9A-TV-Za-tv-z][ \t.\-]*){{{LENGTH}}}$"
"""What :func:`normalise` reads as a code (for the collector's OpenAPI description)."""


class CodeCollision(ValueError):
    """Two clients of one mailing got the same code."""


def code_for(secret: str, client_id: str, form_id: str) -> str:
    """The code of ``client_id`` for the survey ``form_id`` (ungrouped, upper case)."""
    if not secret:
        raise ValueError("a token secret is required")
    message = f"showpress-code\x00{form_id}\x00{client_id}".encode()
    number = int.from_bytes(hmac.new(secret.encode(), message, hashlib.sha256).digest()[:5], "big")
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(5 * (LENGTH - 1), -1, -5))


def grouped(code: str) -> str:
    """``K7M2QX9P`` -> ``K7M2-QX9P``: how a code is printed."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalise(text: str) -> str | None:
    """A typed code in its canonical form (``k7m2-qx9p``, ``K7M2 QX9P`` -> ``K7M2QX9P``; O -> 0,
    I/L -> 1), or None when it cannot be a code."""
    if len(text) > 512:
        return None
    code = text.translate(_IGNORED).upper().translate(_CONFUSED)
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def issue(secret: str, form_id: str, client_ids: Iterable[str]) -> dict[str, str]:
    """Client id -> code for every client; :class:`CodeCollision` when two clients share one."""
    codes: dict[str, str] = {}
    owners: dict[str, str] = {}
    for client_id in client_ids:
        code = code_for(secret, client_id, form_id)
        if code in owners and owners[code] != client_id:
            raise CodeCollision(f"clients {owners[code]!r} and {client_id!r} got the same survey code "
                                f"{grouped(code)}; change one client id (or the token secret) and run again")
        owners[code] = client_id
        codes[client_id] = code
    return codes
