"""End-to-end: build the tiny fixture show once, then check the output files and, in Chromium, the
language selector and the exhibitor filters."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.load import load_show
from generator.site.build import BuildOptions, build_site
from generator.site.offline import external_references

TINY = Path(__file__).parent / "fixtures" / "tiny"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The tiny show built after it closed (2026-06-20), with brochures."""
    project = tmp_path_factory.mktemp("tiny") / "show"
    shutil.copytree(TINY, project)
    show = load_show(project)
    build_site(show, BuildOptions(out=project / "site", today=dt.date(2026, 6, 20), jobs=2))
    return project / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_page_type_exists_in_every_language(built):
    for lang in ("en", "zh", "ar"):
        for rel in ("", "about/", "statistics/", "halls/", "exhibitors/", "exhibitors/acme/",
                    "exhibitors/nordfisk/", "schedule/", "visiting/", "services/", "rules/",
                    "construction/", "inquiry/"):
            assert (built / lang / rel / "index.html").is_file(), f"{lang}/{rel}"
        assert (built / lang / "sitemap.xml").is_file()
        assert f"https://tiny.example.org/{lang}/exhibitors/acme/" in read(built, f"{lang}/sitemap.xml")
    assert (built / "ar" / "press" / "index.html").is_file()
    assert not (built / "en" / "press").exists()


def test_html_lang_and_right_to_left(built):
    assert '<html lang="en"' in read(built, "en/index.html")
    assert '<html lang="zh"' in read(built, "zh/about/index.html")
    ar = read(built, "ar/index.html")
    assert '<html lang="ar"' in ar and '<body dir="rtl"' in ar
    assert '<body dir="ltr"' in read(built, "en/index.html")


def test_script_in_an_exhibitor_description_is_escaped(built):
    for lang in ("en", "zh", "ar"):
        page = read(built, f"{lang}/exhibitors/acme/index.html")
        assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in read(built, "en/exhibitors/acme/index.html")


def test_language_selector_and_hreflang_point_to_the_same_page(built):
    page = read(built, "en/exhibitors/acme/index.html")
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link', page))
    assert links == {"../../../en/exhibitors/acme/": "en", "../../../zh/exhibitors/acme/": "zh",
                     "../../../ar/exhibitors/acme/": "ar"}
    hreflang = dict(re.findall(r'<link rel=" alternate" hreflang="([\w-]+)" href="([^"]+)"', page))
    assert hreflang == {"en": "https://tiny.example.org/en/exhibitors/acme/",
                        "zh": "https://tiny.example.org/zh/exhibitors/acme/",
                        "ar": "https://tiny.example.org/ar/exhibitors/acme/",
                        "x-default": "https://tiny.example.org/"}
    press = read(built, "ar/press/index.html")  # an editor's page that exists only in Arabic
    press_links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link', press))
    assert press_links == {"../../en/": "en", "../../zh/": "zh", "../../ar/press/": "ar"}


def test_exhibitor_pages_are_not_in_the_navigation(built):
    about = read(built, "en/about/index.html")
    nav_links = re.findall(r'<a href="([^"]+)" class="md-nav__link', about)
    assert "../exhibitors/" in nav_links and "../schedule/" in nav_links
    assert not [link for link in nav_links if re.match(r"\.\./exhibitors/.+", link)]


def test_home_links_brochure_feeds_and_post_show_banner(built):
    home = read(built, "en/index.html")
    assert 'id="post-show"' in home and 'href="forms/feedback/"' in home and 'href="news/"' in home
    assert 'href="brochure.pdf"' in home and (built / "en" / "brochure.pdf").read_bytes().startswith(b"%PDF")
    feeds = re.findall(r'<link rel=" ?alternate" type="([^"]+)"[^>]*href="([^"]+)"', home)
    assert feeds, "the home page links its feeds"
    for _, href in feeds:
        assert (built / "en" / href).is_file(), href
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1))
    assert data["@type"] == "ExhibitionEvent" and data["startDate"].startswith("2026-06-10")


def test_root_page_lists_every_language(built):
    root = read(built, "index.html")
    for lang in ("en", "zh", "ar"):
        assert f'<a href="{lang}/" hreflang="{lang}"' in root
    assert "<noscript>" in root
    # the chooser's script is a file beside the page (no inline script: the page keeps the site's CSP)
    assert '<script src="showpress-root.js"></script>' in root and "<script>" not in root
    policy = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', root).group(1))
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "navigator.languages" in read(built, "showpress-root.js")
    choice = json.loads(html.unescape(re.search(r'<meta name="showpress-languages" content="([^"]*)">', root).group(1)))
    assert choice["languages"] == ["en", "zh", "ar"] and choice["otherwise"] == ["en"]


def test_no_third_party_hosts_anywhere(built):
    assert external_references(built) == []
    assert not list(built.rglob("*.map"))


def test_search_index_per_language_with_jieba_for_chinese_only(built):
    zh = json.loads(read(built, "zh/search/search_index.json"))
    en = json.loads(read(built, "en/search/search_index.json"))
    assert zh["config"]["lang"] == ["zh"]
    assert any("\u200b" in doc["text"] for doc in zh["docs"]), "jieba segmented the Chinese text"
    assert not any("\u200b" in doc["text"] for doc in en["docs"])
    assert any(doc["location"] == "exhibitors/acme/" for doc in en["docs"])


def test_failed_build_leaves_the_old_site_untouched(built, tmp_path):
    project = tmp_path / "show"
    shutil.copytree(TINY, project)
    old = project / "site"
    (old / "en").mkdir(parents=True)
    (old / "en" / "index.html").write_text("old site")
    # A broken link in an Arabic-only page fails only the Arabic build, under --strict.
    (project / "content" / "ar" / "broken.md").write_text("# مكسور\n\n[x](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match="language 'ar'"):
        build_site(load_show(project), BuildOptions(out=old, today=dt.date(2026, 6, 1), brochures=False,
                                                    strict=True, jobs=2))
    assert (old / "en" / "index.html").read_text() == "old site"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "show") == []
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def server(built):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: ANN002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_root_sends_a_new_visitor_to_their_language(browser, server):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(server)
    page.wait_for_url(server + "zh/")
    assert page.locator("html").get_attribute("lang") == "zh"
    context.close()


def test_language_selector_keeps_the_reader_on_the_same_page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.goto(server + "en/exhibitors/acme/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=zh]").click()
    page.wait_for_url(server + "zh/exhibitors/acme/")
    assert "阿克米工具有限公司" in page.locator("h1").inner_text()
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=ar]").click()
    page.wait_for_url(server + "ar/exhibitors/acme/")
    assert page.locator("body").get_attribute("dir") == "rtl"
    assert outside == []
    context.close()


def test_exhibitor_filters_work_with_javascript(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "en/exhibitors/")
    items = page.locator("[data-sp-directory] > li")
    assert page.locator("[data-sp-filters]").is_visible()
    assert items.count() == 3
    page.select_option("select[name=country]", "NO")
    visible = [items.nth(i).inner_text() for i in range(3) if items.nth(i).is_visible()]
    assert len(visible) == 1 and "Nordfisk" in visible[0]
    page.select_option("select[name=country]", "")
    page.select_option("select[name=category]", "food")
    page.select_option("select[name=hall]", "A")
    visible = [items.nth(i).inner_text() for i in range(3) if items.nth(i).is_visible()]
    assert len(visible) == 1 and "Hanil" in visible[0]
    assert "Exhibitors shown: 1" in page.locator("[data-sp-count]").inner_text()
    context.close()


def test_exhibitor_directory_is_a_full_list_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "en/exhibitors/")
    assert not page.locator("[data-sp-filters]").is_visible()
    items = page.locator("[data-sp-directory] > li")
    assert all(items.nth(i).is_visible() for i in range(items.count())) and items.count() == 3
    context.close()
