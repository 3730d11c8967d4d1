"""The rate limit is keyed on an IPv6 address's /64 and an IPv4 address's /32."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from collector_support import ADMIN, SITE_ORIGIN, running_collector, tiny_show

from generator.collector.ratelimit import RateLimiter, rate_key
from generator.collector.settings import Settings

FORM = {"Origin": SITE_ORIGIN}


@pytest.mark.parametrize(("address", "key"), [
    ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
    ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    ("192.0.2.7", "192.0.2.7"),
    ("unknown", "unknown"),
])
def test_rate_key(address: str, key: str) -> None:
    assert rate_key(address) == key


def test_one_bucket_per_ipv6_64() -> None:
    limiter = RateLimiter(2)
    assert [limiter.allow(f"2001:db8:0:1::{i:x}", now=0.0) for i in range(1, 4)] == [True, True, False]
    assert limiter.allow("2001:db8:0:2::1", now=0.0)  # the next /64 is someone else
    assert [limiter.allow(f"198.51.100.{i}", now=0.0) for i in range(1, 4)] == [True, True, True]


def test_rotating_ipv6_addresses_behind_a_proxy_are_limited(tmp_path: Path) -> None:
    settings = Settings(show=tiny_show(), db_url=f"sqlite:///{tmp_path / 'r.db'}", admin_token=ADMIN,
                        rate_per_minute=3, trusted_proxies=("127.0.0.1",))
    with running_collector(settings) as running, httpx.Client(base_url=running.url) as c:
        codes = [c.post("/f/feedback", data={"q.exhibits": "good"},
                        headers={**FORM, "X-Forwarded-For": f"2001:db8:77:1::{i:x}"}).status_code
                 for i in range(1, 6)]
        assert codes == [303, 303, 303, 429, 429]
        other = c.post("/f/feedback", data={"q.exhibits": "good"}, headers={**FORM, "X-Forwarded-For": "2001:db8:77:2::1"})
        assert other.status_code == 303
