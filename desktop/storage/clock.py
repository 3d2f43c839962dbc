"""Timestamps and identifiers as stored: UTC ISO-8601 text with microseconds, uuid4 text."""

from __future__ import annotations

import datetime as dt
import uuid


def utc_now() -> str:
    """Now, in UTC, as '2026-11-29T09:21:30.123456Z'."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_uuid() -> str:
    return str(uuid.uuid4())
