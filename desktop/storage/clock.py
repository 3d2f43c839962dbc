"""Timestamps and identifiers as stored: UTC ISO-8601 text with microseconds, and
time-ordered UUIDs (the layout of RFC 9562 version 7).

A version-7 UUID starts with the time in milliseconds, so rows written one after another
land next to each other in every index keyed by uuid (response, answer, audit_log): a save
touches the right-hand pages of those B-trees instead of random ones. The remaining 74
bits are random, so ids made on different laptops still never collide.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid


def utc_now() -> str:
    """Now, in UTC, as '2026-11-29T09:21:30.123456Z'."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_uuid() -> str:
    """A new time-ordered UUID (version 7 layout) as text."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)   # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)   # RFC 4122 / 9562 variant
    return str(uuid.UUID(int=value))
