"""Search finds exhibitors and news in each language of the sample show, in a real Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import search, served_site
from site_support import copy_sample

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("search")
    with served_site(lambda site_url: copy_sample(folder, site_url=site_url, collector_url="http://127.0.0.1:9/"),
                     today="2026-05-20") as (_, url):
        yield url


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("zh", "机器人", "/zh/exhibitors/haizhou-robotics/"),
        ("zh", "协作机器人", "/zh/news/2026-05-13-smart-manufacturing-deals/"),
        ("en", "cobot", "/en/exhibitors/haizhou-robotics/"),
        ("en", "palletising", "/en/exhibitors/haizhou-robotics/"),
        ("ko", "협동로봇", "/ko/news/2026-05-13-smart-manufacturing-deals/"),
        ("ja", "ロボット", "/ja/exhibitors/haizhou-robotics/"),
        ("ja", "協働ロボット", "/ja/news/2026-05-13-smart-manufacturing-deals/"),
        ("ja", "清里精機", "/ja/news/2026-05-13-smart-manufacturing-deals/"),
        ("ja", "清里精機", "/ja/exhibitors/kiyosato-seiki/"),
        # In the exhibitor's description as インライン検査システム: kanji + katakana, like 協働ロボット
        ("ja", "検査システム", "/ja/exhibitors/kiyosato-seiki/"),
    ],
)
def test_search_finds_exhibitors_and_news(page, base_url: str, lang: str, query: str, expected: str) -> None:  # noqa: ANN001
    hrefs = search(page, f"{base_url}{lang}/", query)
    assert any(href.endswith(expected) for href in hrefs), hrefs


def test_japanese_search_does_not_match_single_characters(page, base_url: str) -> None:  # noqa: ANN001
    """Only one exhibitor mentions パレタイジング: an index cut into single characters would list dozens."""
    hrefs = search(page, f"{base_url}ja/", "パレタイジング")
    assert hrefs, hrefs
    assert all(href.endswith("/ja/exhibitors/haizhou-robotics/") for href in hrefs), hrefs
