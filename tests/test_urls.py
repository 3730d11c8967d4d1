"""Addresses on the built site (generator/urls.py): one owner, and every producer agrees with it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from generator.load import load_show
from generator.pdf.surveylinks import survey_page
from generator.show import Show
from generator.site.forms import form_pages
from generator.site.pages import share_front_matter
from generator.site.rootpage import robots_txt, sitemap_index
from generator.urls import (
    absolute_url,
    action_url,
    event_calendar_path,
    feed_path,
    form_thanks_url,
    form_url,
    href,
    lang_root,
    page_address,
    page_url,
    relative_url,
    site_host,
    site_root,
)

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
TODAY = dt.date(2026, 10, 20)


@pytest.fixture(scope="module")
def show() -> Show:
    return load_show(TINY)


def with_urls(show: Show, site_url: str, collector_url: str | None = None) -> Show:
    update = {"site_url": site_url} | ({"collector_url": collector_url} if collector_url else {})
    return dataclasses.replace(show, info=show.info.model_copy(update=update))


@pytest.mark.parametrize(("docs_path", "url"), [
    ("index.md", ""), ("about.md", "about/"), ("exhibitors/index.md", "exhibitors/"),
    ("exhibitors/acme.md", "exhibitors/acme/"), ("news/category/fair.md", "news/category/fair/"),
    ("feed.xml", "feed.xml"), ("media/a.png", "media/a.png"),
])
def test_page_url_is_the_directory_url_of_a_docs_path(docs_path: str, url: str) -> None:
    assert page_url(docs_path) == url


@pytest.mark.parametrize(("here", "to", "link"), [
    ("index.md", "about.md", "about/"), ("about.md", "index.md", "../"), ("about.md", "about.md", "./"),
    ("exhibitors/acme.md", "halls.md", "../../halls/"), ("index.md", "brochure.pdf", "brochure.pdf"),
    ("news/a.md", "forms/survey/index.md", "../../forms/survey/"),
])
def test_href_links_pages_relatively(here: str, to: str, link: str) -> None:
    assert href(here, to) == link


def test_relative_url_climbs_out_of_a_page_to_a_site_file() -> None:
    assert relative_url("news/category/fair.md", "news/category/fair/feed.xml") == "../../../news/category/fair/feed.xml"
    assert relative_url("index.md", "") == "./"


@pytest.mark.parametrize("site_url", ["https://tiny.example.org", "https://tiny.example.org/",
                                      "https://tiny.example.org//"])
def test_the_site_root_ends_in_exactly_one_slash(show: Show, site_url: str) -> None:
    moved = with_urls(show, site_url)
    assert site_root(moved) == "https://tiny.example.org/"
    assert lang_root(moved, "en") == "https://tiny.example.org/en/"
    assert site_host(moved) == "tiny.example.org"


def test_absolute_addresses_of_pages_forms_feeds_and_calendars(show: Show) -> None:
    assert absolute_url(show, "en", "brochure.pdf") == "https://tiny.example.org/en/brochure.pdf"
    assert page_address(show, "zh", "exhibitors/index.md") == "https://tiny.example.org/zh/exhibitors/"
    assert form_url(show, "en", "feedback") == "https://tiny.example.org/en/forms/feedback/"
    assert form_thanks_url(show, "en", "feedback") == "https://tiny.example.org/en/forms/feedback/thanks/"
    assert feed_path("rss") == "feed.xml"
    assert feed_path("atom", "fair") == "news/category/fair/atom.xml"
    assert event_calendar_path("opening") == "events/opening.ics"


@pytest.mark.parametrize("collector_url", ["https://collect.example.org/api", "https://collect.example.org/api/"])
def test_forms_post_below_the_collector_address(show: Show, collector_url: str) -> None:
    moved = with_urls(show, "https://tiny.example.org/", collector_url)
    assert action_url(moved, "feedback") == "https://collect.example.org/api/f/feedback"


def test_every_producer_of_absolute_addresses_agrees_on_the_site_root(show: Show) -> None:
    """A site URL under a path, written with a doubled slash, gives one root everywhere: the form's
    thank-you page, the letter's survey link, link previews, robots.txt and the sitemap index
    (forms once kept the doubled slash while pages and letters dropped it)."""
    moved = with_urls(show, "https://tiny.example.org/expo//")
    root = "https://tiny.example.org/expo/"
    form_id = moved.forms[0].id
    thanks = form_pages(moved, "en", TODAY)[f"forms/{form_id}/thanks.md"]
    assert set(re.findall(r"\]\((https?://[^)]*)\)", thanks)) == {f"{root}en/", f"{root}en/forms/{form_id}/"}
    assert survey_page(moved, "en", form_id) == f"{root}en/forms/{form_id}/"
    assert f'image: "{root}en/media/a.png"' in str(share_front_matter(moved, "en", None, "media/a.png"))
    assert f"Sitemap: {root}sitemap.xml" in robots_txt(moved)
    assert f"<loc>{root}en/sitemap.xml</loc>" in sitemap_index(moved, TODAY)
