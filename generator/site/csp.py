"""The site's Content-Security-Policy: one string for the ``<meta http-equiv>`` tag of every page
(``site_templates/overrides/main.html``) and for the equivalent server header (README).

Scripts come only from the site itself (Material's inline scripts are moved to files by the
overrides in ``site_templates/overrides/partials/javascripts/``); forms post, and their script
sends answers, only to the site and the collector's origin from ``data/show.yml``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..show import Show


def origin(url: str) -> str | None:
    """``https://feedback.example.org`` of a URL, or None for a relative URL (then 'self' covers it)."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(show: Show) -> str:
    """The policy of every page of the show's site (``frame-ancestors`` only works as a header)."""
    collector = origin(show.info.collector_url)
    post = "'self'" + (f" {collector}" if collector else "")
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        f"connect-src {post}",
        f"form-action {post}",
        "object-src 'none'",
        "base-uri 'self'",
    ]
    return "; ".join(directives)
