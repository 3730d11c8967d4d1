"""Shards: splitting one client file between machines (``--shard K/N``), stable whatever the order."""

from __future__ import annotations

import hashlib

from ..errors import UsageError


def parse_shard(value: str | None) -> tuple[int, int]:
    """'K/N' -> (K, N) with 1 <= K <= N; None -> (1, 1)."""
    if not value:
        return 1, 1
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard {value!r}: write K/N, e.g. 2/8") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {value!r}: K must be between 1 and N")
    return k, n


def in_shard(client_id: str, shard: tuple[int, int]) -> bool:
    """Whether a client belongs to shard K of N (by a hash of its id: stable whatever the order)."""
    k, n = shard
    bucket = int.from_bytes(hashlib.sha256(client_id.encode()).digest()[:8], "big") % n
    return bucket == k - 1


def manifest_name(shard: tuple[int, int]) -> str:
    """``manifest.csv``, or ``manifest-K-of-N.csv`` with K zero-padded (so ``cat`` keeps the order)."""
    k, n = shard
    return "manifest.csv" if n == 1 else f"manifest-{k:0{len(str(n))}d}-of-{n}.csv"
