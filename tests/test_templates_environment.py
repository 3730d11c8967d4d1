"""One template environment factory (generator/templating.py): a project overrides any template of
any family with a file at the same path under its own site_templates/; one Markdown escaper
(``md_inline``) and one Markdown renderer (``editor_md``) under two names in every family."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_markup_policy import site_markdown

from generator.collector.state import template_env
from generator.i18n import tr
from generator.language import language_for
from generator.load import load_show
from generator.markup import md_text, render_markdown
from generator.models import ANY_LANG, Booth, Hall
from generator.pdf.brochures import brochure_html
from generator.pdf.templates import Texts
from generator.pdf.templates import environment as print_environment
from generator.site.forms import form_pages
from generator.site.halls import summary
from generator.site.news import news_pages
from generator.site.pages import core_pages
from generator.templating import FAMILIES, SHIPPED, environment, shipped_folder, template_folders

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
DAY = dt.date(2026, 6, 20)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "show"
    shutil.copytree(TINY, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def override(project: Path, rel: str, text: str) -> None:
    path = project / "site_templates" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_project_overrides_a_page_template(project: Path) -> None:
    override(project, "pages/about.md.j2", "# Our own about page {{ lang }}\n")
    pages = core_pages(load_show(project), "en", DAY)
    assert pages["about.md"].startswith("# Our own about page en\n")
    assert "# Our own" not in core_pages(load_show(TINY), "en", DAY)["about.md"]


def test_a_project_overrides_a_news_template(project: Path) -> None:
    override(project, "news/story.md.j2", "# Ours: {{ page.title | md_inline }} ({{ page.reader_lang }})\n")
    pages = news_pages(load_show(project), "en", DAY)
    assert pages["news/closing.md"] == "# Ours: The fair closes with record deals (en)\n"
    assert pages["news/index.md"].startswith("---\n")  # the other news templates stay showpress's


def test_a_project_overrides_a_form_template(project: Path) -> None:
    override(project, "forms/thanks.md.j2", "# {{ page.heading | md_inline }} (ours)\n")
    pages = form_pages(load_show(project), "en", DAY)
    thanks = [path for path in pages if path.endswith("/thanks.md")]
    assert thanks and all(pages[path] == "# Thank you (ours)\n" for path in thanks)
    assert all("<form " in pages[path] for path in pages if path not in thanks)


def test_a_project_overrides_a_print_template(project: Path) -> None:
    override(project, "pdf/brochure.html", "<html lang=\"{{ lang }}\"><body><p>Our own brochure</p></body></html>\n")
    assert "Our own brochure" in brochure_html(load_show(project), "en", today=DAY)
    assert "Our own brochure" not in brochure_html(load_show(TINY), "en", today=DAY)


def test_a_project_overrides_a_letter_part(project: Path) -> None:
    override(project, "pdf/_parts/letter.html", "OUR LETTER PART\n")
    env = print_environment(project)
    assert env.get_template("_parts/letter.html").render() == "OUR LETTER PART\n"
    assert env.get_template("letters.html").filename == str(shipped_folder("print") / "letters.html")


def test_a_project_overrides_a_collector_page(project: Path) -> None:
    override(project, "collector/problem.html", "<p>{{ _('Thank you') }} (ours)</p>\n")
    html = template_env(project).get_template("problem.html").render(lang="en")
    assert html == "<p>Thank you (ours)</p>"
    assert template_env(TINY).get_template("problem.html").filename == str(shipped_folder("collector") / "problem.html")


def test_every_family_looks_in_the_project_first_then_in_showpress(project: Path) -> None:
    for family, spec in FAMILIES.items():
        folders = template_folders(family, project)
        assert folders[-1] == shipped_folder(family) and folders[-1].is_dir(), family
        if spec.overridable:
            assert folders[0] == (project / "site_templates" / spec.folder).resolve(), family
        else:
            assert folders == [shipped_folder(family)], family
    assert template_folders("pages", SHIPPED.parent) == [SHIPPED]  # the repository's own sample: one folder


def test_an_unknown_family_is_named() -> None:
    with pytest.raises(ValueError, match=r"no template family 'letter' \(known: pages, news"):
        environment("letter")


HOSTILE = ["*bold* _it_ [x](y) (p) #h <b>|c\\ `code` !img", "1. Acme", "- Acme", "+ Acme", "# Acme",
           "Acme | Co | Ltd", "![x](y)", "<script>alert(1)</script>", "a\\*b", "2) Beta", "[^1]", "Café & Co"]


@pytest.mark.parametrize("family", [name for name, spec in FAMILIES.items() if spec.markdown])
def test_one_escaper_in_every_markdown_family(family: str) -> None:
    env = environment(family)
    assert env.filters["md_inline"] is md_text
    assert "md" not in env.filters
    md = site_markdown()
    for name in HOSTILE:
        for line, tag in (("# {{ x | md_inline }}", "h1"), ("- {{ x | md_inline }}", "li"), ("{{ x | md_inline }}", "p")):
            md.reset()
            out = md.convert(env.from_string(line).render(x=name))
            found = re.fullmatch(rf"(?:<ul>\n)?<{tag}[^>]*>(.*)</{tag}>(?:\n</ul>)?", out, re.S)
            assert found, (name, line, out)
            inner = re.sub(r'<a class="headerlink" [^>]*>&para;</a>$', "", found.group(1))
            assert "<" not in inner and html.unescape(inner) == name, (name, line, out)


def test_editor_markdown_has_one_name_and_md_escapes_nowhere() -> None:
    text = "Hi *there* <script>alert(1)</script>"
    for family, spec in FAMILIES.items():
        env = environment(family)
        assert "md" not in env.filters, family
        if spec.escape:
            assert str(render_markdown(text)) in str(env.filters["editor_md"](text)), family


@pytest.mark.parametrize(("lang", "area"), [("en", "1,235 m²"), ("de", "1.235 m²"), ("fr", "1\u202f235\u202fm²"),
                                             ("ar", "1,235 م²"), ("hi", "1,235 वर्ग मी॰")])
def test_hall_summary_counts_and_formats_for_the_reader(lang: str, area: str) -> None:
    booths = [Booth(id=f"B{n}", size_m2=9, status=status) for n, status in
              enumerate(["free", "sold", "sold", "reserved", "sold"])]
    hall = Hall(id="H1", name={"en": "Hall 1"}, area_m2=1234.6, booths=booths)
    language = language_for(lang)
    found = summary(hall, language)
    assert found.area == area
    assert found.booths == language.number(5)
    assert [(c.status, c.count) for c in found.statuses] == [
        ("free", language.number(1)), ("reserved", language.number(1)), ("sold", language.number(3))]
    assert summary(hall.model_copy(update={"area_m2": None}), language).area is None


LANGS = st.sampled_from(["en", "zh", "ar", "fr", ANY_LANG])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(LANGS, st.text(max_size=3), max_size=4), st.sampled_from(["en", "zh", "ar", "fr"]),
       st.lists(st.sampled_from(["en", "zh", "ar", "fr"]), min_size=1, max_size=4, unique=True))
def test_print_texts_pick_what_tr_picks(text: dict[str, str], lang: str, languages: list[str]) -> None:
    texts = Texts(lang, languages)
    value, shown = texts.pick(text)
    assert value == tr(text, lang, [languages[0], *languages])
    if text and lang not in text:
        assert shown == (None if ANY_LANG in text else next(o for o in [*languages, *text] if o in text))
