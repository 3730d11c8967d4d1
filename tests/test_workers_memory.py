"""A worker gives back the memory a finished job freed (glibc keeps freed heap pages otherwise)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim; /proc")

FRAGMENTED_HEAP = textwrap.dedent("""
    from generator.workers import release_memory

    def rss_mib():
        with open("/proc/self/status") as status:
            return int(dict(line.split(":", 1) for line in status)["VmRSS"].split()[0]) // 1024

    blocks = [bytes(4000) for _ in range(50_000)]  # 200 MB of malloc'd blocks, as a layout leaves
    kept = blocks[::50]  # one survivor every 200 KB: the heap cannot shrink from its top by itself
    del blocks
    freed = rss_mib()
    release_memory()
    print(freed, rss_mib())
""")


def test_release_memory_returns_freed_heap_pages_to_the_system():
    out = subprocess.run([sys.executable, "-c", FRAGMENTED_HEAP], check=True, capture_output=True, text=True)
    freed, released = map(int, out.stdout.split())
    assert freed > 150  # the freed blocks still count in the process's memory
    assert released < freed - 120, (freed, released)
