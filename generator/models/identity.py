"""The show's look in show.yml (``identity:``): logo, colours, hero picture, sponsors.

Colours are applied as Material's CSS custom properties (``--md-primary-fg-color`` and
``--md-accent-fg-color``) by :mod:`generator.site.identity`; ``showpress check`` verifies that the
bar text (white) stays readable on the primary colour (contrast ≥ 4.5:1, WCAG 2.2 AA).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from .types import AbsoluteUrl, MediaPath, Model, Text

HexColour = Annotated[str, StringConstraints(pattern=r"^#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")]
"""A CSS colour as hex: '#0b5394' or '#05a' (quote it in YAML: '#' starts a comment)."""


class Palette(Model):
    """The colours of one colour scheme (light or dark)."""

    primary: HexColour
    """Colour of the header bar, buttons and large figures, hex in quotes, e.g. '#0b5394'; the bar's
    white text must reach a contrast of 4.5:1 on it."""
    accent: HexColour | None = None
    """Colour of links on hover and of focus marks, hex in quotes, e.g. '#c2185b'; the primary
    colour when left out."""


class Hero(Model):
    """The large picture at the top of the home page."""

    image: MediaPath
    """A photo under data/media/ (JPEG or PNG, ideally 1600 px wide or more), e.g.
    media/hero/hall-a.jpg; smaller copies for phones are made at build time."""
    alt: Text
    """What the picture shows, for readers who cannot see it, e.g. {en: Visitors in Hall A}."""


class Sponsor(Model):
    """A sponsor or partner shown on the home page's logo wall."""

    name: Text
    """Name of the sponsor."""
    logo: MediaPath
    """Its logo under data/media/ (SVG or PNG), e.g. media/sponsors/acme.svg."""
    website: AbsoluteUrl | None = None
    """Its website."""


class Identity(Model):
    """How the site looks: logo, colours, hero picture and sponsors."""

    logo: MediaPath | None = None
    """The show's logo under data/media/ (SVG or PNG), shown on the home page."""
    light: Palette | None = None
    """Colours of the light scheme; Material's default (indigo) when left out."""
    dark: Palette | None = None
    """Colours of the dark scheme; the light scheme's when left out."""
    hero: Hero | None = None
    """The large picture at the top of the home page."""
    sponsors: list[Sponsor] = []
    """Sponsors and partners for the home page's logo wall (exhibitors' logos follow them)."""
