"""showpress: a static site generator for exhibition communication."""

__version__ = "0.1.0"
