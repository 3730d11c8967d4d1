"""What the collector's endpoints share, built once per app and kept on ``app.state``.

The endpoints are module-level functions; each reads the services of its app with
:func:`services` (typed), never from a closure or a module global, so that two apps with
different settings can run in one process (the tests do).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from starlette.requests import Request

from ..i18n import text_dir, tr
from ..models import Form
from ..show import Show
from ..templating import environment
from ..urls import form_thanks_url
from .issued import Issued, read_issued
from .ratelimit import RateLimiter, parse_networks
from .settings import Settings
from .store import Store
from .validate import FormRules

Networks = tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]


def template_env(project: Path | None = None) -> Environment:
    """The collector's pages (problem page, report page) in the reader's language; the show's own
    copies in ``project``/site_templates/collector/ first (:func:`generator.templating.environment`)."""
    env = environment("collector", project)
    env.globals.update(tr=tr, text_dir=text_dir)
    return env


@dataclass(frozen=True)
class Services:
    """Settings and everything derived from them once, for every request of one app."""

    settings: Settings
    store: Store
    forms: dict[str, Form]
    rules: dict[str, FormRules]
    """What an answer to each form is checked against."""
    origins: frozenset[str]
    """Origins allowed to post (already normalised)."""
    limiter: RateLimiter
    trusted: Networks
    """Proxies whose X-Forwarded-For is believed."""
    issued: Issued
    """The survey codes a mailing issued (from its manifest)."""
    templates: Environment

    @property
    def show(self) -> Show:
        return self.settings.show

    @property
    def languages(self) -> list[str]:
        return self.settings.show.languages

    def thanks_url(self, form_id: str, lang: str) -> str:
        return form_thanks_url(self.show, lang, form_id)


def make_services(settings: Settings, store: Store) -> Services:
    show = settings.show
    return Services(
        settings=settings, store=store, forms={f.id: f for f in show.forms},
        rules={f.id: FormRules.of(f) for f in show.forms}, origins=settings.origins,
        limiter=RateLimiter(settings.rate_per_minute),
        trusted=parse_networks(settings.trusted_proxies),
        issued=read_issued(settings.manifest, settings.clients, settings.token_secret),
        templates=template_env(show.root),
    )


def services(request: Request) -> Services:
    """The services of the app serving ``request``."""
    found: Services = request.app.state.services
    return found
