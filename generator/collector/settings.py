"""The collector's settings: from command-line flags and the environment, never module globals."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import UsageError
from ..show import Show

DEFAULT_DB = "sqlite:///feedback.db"
MAX_BODY = 64 * 1024
"""Largest accepted request body in bytes (a long free-text answer is well under it)."""
HEADER_TIMEOUT = 10.0
"""Seconds a client has to send a request's headers (from connecting, or from the last response)."""
BODY_TIMEOUT = 20.0
"""Seconds a client has to send a request's body once its headers are in."""
MAX_HEADER_BYTES = 16 * 1024
"""Largest accepted request head (request line and headers) in bytes."""


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased, default ports left out (as browsers send it)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) origin: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


@dataclass(frozen=True)
class Settings:
    """Everything create_app needs; built by the `showpress collector` command or by tests."""

    show: Show
    db_url: str = DEFAULT_DB
    admin_token: str = ""
    """Bearer token for /admin/...; without it every admin request is refused."""
    token_secret: str = ""
    """HMAC secret of per-client survey tokens; without it a request carrying a token is refused."""
    allow_origins: tuple[str, ...] = ()
    """Exact origins allowed to post (scheme://host[:port]); default: the show's site URL."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or networks whose X-Forwarded-For is believed."""
    max_body: int = MAX_BODY
    rate_per_minute: int = 30
    """Answers per client address per minute (0 = no limit)."""
    header_timeout: float = HEADER_TIMEOUT
    body_timeout: float = BODY_TIMEOUT
    max_header_bytes: int = MAX_HEADER_BYTES
    manifest: Path | None = None
    """Mailing manifest (manifest.csv) listing the tokens issued, for response rates."""
    clients: Path | None = None
    """Client list (CSV or YAML) giving each client's segment, for response rates."""

    @property
    def origins(self) -> frozenset[str]:
        values = self.allow_origins or (self.show.info.site_url,)
        return frozenset(origin_of(v) for v in values)


def make_settings(show: Show, *, db: str | None, admin_token: str | None, token_secret: str | None,
                  allow_origin: tuple[str, ...], trusted_proxy: tuple[str, ...], max_body: int,
                  rate_limit: int, manifest: Path | None, clients: Path | None,
                  header_timeout: float = HEADER_TIMEOUT, body_timeout: float = BODY_TIMEOUT) -> Settings:
    """Settings from flags, falling back to SHOWPRESS_* environment variables."""
    admin = admin_token or os.environ.get("SHOWPRESS_ADMIN_TOKEN", "")
    secret = token_secret or os.environ.get("SHOWPRESS_TOKEN_SECRET", "")
    if admin and len(admin) < 16:
        raise UsageError("the admin token is too short: use at least 16 random characters")
    if header_timeout <= 0 or body_timeout <= 0:
        raise UsageError("--header-timeout and --body-timeout must be more than 0 seconds")
    for path in (manifest, clients):
        if path is not None and not path.is_file():
            raise UsageError(f"no such file: {path}")
    settings = Settings(
        show=show, db_url=db or os.environ.get("SHOWPRESS_DB", DEFAULT_DB), admin_token=admin,
        token_secret=secret, allow_origins=tuple(allow_origin), trusted_proxies=tuple(trusted_proxy),
        max_body=max_body, rate_per_minute=rate_limit, manifest=manifest, clients=clients,
        header_timeout=header_timeout, body_timeout=body_timeout,
    )
    settings.origins  # noqa: B018 - validates every origin now, as a usage error
    from .dialects import dialect_for

    try:
        dialect_for(settings.db_url)
    except ValueError as error:
        raise UsageError(str(error)) from None
    return settings
