"""RSS and Atom news feeds: parsed with feedparser and lxml, as feed readers would."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from news_support import SITE, tiny_show, write_story

from generator.errors import UsageError
from generator.feeds import FeedLink, feed_files, feed_links, news_feed
from generator.load import load_show
from generator.urls import absolute_link

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def show():
    return tiny_show()


def aware(text: str) -> dt.datetime:
    """An RSS (RFC 822) or Atom (RFC 3339) date as written, which must carry its zone."""
    moment = parsedate_to_datetime(text) if "," in text else dt.datetime.fromisoformat(text)
    assert moment.tzinfo is not None, text
    return moment


def feeds_of(show, lang):
    return {path: data for path, data in feed_files(show, lang).items() if path.endswith(".xml")}


def test_every_feed_parses_cleanly_with_absolute_links_ids_zones_and_language(show):
    seen = 0
    for lang in show.languages:
        for path, data in feeds_of(show, lang).items():
            parsed = feedparser.parse(data)
            assert parsed.bozo == 0, (lang, path, parsed.get("bozo_exception"))
            assert parsed.feed.language == lang, (lang, path)
            assert parsed.feed.link.startswith(f"{SITE}{lang}/")
            for entry in parsed.entries:
                seen += 1
                assert entry.link.startswith(f"{SITE}{lang}/news/"), entry.link
                assert entry.id
                assert aware(entry.published).utcoffset() == dt.timedelta(hours=2), entry.published
                if path.endswith("atom.xml"):  # another language's story only in a category feed
                    own = entry.title in {n.meta.title for n in show.news_in(lang)}
                    assert entry.content[0].language == lang if own else (
                        "/category/" in path and entry.content[0].language != lang)
    assert seen >= 6  # en: 2 stories in all/atom and categories; zh: 1


def test_feed_holds_only_stories_written_in_its_language(show):
    zh = feedparser.parse(news_feed(show, "zh"))
    assert [e.title for e in zh.entries] == ["展会闭幕，成交创纪录"]
    en = feedparser.parse(news_feed(show, "en"))
    assert [e.title for e in en.entries] == ["Thank you for coming", "The fair closes with record deals"]


def test_language_without_stories_gives_an_empty_valid_feed_dated_by_the_show(show):
    for kind in ("rss", "atom"):
        parsed = feedparser.parse(news_feed(show, "ar", kind=kind))
        assert parsed.bozo == 0 and parsed.entries == []
    tree = etree.fromstring(news_feed(show, "ar", kind="atom"))
    assert tree.findtext(f"{ATOM}updated") == "2026-06-10T09:00:00+02:00"


def test_category_with_one_story(show):
    for kind in ("rss", "atom"):
        parsed = feedparser.parse(news_feed(show, "en", "machines", kind))
        assert [e.id for e in parsed.entries] == [f"{SITE}en/news/closing"]
        assert "Machines" in parsed.feed.title
        assert parsed.feed.link == f"{SITE}en/news/category/machines/"


def test_unknown_category_is_a_usage_error(show):
    with pytest.raises(UsageError, match="no news category 'nope'.*known: machines, notes"):
        news_feed(show, "en", "nope")


def test_relative_links_in_markdown_become_absolute_in_content(show):
    for kind in ("rss", "atom"):
        entry = feedparser.parse(news_feed(show, "en", kind=kind)).entries[1]
        html = entry.content[0].value
        assert f'href="{SITE}en/schedule/"' in html
        assert 'href="../' not in html


@pytest.mark.parametrize(("link", "expected"), [
    ("../schedule.md", f"{SITE}en/schedule/"),
    ("../schedule.md#day-2", f"{SITE}en/schedule/#day-2"),
    ("../index.md", f"{SITE}en/"),
    ("../exhibitors/acme.md", f"{SITE}en/exhibitors/acme/"),
    ("other.md", f"{SITE}en/news/other/"),
    ("../media/photo.jpg", f"{SITE}en/media/photo.jpg"),
    ("#figures", f"{SITE}en/news/closing/#figures"),
    ("/en/visiting/", f"{SITE}en/visiting/"),
    ("../../zh/news/closing/", f"{SITE}zh/news/closing/"),
    ("https://elsewhere.example.com/x", "https://elsewhere.example.com/x"),
    ("mailto:desk@tiny.example.org", "mailto:desk@tiny.example.org"),
])
def test_absolute_link(show, link, expected):
    assert absolute_link(show, "en", "news/closing.md", link) == expected


def test_images_in_body_and_lead_image_enclosure_are_absolute(tiny):
    write_story(tiny, "en", "pics", title="Pictures", key="pics", date="2026-06-13T10:00:00+02:00",
                body="![hall](../media/acme.svg)", extra="image: media/acme.svg\n")
    show = load_show(tiny)
    rss = feedparser.parse(news_feed(show, "en"))
    entry = rss.entries[0]
    assert f'src="{SITE}en/media/acme.svg"' in entry.content[0].value
    size = (tiny / "data" / "media" / "acme.svg").stat().st_size
    assert entry.enclosures == [{"href": f"{SITE}en/media/acme.svg", "length": str(size), "type": "image/svg+xml"}]


def test_story_edited_after_publication_keeps_its_id(tiny):
    before = {e.id: e for e in feedparser.parse(news_feed(load_show(tiny), "en", kind="atom")).entries}
    story = tiny / "content" / "en" / "news" / "closing.md"
    text = story.read_text(encoding="utf-8")
    text = text.replace("The fair closes with record deals", "Record deals as the fair closes")
    text = text.replace("key: closing\n", "key: closing\nupdated: 2026-06-15T12:00:00+02:00\n")
    story.write_text(text.replace("## Figures", "## Figures, corrected"), encoding="utf-8")
    story.rename(story.with_name("record-deals.md"))  # even a new file name keeps the id
    after = {e.id: e for e in feedparser.parse(news_feed(load_show(tiny), "en", kind="atom")).entries}
    assert set(after) == set(before)
    edited = after[f"{SITE}en/news/closing"]
    assert edited.title == "Record deals as the fair closes"
    assert edited.link == f"{SITE}en/news/record-deals/"
    assert edited.updated == "2026-06-15T12:00:00+02:00"
    assert edited.published == before[f"{SITE}en/news/closing"].published
    rss_after = feedparser.parse(news_feed(load_show(tiny), "en", kind="rss"))
    assert {e.id for e in rss_after.entries} == set(before)


def test_feeds_are_byte_identical_across_two_builds():
    first = {lang: feed_files(tiny_show(), lang) for lang in ("en", "zh", "ar")}
    second = {lang: feed_files(tiny_show(), lang) for lang in ("en", "zh", "ar")}
    assert first == second


# -- feedgen 1.0.0 faults: each test fails without its workaround ------------------------------


def test_workaround_atom_entry_links_keep_rel_type_hreflang(show):
    """feedgen#135 writes entry links with href only; the image would become an 'alternate'."""
    tree = etree.fromstring(news_feed(show, "en", kind="atom"))
    closing = next(e for e in tree.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("/closing"))
    links = [dict(link.attrib) for link in closing.iter(f"{ATOM}link")]
    assert links == [
        {"href": f"{SITE}en/news/closing/", "rel": "alternate", "type": "text/html", "hreflang": "en",
         "title": "The fair closes with record deals"},
        {"href": f"{SITE}zh/news/closing/", "rel": "related", "type": "text/html", "hreflang": "zh",
         "title": "展会闭幕，成交创纪录"},
        {"href": f"{SITE}en/media/acme.svg", "rel": "enclosure", "type": "image/svg+xml", "length": "221"},
    ]
    entry = feedparser.parse(news_feed(show, "en", kind="atom")).entries[1]
    assert entry.link == f"{SITE}en/news/closing/"
    assert [link.rel for link in entry.links] == ["alternate", "related", "enclosure"]


def test_workaround_updated_is_the_newest_story_never_now(show):
    """feedgen sets feed and entry updated (and RSS lastBuildDate) to now() unless told."""
    atom = etree.fromstring(news_feed(show, "en", kind="atom"))
    assert atom.findtext(f"{ATOM}updated") == "2026-06-12T09:00:00+02:00"
    assert [e.findtext(f"{ATOM}updated") for e in atom.iter(f"{ATOM}entry")] == [
        "2026-06-12T09:00:00+02:00", "2026-06-11T18:00:00+02:00",
    ]
    rss = etree.fromstring(news_feed(show, "en", kind="rss"))
    assert rss.findtext("channel/lastBuildDate") == "Fri, 12 Jun 2026 09:00:00 +0200"
    machines = etree.fromstring(news_feed(show, "en", "machines", "atom"))
    assert machines.findtext(f"{ATOM}updated") == "2026-06-11T18:00:00+02:00"


def test_workaround_rss_channel_and_item_links_are_the_pages(show):
    """feedgen takes the last link() as the RSS <link>: it must be the news page, not the feed."""
    rss = etree.fromstring(news_feed(show, "en", kind="rss"))
    assert rss.findtext("channel/link") == f"{SITE}en/news/"
    self_link = rss.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.attrib == {"href": f"{SITE}en/feed.xml", "rel": "self", "type": "application/rss+xml"}
    assert [i.findtext("link") for i in rss.iter("item")] == [f"{SITE}en/news/notes-one/", f"{SITE}en/news/closing/"]
    atom = etree.fromstring(news_feed(show, "en", kind="atom"))
    assert {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")} == {
        "self": f"{SITE}en/atom.xml", "alternate": f"{SITE}en/news/"}


def test_script_in_title_is_escaped(tiny):
    evil = '</title><script>alert(1)</script> & "x"'
    write_story(tiny, "en", "evil", title=evil, key="evil", date="2026-06-13T10:00:00+02:00",
                summary="<b>bold</b> claim", extra="author: '<i>Eve</i>'\n")
    show = load_show(tiny)
    for kind in ("rss", "atom"):
        data = news_feed(show, "en", kind=kind)
        assert b"<script>" not in data and b"<b>" not in data and b"<i>" not in data
        tree = etree.fromstring(data)
        titles = [t.text for t in tree.iter("title", f"{ATOM}title")]
        assert evil in titles
        assert feedparser.parse(data).bozo == 0


def test_feed_files_and_links(show):
    files = feed_files(show, "en")
    assert sorted(files) == [
        "atom.xml", "events/forum.ics", "events/opening.ics", "feed.xml",
        "news/category/machines/atom.xml", "news/category/machines/feed.xml",
        "news/category/notes/atom.xml", "news/category/notes/feed.xml", "schedule.ics",
    ]
    assert feed_links(show, "zh") == [
        FeedLink("测试展 · 新闻 (RSS)", "feed.xml", "application/rss+xml"),
        FeedLink("测试展 · 新闻 (Atom)", "atom.xml", "application/atom+xml"),
        FeedLink("测试展 · 日程 (日历)", "schedule.ics", "text/calendar"),
    ]
    for link in feed_links(show, "en"):
        assert link.href in files


def test_reserved_story_name_gets_its_own_address(tiny: Path):
    write_story(tiny, "en", "index", title="Indexed", key="indexed", date="2026-06-13T10:00:00+02:00")
    show = load_show(tiny)
    entry = feedparser.parse(news_feed(show, "en")).entries[0]
    assert entry.link == f"{SITE}en/news/index-en/"
