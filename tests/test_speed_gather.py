"""Gather and feeds at show scale: each language's news lookups are made once per show, and give
exactly what the plain definitions give (order, fallbacks, unique addresses), never a stale answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
from news_support import TINY, write_story

from generator.feeds import feed_files, news_feed
from generator.feeds.news import StoryParts
from generator.feeds.urls import RESERVED_SLUGS, story_docs_path, story_slugs
from generator.graphics.floorplan import holder_name
from generator.load import load_show
from generator.show import NewsItem, Show
from generator.site.gather import _not_in_reader_language, alternates, gather
from generator.site.news import news_pages
from generator.urls import page_url

TODAY = dt.date(2026, 6, 20)


def plain_news_for(show: Show, lang: str) -> list[tuple[NewsItem, bool]]:
    """The definition of Show.news_for before it was computed once per show (the reference)."""
    by_key: dict[str, dict[str, NewsItem]] = {}
    for item in show.news:
        by_key.setdefault(item.meta.key, {})[item.lang] = item
    chosen: list[tuple[NewsItem, bool]] = []
    for versions in by_key.values():
        if lang in versions:
            chosen.append((versions[lang], False))
            continue
        for fallback in [show.default_language, *show.languages]:
            if fallback in versions:
                chosen.append((versions[fallback], True))
                break
    return sorted(chosen, key=lambda pair: show.local(pair[0].date), reverse=True)


def plain_story_slugs(show: Show, lang: str) -> dict[tuple[str, str], str]:
    slugs: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for item, _fallback in sorted(plain_news_for(show, lang), key=lambda pair: (pair[1], pair[0].path)):
        slug = item.slug
        if slug in RESERVED_SLUGS or slug in taken:
            slug = f"{item.slug}-{item.lang}"
            n = 2
            while slug in taken:
                slug, n = f"{item.slug}-{item.lang}-{n}", n + 1
        taken.add(slug)
        slugs[(item.lang, item.slug)] = slug
    return slugs


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Show:
    """The tiny show with reserved names, a fallback named like a story of the reader's language,
    equal dates in several zones, and stories only in the default or only in a later language."""
    root = tmp_path_factory.mktemp("tricky") / "tiny"
    shutil.copytree(TINY, root)
    same = "2026-06-14T10:00:00+02:00"
    write_story(root, "en", "index", title="Reserved", key="reserved", date=same)
    write_story(root, "zh", "index", title="保留", key="reserved", date="2026-06-14T16:00:00+08:00")
    write_story(root, "zh", "notes-one", title="另一篇", key="other", date=same)  # collides in en
    write_story(root, "ar", "notes-one", title="أخرى", key="other-ar", date=same)  # and again
    write_story(root, "ar", "page", title="صفحة", key="only-ar", date="2026-06-13T08:00:00Z")
    for n in range(4):
        write_story(root, "en", f"same-{n}", title=f"Same {n}", key=f"same-{n}", date=same)
    return load_show(root)


def test_news_lookups_equal_the_plain_definitions(tricky: Show) -> None:
    assert len(tricky.news) >= 11
    for lang in [*tricky.languages, "fr"]:  # fr: a reader language the show lacks
        assert tricky.news_for(lang) == plain_news_for(tricky, lang), lang
        assert story_slugs(tricky, lang) == plain_story_slugs(tricky, lang), lang
        expected = sorted((n for n in tricky.news if n.lang == lang), key=lambda n: tricky.local(n.date), reverse=True)
        assert tricky.news_in(lang) == expected, lang
        for item, _fallback in plain_news_for(tricky, lang):
            assert story_docs_path(tricky, lang, item) == f"news/{plain_story_slugs(tricky, lang)[(item.lang, item.slug)]}.md"
    for item in tricky.news:
        assert tricky.translations_of(item) == {n.lang: n for n in tricky.news if n.meta.key == item.meta.key}
    assert story_slugs(tricky, "en")[("zh", "notes-one")] == "notes-one-zh"
    assert story_slugs(tricky, "en")[("ar", "notes-one")] == "notes-one-ar"
    assert story_slugs(tricky, "en")[("en", "index")] == "index-en"


def _local_calls(show: Show) -> int:
    """How often the news pages, feeds and story addresses of every language convert a time."""
    calls: Counter[str] = Counter()

    class CountingShow(Show):
        def local(self, moment: dt.datetime) -> dt.datetime:
            calls["local"] += 1
            return super().local(moment)

    counting = CountingShow(**{f.name: getattr(show, f.name) for f in dataclasses.fields(Show)})
    for lang in counting.languages:
        news_pages(counting, lang, TODAY)
        feed_files(counting, lang)
        for item, _fallback in counting.news_for(lang):
            story_docs_path(counting, lang, item)
    return calls["local"]


def test_news_work_grows_with_the_stories_not_with_their_square(tmp_path: Path) -> None:
    """Asking every story's address used to choose its language's whole news list again."""
    counts = []
    for stories in (10, 20):
        root = tmp_path / f"n{stories}"
        shutil.copytree(TINY, root)
        for n in range(stories):
            write_story(root, "en", f"s-{n:02d}", title=f"S {n}", key=f"s-{n:02d}",
                        date=f"2026-06-{10 + n % 9:02d}T09:00:00+02:00")
        counts.append(_local_calls(load_show(root)))
    assert counts[1] <= 2.2 * counts[0], counts


def test_a_changed_show_never_sees_the_lookups_of_another(tricky: Show) -> None:
    before = tricky.news_for("en")
    before[:] = []  # a caller's copy: changing it changes nothing in the show
    assert tricky.news_for("en") == plain_news_for(tricky, "en")
    fewer = dataclasses.replace(tricky, news=tuple(n for n in tricky.news if n.lang != "zh"))
    assert fewer.news_for("en") == plain_news_for(fewer, "en") != tricky.news_for("en")
    assert story_slugs(fewer, "en") == plain_story_slugs(fewer, "en")
    assert ("zh", "notes-one") not in story_slugs(fewer, "en")
    assert story_slugs(tricky, "en")[("zh", "notes-one")] == "notes-one-zh"


def test_feeds_share_story_parts_only_within_their_language(tricky: Show) -> None:
    files = feed_files(tricky, "zh")
    assert files["feed.xml"] == news_feed(tricky, "zh")
    assert files["atom.xml"] == news_feed(tricky, "zh", kind="atom")
    foreign = StoryParts("en")
    news_feed(tricky, "en", kind="atom", parts=foreign)
    assert foreign.html  # filled for en...
    assert news_feed(tricky, "zh", kind="atom", parts=foreign) == files["atom.xml"]  # ...never used for zh


def test_a_booth_s_holder_is_the_first_exhibitor_listed_with_that_id(tmp_path: Path) -> None:
    show = load_show(TINY)
    booth, holder_id = next(iter(show.booth_holders.items()))
    first = show.exhibitor_by_id[holder_id]
    twin = first.model_copy(update={"name": {"*": "Twin"}, "short_name": None})
    doubled = dataclasses.replace(show, exhibitors_file=show.exhibitors_file.model_copy(
        update={"exhibitors": [*show.exhibitors_file.exhibitors, twin]}))
    for lang in show.languages:
        assert holder_name(doubled, booth, lang) == holder_name(show, booth, lang)
        assert holder_name(doubled, booth, lang)[1] != "Twin"


def plain_alternates(show: Show, contents: dict) -> dict:
    """gather.alternates as it was before stories' pages were indexed by slug (the reference):
    every page of a language looked at for every story."""
    paths = {lang: set(c.pages) for lang, c in contents.items()}
    translated: dict = {lang: {} for lang in contents}
    by_key: dict = {}
    for page in show.pages:
        by_key.setdefault(page.meta.key or page.rel, {})[page.lang] = page.rel
    for keyed in by_key.values():
        for lang, path in keyed.items():
            translated.setdefault(lang, {})[path] = {o: p for o, p in keyed.items() if o != lang}
    for item in show.news:
        versions = show.translations_of(item)
        for path in paths.get(item.lang, ()):
            parts = path.split("/")
            if parts[0] != "news" or not ({item.slug, f"{item.slug}.md"} & set(parts[1:])):
                continue
            for other, twin in versions.items():
                if other != item.lang:
                    translated[item.lang].setdefault(path, {})[other] = "/".join(
                        twin.slug if p == item.slug else f"{twin.slug}.md" if p == f"{item.slug}.md" else p
                        for p in parts)
    out: dict = {}
    for lang in contents:
        mapping = {}
        for path in paths[lang]:
            row = {}
            for other in contents:
                if other != lang and path not in paths[other]:
                    found = translated[lang].get(path, {}).get(other)
                    row[other] = page_url(found) if found and found in paths[other] else ""
            if row:
                mapping[page_url(path)] = row
        out[lang] = mapping
    _not_in_reader_language(show, contents, out)
    return out


def test_language_alternates_equal_the_plain_definition(tricky: Show, tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    shutil.copytree(TINY, root)
    write_story(root, "en", "opening-day", title="Opening", key="opening", date="2026-06-14T10:00:00+02:00")
    write_story(root, "zh", "kai-mu", title="开幕", key="opening", date="2026-06-14T16:00:00+08:00")
    write_story(root, "ar", "iftitah", title="الافتتاح", key="opening", date="2026-06-14T10:00:00+02:00")
    renamed = load_show(root)
    for show in (tricky, renamed):
        contents = gather(show, TODAY, brochures=True)
        assert alternates(show, contents) == plain_alternates(show, contents)
    found = alternates(renamed, gather(renamed, TODAY, brochures=True))
    assert found["en"]["news/opening-day/"] == {"zh": "news/kai-mu/", "ar": "news/iftitah/"}
