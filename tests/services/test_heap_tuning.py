"""glibc's mmap threshold fixed for the import's processes (services/heap_tuning.py)."""

from __future__ import annotations

import platform
import sys

import pytest

from desktop.services.heap_tuning import fix_mmap_threshold


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc only")
def test_the_threshold_is_set_on_glibc_and_setting_it_again_is_harmless():
    assert fix_mmap_threshold() is True
    assert fix_mmap_threshold() is True
    big = bytearray(8 * 1024 * 1024)  # allocations still work either side of the call
    del big


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="not Linux")
def test_elsewhere_nothing_is_done():
    assert fix_mmap_threshold() is False
