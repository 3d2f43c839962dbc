"""A manifest.json nested deeper than the interpreter's stack allows is refused as
tampered (the standard library's reading raised RecursionError, a traceback)."""

from __future__ import annotations

import pytest

from desktop.bundle.errors import BundleError
from desktop.bundle.manifest import read_format_version


def test_a_deeply_nested_manifest_is_tampered_not_a_crash():
    deep = ('{"format": ' + "[" * 20_000 + "]" * 20_000 + "}").encode()
    with pytest.raises(BundleError) as refused:
        read_format_version(deep)
    assert refused.value.kind == "tampered"
