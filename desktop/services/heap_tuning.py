"""`fix_mmap_threshold`: buffers of a few megabytes handed back to the system when freed.

An import handles such buffers one after another: the decompressed chunks of a member
(bundle/bundle_reader.py), the checking process's messages and the pickles it sends.
glibc's allocator gives the first ones their own mapping, returned at `free`; but once one
is freed it raises its threshold to that size (its "dynamic mmap threshold") and serves
every later one from the heap, where they leave holes the process keeps. Measured on a
100k-form import: the importing process held about 15 MB more at its peak, and the
checking process about 27 MB more. Setting the threshold once, explicitly, turns the
dynamic rule off. Linux with glibc only: elsewhere (or if the call is missing) nothing
is done and the import works as before.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 256 * 1024  # blocks at least this large get their own mapping


def fix_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at `MMAP_THRESHOLD` for this process (idempotent);
    True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (ImportError, OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
