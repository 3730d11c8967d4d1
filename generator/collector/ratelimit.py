"""Rate limit per client address (token bucket), and the client address behind trusted proxies."""

from __future__ import annotations

import ipaddress
import time
from collections import OrderedDict


class RateLimiter:
    """At most ``per_minute`` answers per address per minute, with a burst of the same size.

    In memory, per collector process: several instances behind a load balancer each apply it.
    ``per_minute=0`` turns it off (benchmarks). Addresses share a bucket per :func:`rate_key`.
    """

    def __init__(self, per_minute: int, max_addresses: int = 100_000):
        self.per_minute = per_minute
        self.max_addresses = max_addresses
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, address: str, now: float | None = None) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic() if now is None else now
        address = rate_key(address)
        capacity = float(self.per_minute)
        tokens, last = self._buckets.pop(address, (capacity, now))
        tokens = min(capacity, tokens + (now - last) * capacity / 60.0)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._buckets[address] = (tokens, now)
        while len(self._buckets) > self.max_addresses:
            self._buckets.popitem(last=False)
        return allowed


def rate_key(address: str) -> str:
    """The bucket of an address: an IPv4 address itself (/32), an IPv6 address's /64.

    One IPv6 subscriber usually holds a whole /64 and can pick a new address from it for each
    request, so a bucket per IPv6 address would not limit anything. An IPv4-mapped IPv6 address
    (``::ffff:192.0.2.1``) counts as its IPv4 address; what is not an address is its own key.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def parse_networks(values: list[str] | tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Trusted proxies as addresses or networks ("10.0.0.1", "10.0.0.0/8")."""
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip())


def _in(address: str, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(peer: str, forwarded_for: str | None,
                   trusted: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> str:
    """The address to rate-limit: the peer, unless the peer is a trusted proxy.

    Behind trusted proxies, walk X-Forwarded-For from the right and take the first address that is
    not itself a trusted proxy (addresses further left are chosen by the client and may be forged).
    """
    if not forwarded_for or not _in(peer, trusted):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer
    return hops[0] if hops else peer
