"""The show's identity on the site (``identity:`` in show.yml): colours, hero picture, logo wall.

- :func:`identity_css` turns the light and dark palettes into Material's CSS custom properties
  (``--md-primary-fg-color`` …), one small stylesheet every page loads after Material's.
- :func:`identity_problems` is what ``showpress check`` says about them: the bar's white text must
  reach a contrast of 4.5:1 on the primary colour (WCAG 2.2 AA).
- :func:`hero_variants` makes the hero picture's smaller copies for ``srcset`` with Pillow, once
  per build, so a phone never downloads the full-size photo.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..models import Palette
from ..show import Show

log = logging.getLogger(__name__)

BAR_TEXT = "#ffffff"
"""Material's text colour on the header bar (``--md-primary-bg-color``)."""

MIN_CONTRAST = 4.5
"""WCAG 2.2 AA for normal text."""

HERO_WIDTHS = (480, 960, 1600)
"""Widths (px) of the hero picture's copies; none wider than the original."""

IDENTITY_CSS = "assets/showpress/identity.css"
"""Docs path of the generated stylesheet."""


def rgb(colour: str) -> tuple[int, int, int]:
    """'#0b5394' or '#05a' -> (r, g, b)."""
    hexes = colour.lstrip("#")
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    return int(hexes[0:2], 16), int(hexes[2:4], 16), int(hexes[4:6], 16)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def identity_problems(show: Show) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(location in show.yml, message) for each colour the bar text is not readable on."""
    identity = show.info.identity
    for scheme in ("light", "dark"):
        palette: Palette | None = getattr(identity, scheme)
        if palette is None:
            continue
        ratio = contrast(palette.primary, BAR_TEXT)
        if ratio < MIN_CONTRAST:
            yield (("identity", scheme, "primary"),
                   f"'{palette.primary}' has a contrast of {ratio:.2f}:1 with the white text of the header bar "
                   f"(at least {MIN_CONTRAST}:1 is needed): choose a darker colour")


def _palette_rules(palette: Palette, scheme: str, links: bool) -> str:
    primary = palette.primary
    accent = palette.accent or primary
    r, g, b = rgb(accent)
    props = [
        f"--md-primary-fg-color: {primary}",
        f"--md-primary-fg-color--light: {primary}",
        f"--md-primary-fg-color--dark: {primary}",
        f"--md-primary-bg-color: {BAR_TEXT}",
        "--md-primary-bg-color--light: #ffffffb3",
        f"--md-accent-fg-color: {accent}",
        f"--md-accent-fg-color--transparent: rgba({r}, {g}, {b}, .1)",
    ]
    if links:  # on white, the primary colour reads as well as white on it (same ratio)
        props.append(f"--md-typeset-a-color: {primary}")
    selector = f'[data-md-color-scheme="{scheme}"][data-md-color-primary]'
    return selector + " {\n  " + ";\n  ".join(props) + ";\n}\n"


def identity_css(show: Show) -> bytes | None:
    """The stylesheet of the show's colours, or None when show.yml sets none."""
    identity = show.info.identity
    light, dark = identity.light, identity.dark or identity.light
    if light is None and dark is None:
        return None
    parts = ["/* Written by showpress from identity: in data/show.yml. */\n"]
    if light is not None:
        parts.append(_palette_rules(light, "default", links=True))
    if dark is not None:
        parts.append(_palette_rules(dark, "slate", links=False))
    return "".join(parts).encode("utf-8")


@dataclass(frozen=True)
class HeroImage:
    """The hero picture's copies: docs paths by width, and the size of the original."""

    files: dict[str, bytes]
    """Docs path -> JPEG bytes of each copy."""
    srcset: str
    """The ``srcset`` value relative to the language root: 'media/hero/x-480w.jpg 480w, …'."""
    src: str
    """The copy used as ``src`` (the middle width)."""
    width: int
    """Width of ``src`` in px."""
    height: int
    """Height of ``src`` in px."""


def hero_variants(show: Show) -> HeroImage | None:
    """Copies of the hero picture at :data:`HERO_WIDTHS` (None without a hero or a readable picture;
    ``showpress check`` reports a missing file)."""
    hero = show.info.identity.hero
    if hero is None:
        return None
    source = show.root / "data" / hero.image
    if not source.is_file() or source.is_symlink():
        return None
    stat = source.stat()
    return _variants(str(source), hero.image, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _variants(source: str, image: str, mtime_ns: int, size: int) -> HeroImage | None:
    """The copies of one picture file (kept while the file is unchanged: ``showpress serve``)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(source) as opened:
            picture = opened.convert("RGB")
    except (OSError, UnidentifiedImageError) as exc:
        log.warning("data/%s: cannot read the hero picture (%s); the home page shows none", image, exc)
        return None
    stem = Path(image).with_suffix("").as_posix()
    widths = sorted({min(w, picture.width) for w in HERO_WIDTHS})
    files: dict[str, bytes] = {}
    sizes: dict[int, tuple[str, int]] = {}
    for width in widths:
        height = round(picture.height * width / picture.width)
        copy = picture if width == picture.width else picture.resize((width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        copy.save(out, "JPEG", quality=80, optimize=True, progressive=True)
        path = f"{stem}-{width}w.jpg"
        files[path] = out.getvalue()
        sizes[width] = (path, height)
    middle = widths[len(widths) // 2]
    return HeroImage(files=files, srcset=", ".join(f"{sizes[w][0]} {w}w" for w in widths),
                     src=sizes[middle][0], width=middle, height=sizes[middle][1])
