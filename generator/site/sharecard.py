"""The show's share image per language (Open Graph / Twitter card ``og:image``): a 1200x630 PNG
with the show's short and full name, drawn at build time with Pillow (no network).

Text is shaped with Raqm when Pillow has it (Arabic joins and runs right to left) in the Noto face
fontconfig finds for the language's script; without such a font the card is drawn without text.
"""

from __future__ import annotations

import functools
import io
import logging
import subprocess

from PIL import Image, ImageDraw, ImageFont, features

from ..i18n import tr
from ..language import language_for
from ..show import Show

log = logging.getLogger(__name__)

SHARE_IMAGE = "assets/images/showpress-share.png"
"""Where the card is written in each language's site."""
SIZE = (1200, 630)
BACKGROUND = (40, 53, 147)  # Material indigo 800: white text on it is 10.4:1
FOREGROUND = (255, 255, 255)


@functools.lru_cache(maxsize=16)
def _font_file(family: str) -> tuple[str, int] | None:
    try:
        done = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", f"{family}:bold"],
                              capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return None
    path, _, index = done.stdout.partition("\t")
    return (path, int(index or 0)) if done.returncode == 0 and path else None


def _font(lang: str, size: int) -> ImageFont.FreeTypeFont | None:
    for family in language_for(lang).print_fonts:
        found = _font_file(family.strip("'\""))
        if found:
            engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
            return ImageFont.truetype(found[0], size, index=found[1], layout_engine=engine)
    return None


def share_card(show: Show, lang: str) -> bytes:
    """The PNG card of ``show`` in ``lang``."""
    rtl = language_for(lang, show).direction == "rtl"
    return _card(tr(show.info.short_name, lang, show.languages), tr(show.info.name, lang, show.languages), lang, rtl)


@functools.lru_cache(maxsize=32)
def _card(short_name: str, name: str, lang: str, rtl: bool) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    lines = [(short_name, 96), (name, 44)]
    y = 200
    for text, size in lines:
        font = _font(lang, size)
        if font is None:
            log.info("no font for %s: the share card has no text", lang)
            break
        text = _fit(draw, text, font, SIZE[0] - 160)
        width = draw.textlength(text, font=font, direction="rtl" if rtl and features.check("raqm") else None)
        x = SIZE[0] - 80 - width if rtl else 80
        draw.text((x, y), text, font=font, fill=FOREGROUND,
                  direction="rtl" if rtl and features.check("raqm") else None)
        y += int(size * 1.6)
    draw.rectangle((80, 520, 280, 532), fill=(255, 171, 64))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _fit(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` px."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"
