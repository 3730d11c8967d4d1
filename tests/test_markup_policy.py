"""One policy for Markdown from data (generator/markup.py): rendered and sanitised to one allow-list,
used by the site, the feeds and the PDFs; plain text in a Markdown page stays plain text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markup import markdown_block, md_text, render_markdown
from generator.pdf.templates import Texts, environment, safe_markdown
from generator.site.templates import make_environment

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](  JaVaScRiPt:alert(1))",
    "![i](javascript:alert(1))",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)" onclick="alert(1)">a</a>',
    "<iframe src=//evil></iframe><object data=x></object><style>*{}</style>",
    '<svg onload="alert(1)"><use href="data:image/svg+xml,x"/></svg>',
    "<form action=//evil><input formaction=javascript:alert(1)></form>",
    '<div markdown="1" style="position:fixed">*x*</div>',
]


def site_markdown() -> markdown.Markdown:
    """python-markdown with the extensions of the shipped mkdocs.yml (what MkDocs renders pages with)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


def live(fragment: str) -> list[str]:
    root = lxml.html.fragment_fromstring(fragment or "<p></p>", create_parent="div")
    found = [el.tag for el in root.iter() if el.tag in {"script", "iframe", "object", "style", "form", "svg", "input"}]
    for el in root.iter():
        for name, value in el.attrib.items():
            if name.startswith("on") or name == "style" or "javascript:" in "".join(value.split()).lower():
                found.append(f"{el.tag} {name}")
    return found


@pytest.mark.parametrize("payload", HOSTILE)
def test_render_markdown_leaves_nothing_active(payload: str) -> None:
    out = render_markdown(f"Text **bold** {payload}\n\n{payload}\n")
    assert live(out) == []
    assert "<strong>bold</strong>" in out


def test_allowed_markdown_survives() -> None:
    out = render_markdown("# T\n\n- a\n- [b](https://example.org/) ![c](media/c.png)\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    for piece in ("<h1>T</h1>", '<a href="https://example.org/">b</a>', '<img alt="c" src="media/c.png">', "<td>1</td>"):
        assert piece in out


def test_rewritten_links_are_sanitised_again() -> None:
    out = render_markdown("[a](x.md) [b](y.md)", lambda url: "javascript:alert(1)" if url == "y.md" else "X/" + url)
    assert '<a href="X/x.md">a</a>' in out and "javascript" not in out


def test_every_renderer_uses_the_one_policy() -> None:
    text = "Hi <script>alert(1)</script> [x](javascript:alert(1)) *e*"
    expected = render_markdown(text)
    assert "<em>e</em>" in expected and live(expected) == []
    assert safe_markdown(text) == expected  # PDFs
    assert environment().filters["editor_md"](text) == expected  # print templates
    assert Texts("en", ["en"]).md({"en": text}) == expected
    site = make_environment()
    assert site.filters["editor_md"] is markdown_block  # site pages
    assert site.filters["md_inline"] is md_text
    assert markdown_block(text).strip() == f'<div class="sp-md">\n{expected}\n</div>'


def test_markdown_block_stays_one_raw_block_in_mkdocs_markdown() -> None:
    block = markdown_block("Para one.\n\n    code with <b>\n\n- item\n\nPara *two*. <script>alert(1)</script>")
    out = site_markdown().convert(f"# Page\n{block}## After\n")
    assert "<em>two</em>" in out and "<pre><code>code with &lt;b&gt;" in out
    assert live(out.split("</h1>", 1)[1]) == []
    assert '<h2 id="after">' in out


TRICKY = ["[x](javascript:alert(1)) *b* <i>", "??? note", "!!! warning", "1. not a list", "- no", "+ no",
          "# no", "> no", "--- ", "<https://a.b/>", "&amp; &copy; &#60;", "a_b_c *d* `e` ~~f~~", "| a | b |",
          "{: onclick=x }", "*[HTML]: no abbr", "[^1] footnote", "\\*", ": def", "=== x", "~~~ fence", 'say "hi"']


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TRICKY) | st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
                                          max_size=40))
def test_md_text_is_plain_text_in_the_site_markdown(text: str) -> None:
    text = " ".join(text.split())
    if not text:
        return
    md = site_markdown()
    out = md.convert(md_text(text))
    assert re.fullmatch(r"<p>.*</p>", out, re.S), out
    assert html.unescape(re.sub(r"<[^>]+>", "", out[3:-4])) == text, out
    assert "<" not in out[3:-4].replace("&lt;", ""), out
