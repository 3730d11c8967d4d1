"""What the print commands offer: paper sizes, mailing kinds and envelope windows.

A module of its own, importing nothing, so that ``showpress --help`` can list the choices without
loading WeasyPrint.
"""

from __future__ import annotations

PAPERS = {"A4": "A4", "letter": "letter"}
"""Paper sizes offered, as CSS @page size values."""

KINDS = ("brochure", "thank-you", "reminder", "invitation", "greetings")
"""Mailing kinds, each a letter of its own (``showpress mailing --kind``)."""

WINDOWS = ("din5008",)
"""Window envelope positions of a letter's address block (``showpress mailing --window-envelope``):
``din5008`` is DIN 5008 form B (C5/6 and DL window envelopes)."""
