"""The interface catalog (gettext through Babel) and the one language model (generator.language)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_helpers import TINY, pdftext

from generator.catalog import (
    LOCALE_DIR,
    TEMPLATE,
    read_catalog,
    shipped_locales,
    template_ids,
    translated_ids,
)
from generator.catalogfiles import extract_catalog
from generator.cli import cli
from generator.language import default_fallbacks, language_for
from generator.load import load_show

SHIPPED_AT_LEAST = {"en", "zh_Hans", "ko", "ja", "ar"}
TODAY = dt.date(2026, 5, 1)


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def test_every_message_in_code_and_templates_is_in_messages_pot() -> None:
    used = {_key(m.id) for m in extract_catalog() if m.id}
    missing = used - template_ids()
    assert not missing, f"run `showpress i18n extract`: {sorted(missing)}"
    stale = template_ids() - used
    assert not stale, f"messages.pot holds messages nothing uses; run `showpress i18n extract`: {sorted(stale)}"


@pytest.mark.parametrize("name", sorted(set(shipped_locales()) | SHIPPED_AT_LEAST))
def test_shipped_catalog_is_complete_unfuzzy_and_keeps_placeholders(name: str) -> None:
    path = LOCALE_DIR / name / "LC_MESSAGES" / "messages.po"
    catalog = read_catalog(path)
    fuzzy = [_key(m.id) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"{path}: fuzzy messages {fuzzy}"
    missing = template_ids() - translated_ids(catalog)
    assert not missing, f"{path}: {len(missing)} messages untranslated: {sorted(missing)[:10]}"
    errors = [(_key(m.id), [str(e) for e in errs]) for m, errs in catalog.check()]
    assert not errors, f"{path}: {errors}"


@pytest.mark.parametrize(("tag", "script", "font", "direction"), [
    ("zh", "Hans", "Noto Sans CJK SC", "ltr"),
    ("zh-TW", "Hant", "Noto Sans CJK TC", "ltr"),
    ("zh-HK", "Hant", "Noto Sans CJK HK", "ltr"),
    ("ja", "Jpan", "Noto Sans CJK JP", "ltr"),
    ("ko", "Kore", "Noto Sans CJK KR", "ltr"),
    ("ar-AE", "Arab", "Noto Naskh Arabic", "rtl"),
    ("he", "Hebr", "Noto Sans Hebrew", "rtl"),
    ("fa", "Arab", "Noto Naskh Arabic", "rtl"),
    ("hi", "Deva", "Noto Sans Devanagari", "ltr"),
    ("pt-BR", "Latn", "Noto Sans", "ltr"),
    ("en-GB", "Latn", "Noto Sans", "ltr"),
])
def test_language_model_from_cldr(tag: str, script: str, font: str, direction: str) -> None:
    language = language_for(tag)
    assert (language.script, language.print_fonts[0], language.direction) == (script, font, direction)


def test_regional_tags_format_and_translate_their_own_way() -> None:
    assert str(language_for("pt-BR").locale) == "pt_BR"
    assert language_for("en-GB").date(dt.date(2026, 6, 10)) == "10 June 2026"
    assert language_for("zh").gettext("Sold") == "已售"
    assert language_for("zh-TW").gettext("Sold") != "已售"  # Simplified never serves Traditional readers
    assert language_for("ar").list(["أ", "ب", "ج"]) == "أ وب وج"
    assert language_for("ko").ngettext("%(num)s booth", "%(num)s booths", 3) % {"num": 3} == "부스 3개"


def _copy(tmp_path: Path, languages: str, extra_yaml: str = "") -> Path:
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    show_yml = project / "data" / "show.yml"
    text = show_yml.read_text(encoding="utf-8").replace("languages: [en, zh, ar]", f"languages: {languages}")
    show_yml.write_text(text + extra_yaml, encoding="utf-8")
    return project


def test_fallback_chain_default_and_from_show_yml(tmp_path: Path) -> None:
    assert default_fallbacks("ca", ["ar", "ca"]) == ("en", "ar")
    show = load_show(_copy(tmp_path, "[ar, en, zh, ca]"))
    assert language_for("ca", show).fallbacks == ("en", "ar")
    assert language_for("en", show).fallbacks == ("ar",)
    assert language_for("ca", show).gettext("Sold") == "Sold"
    show = load_show(_copy(tmp_path / "b", "[ar, en, zh, ca]", "fallbacks: {ca: [ar]}\n"))
    assert language_for("ca", show).fallbacks == ("ar",)
    assert language_for("ca", show).gettext("Sold") == "مباع"  # no Catalan catalog (not shipped): the chain's next one


SWAHILI_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Exhibitors"
msgstr "Waonyeshaji"

msgid "The show at a glance"
msgstr "Maonyesho kwa muhtasari"

#, python-format
msgid "Dear %(name)s,"
msgstr "Mpendwa %(name)s,"

#, python-format
msgid "%(num)s booth"
msgid_plural "%(num)s booths"
msgstr[0] "kibanda %(num)s"
msgstr[1] "vibanda %(num)s"
'''


@pytest.fixture(scope="module")
def swahili(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _copy(tmp_path_factory.mktemp("sw"), "[en, zh, ar, sw]")
    (project / "locale").mkdir()
    (project / "locale" / "sw.po").write_text(SWAHILI_PO, encoding="utf-8")
    return project


def test_check_warns_with_the_count_and_strict_fails(swahili: Path) -> None:
    total = len(template_ids())
    result = CliRunner().invoke(cli, ["check", "--project", str(swahili)])
    assert result.exit_code == 0, result.output
    assert f"language 'sw': {total - 4} of {total} interface messages missing" in result.output
    assert f"4/{total} (show)" in result.output
    strict = CliRunner().invoke(cli, ["check", "--project", str(swahili), "--strict"])
    assert strict.exit_code != 0


def test_a_language_added_by_one_po_file_reaches_site_brochure_and_letter(swahili: Path, tmp_path: Path) -> None:
    from generator.pdf.brochures import render_brochure
    from generator.pdf.mailing import run_mailing
    from generator.site.config import nav
    from generator.site.pages import core_pages

    show = load_show(swahili)
    pages = core_pages(show, "sw", TODAY)
    assert "# Waonyeshaji" in pages["exhibitors/index.md"]
    assert "Exhibitors" not in pages["exhibitors/index.md"].split("\n")[0]
    plan = type("Plan", (), {"lang": "sw", "has_news": False, "editor_pages": []})()
    assert {"Waonyeshaji": "exhibitors/index.md"} in nav(show, plan)  # type: ignore[arg-type]

    brochure = tmp_path / "brochure.pdf"
    brochure.write_bytes(render_brochure(show, "sw", today=TODAY))
    assert "Maonyesho kwa muhtasari" in pdftext(brochure)

    clients = tmp_path / "clients.csv"
    clients.write_text("id,name,language\nbaraka,Baraka Mwangi,sw\n", encoding="utf-8")
    result = run_mailing(show, clients, tmp_path / "out", secret="s", use_cache=False, workers=1, today=TODAY)
    assert not result.problems
    assert "Mpendwa Baraka Mwangi," in " ".join(pdftext(tmp_path / "out" / "baraka.pdf", 1, 1).split())


def test_messages_pot_is_where_the_catalog_says() -> None:
    assert TEMPLATE == LOCALE_DIR / "messages.pot" and TEMPLATE.is_file()
    assert SHIPPED_AT_LEAST <= set(shipped_locales())


SWAHILI_COLLECTOR_PO = SWAHILI_PO + '''
msgid "Please correct the following:"
msgstr "Tafadhali sahihisha yafuatayo:"
'''


@pytest.mark.slow
def test_an_added_language_reaches_the_built_thanks_page_and_the_collector(tmp_path: Path) -> None:
    """The whole way of a reader of a language showpress ships no catalog for: the built site (the
    form's thank-you page the collector sends a JS-off post to) and the collector's own page."""
    import httpx
    from collector_support import running_collector

    from generator.collector.settings import Settings
    from generator.site.build import BuildOptions, build_site

    project = _copy(tmp_path, "[en, zh, ar, sw]")
    (project / "locale").mkdir()
    (project / "locale" / "sw.po").write_text(SWAHILI_COLLECTOR_PO, encoding="utf-8")
    show = load_show(project)
    build_site(show, BuildOptions(out=project / "site", today=TODAY, jobs=2, brochures=False))
    thanks = (project / "site" / "sw" / "forms" / "feedback" / "thanks" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sw"' in thanks  # Material has no Swahili: the page keeps its own language
    exhibitors = (project / "site" / "sw" / "exhibitors" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sw"' in exhibitors
    assert re.search(r"<h1[^>]*>Waonyeshaji<", exhibitors)  # from the show's own sw.po

    settings = Settings(show=show, db_url=f"sqlite:///{tmp_path / 'answers.db'}", admin_token="a" * 20,
                        token_secret="s" * 20, rate_per_minute=0)
    site = show.info.site_url.rstrip("/")
    origin = {"Origin": site}  # the site's origin (the fixture's site_url has no path)
    with running_collector(settings) as running, httpx.Client(base_url=running.url, timeout=10) as client:
        done = client.post("/f/feedback", data={"q.exhibits": "good", "lang": "sw"}, headers=origin)
        assert done.status_code == 303
        assert done.headers["location"] == f"{site}/sw/forms/feedback/thanks/"
        refused = client.post("/f/feedback", data={"q.comments": "x", "lang": "sw"}, headers=origin)
        assert refused.status_code == 400
        assert "Tafadhali sahihisha yafuatayo:" in refused.text
        assert 'lang="sw"' in refused.text


def test_a_shows_own_po_overrides_a_shipped_translation(tmp_path: Path) -> None:
    """The show's locale/<lang>.po wins over the shipped catalog, with and without a msgctxt."""
    from babel import Locale
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    from generator.catalog import merged

    shipped_po = LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po"
    with shipped_po.open("rb") as handle:
        shipped = read_po(handle, locale="fr")
    plain = next(m for m in shipped if m.id and not m.context and isinstance(m.id, str) and m.string)
    contextual = next((m for m in shipped if m.id and m.context and isinstance(m.id, str) and m.string), None)
    own = Catalog(locale="fr")
    own.add(plain.id, "TEXTE DU SALON")
    if contextual is not None:
        own.add(contextual.id, "AVEC CONTEXTE", context=contextual.context)
    own_po = tmp_path / "fr.po"
    with own_po.open("wb") as handle:
        write_po(handle, own)
    catalog = merged(Locale.parse("fr"), shipped_po, own_po)
    assert catalog.get(plain.id).string == "TEXTE DU SALON"
    if contextual is not None:
        assert catalog.get(contextual.id, context=contextual.context).string == "AVEC CONTEXTE"
