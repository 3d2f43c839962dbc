"""Raw deflate and CRC-32 for the members of a bundle: ISA-L's (python-isal) when it is
installed, else the standard library's zlib.

Both write the same format (raw deflate, read back by zipfile and zlib at HQ), so a bundle
imports the same whichever wrote it; only the compressed bytes differ. ISA-L's level 1
deflates a bundle's text about 3.5 times faster than zlib's fastest level, for about 5%
more bytes, and its CRC-32 is several times faster: at 100k forms that is most of the
export's compression time (measured in benchmarks/bench_export.py).
"""

from __future__ import annotations

import zlib

try:
    from isal import isal_zlib as _lib
except ImportError:  # not installed: the standard library's zlib
    _lib = None

ENGINE = "isal" if _lib is not None else "zlib"
# zlib's fastest level; ISA-L's level 1 is its fastest that still matches phrases well.
LEVEL = 1
_WBITS = -15  # raw deflate: the ZIP member holds no zlib header


def compressobj():
    """A raw-deflate compressor (compress(data), flush())."""
    if _lib is not None:
        return _lib.compressobj(LEVEL, _lib.DEFLATED, _WBITS)
    return zlib.compressobj(LEVEL, zlib.DEFLATED, _WBITS)


def crc32(data: bytes, value: int = 0) -> int:
    """The CRC-32 of `data`, continuing from `value` (as zlib.crc32)."""
    return (_lib or zlib).crc32(data, value)
