"""Forms rendered into the site: pages, markers, escaping, assets."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from collector_support import tiny_show

from generator.formmarkers import form_marker_problems
from generator.models import FormsFile
from generator.show import Page
from generator.site.forms import expand_form_markers, form_assets, form_html, form_pages


def test_pages_per_form_and_thanks() -> None:
    show = tiny_show()
    pages = form_pages(show, "zh", None)
    assert set(pages) == {"forms/feedback.md", "forms/feedback/thanks.md", "forms/ask.md", "forms/ask/thanks.md"}
    page = pages["forms/feedback.md"]
    assert page.startswith("# 您的意见\n")
    assert 'action="https://collect.tiny.example.org/f/feedback"' in page
    assert '<input type="hidden" name="lang" value="zh">' in page
    assert 'name="website"' in page and 'name="token"' in page
    assert "<legend>展品如何？" in page and 'lang="zh"' in page
    assert "lottery_consent" in page and "lottery_consent" not in pages["forms/ask.md"]
    assert "\n\n" not in page.split("<form", 1)[1]  # one HTML block for Markdown
    assert "谢谢！" in pages["forms/feedback/thanks.md"]


def test_arabic_is_right_to_left_with_english_ui_fallback() -> None:
    html = form_html(tiny_show(), tiny_show().form("feedback"), "ar")
    assert 'lang="ar" dir="rtl"' in html and "إرسال" in html  # Send in Arabic


def test_text_from_yaml_is_escaped() -> None:
    show = tiny_show()
    forms = show.forms_file.model_dump()
    forms["forms"][0]["questions"][0]["label"] = {"en": '<script>alert(1)</script> "q"'}
    forms["forms"][0]["title"] = {"en": "[x](javascript:alert(1)) <img src=x>"}
    show = dataclasses.replace(show, forms_file=FormsFile.model_validate(forms))
    pages = form_pages(show, "en", None)
    assert "<script>alert" not in pages["forms/feedback.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34;" in pages["forms/feedback.md"]
    assert pages["forms/feedback.md"].startswith(r"# \[x\]\(javascript:alert\(1\)\) &lt;img src=x&gt;")


def test_markers_expand_and_unknown_ids_are_problems(tmp_path: Path) -> None:
    show = tiny_show()
    text = "# Press\n\nAsk here:\n\n<!-- showpress:form ask -->\n\nand <!--showpress:form nope-->\n"
    out = expand_form_markers(text, show, "en")
    assert '<form class="sp-form" id="sp-form-ask"' in out and "<!-- showpress:form ask -->" not in out
    assert "<!--showpress:form nope-->" in out
    page_file = tmp_path / "content" / "en" / "press.md"
    page_file.parent.mkdir(parents=True)
    page_file.write_text(text, encoding="utf-8")
    meta = show.pages[0].meta if show.pages else None
    broken = dataclasses.replace(show, root=tmp_path, pages=(Page("en", "content/en/press.md", "press.md",
                                                                    meta or _meta(), text),))
    problems = form_marker_problems(broken)
    assert [str(p) for p in problems] == [
        "content/en/press.md:7:5: form marker names no form 'nope' (known forms: feedback, ask)"]
    assert form_marker_problems(show) == []


def _meta():  # noqa: ANN202
    from generator.models import PageMeta

    return PageMeta()


def test_assets() -> None:
    assets = form_assets()
    assert set(assets) == {"assets/showpress-forms.js", "assets/showpress-forms.css"}
    assert b"document$" in assets["assets/showpress-forms.js"]
    # the honeypot is visually hidden (clipped to nothing, still in the form for bots)
    (honeypot,) = re.findall(rb"\.sp-hp\s*{([^}]*)}", assets["assets/showpress-forms.css"])
    for rule in (rb"position:\s*absolute", rb"overflow:\s*hidden", rb"clip-path:\s*inset\(50%\)",
                 rb"width:\s*1px", rb"height:\s*1px"):
        assert re.search(rule, honeypot), rule
