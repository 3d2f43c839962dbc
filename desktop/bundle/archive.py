"""The ZIP inside a bundle: written in a fixed member order, read with strict safety checks.

Reading trusts nothing: member names must be exactly the expected flat names (no paths,
no '..', no absolute names, no duplicates, nothing extra or missing), every member must be
a regular file (no symlink, device or folder entries), and sizes are capped
(per file, in total, and by compression ratio) while decompressing, so a crafted archive
cannot fill the disk or memory (no decompression bombs).
"""

from __future__ import annotations

import io
import posixpath
import stat
import struct
import zipfile
from concurrent.futures import ThreadPoolExecutor
from typing import Mapping, Sequence

from . import deflate
from .errors import BundleError
from .manifest import MANIFEST, MAX_MANIFEST_BYTES, MEMBERS, SIGNATURE

MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # uncompressed content of one bundle
MAX_RATIO = 200  # uncompressed / compressed per member (real bundles stay below 20)
RATIO_FLOOR = 1024 * 1024  # small members may compress better than the ratio
# Every member is dated 2020-01-01 00:00 (the export time is in the manifest).
_DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1
_DOS_TIME = 0
_UTF8_FLAG = 0x800


def write_zip(files: Mapping[str, bytes]) -> bytes:
    """A ZIP of `files` (name -> bytes), members in the order given.

    Members are deflated in parallel threads (zlib releases the GIL), then laid out as a
    plain ZIP (no ZIP64: bundles stay far below 4 GB) that `unzip` and zipfile read."""
    items = list(files.items())
    with ThreadPoolExecutor(max_workers=min(4, len(items) or 1)) as pool:
        packed = list(pool.map(lambda item: _deflate(item[1]), items))
    return write_deflated([(name, crc, len(data), compressed)
                           for (name, data), (crc, compressed) in zip(items, packed)])


def write_deflated(members: Sequence[tuple[str, int, int, bytes]]) -> bytes:
    """A ZIP of members already deflated (raw deflate): (name, crc32, size, compressed),
    in the order given; the layout of `write_zip`."""
    parts: list[bytes] = []
    central = []
    offset = 0
    for name, crc, size, compressed in members:
        encoded = name.encode("utf-8")
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, _UTF8_FLAG, 8, _DOS_TIME,
                             _DOS_DATE, crc, len(compressed), size, len(encoded), 0)
        parts += (header, encoded, compressed)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 0x0314, 20, _UTF8_FLAG, 8,
                                   _DOS_TIME, _DOS_DATE, crc, len(compressed), size,
                                   len(encoded), 0, 0, 0, 0, 0o644 << 16, offset) + encoded)
        offset += len(header) + len(encoded) + len(compressed)
    size = sum(map(len, central))
    parts += central
    parts.append(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                             size, offset, 0))
    return b"".join(parts)


def _deflate(data: bytes) -> tuple[int, bytes]:
    compressor = deflate.compressobj()
    return deflate.crc32(data), compressor.compress(data) + compressor.flush()


def unsafe_name(name: str) -> bool:
    """True for member names that could escape a folder when unzipped."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return True
    if len(name) > 1 and name[1] == ":":
        return True
    parts = posixpath.normpath(name).split("/")
    return ".." in name.split("/") or ".." in parts or name != posixpath.normpath(name)


def open_zip(data: bytes) -> zipfile.ZipFile:
    """Open the decrypted bytes as a ZIP and check its member list and declared sizes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleError("tampered", f"zip: {exc}") from exc
    names = [info.filename for info in infos]
    if any(unsafe_name(name) for name in names):
        raise BundleError("unsafe", f"member names {names}")
    if len(names) != len(set(names)) or set(names) != set(MEMBERS):
        raise BundleError("unsafe", f"members {names}")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise BundleError("unsafe", f"{info.filename} is encrypted inside the zip")
        kind = stat.S_IFMT(info.external_attr >> 16)
        if info.is_dir() or kind not in (0, stat.S_IFREG):
            # A symlink, device, fifo or folder: only plain files are ever written.
            raise BundleError("unsafe", f"{info.filename} is not a regular file ({kind:o})")
        total += info.file_size
        _check_ratio(info.filename, info.file_size, info.compress_size)
    if total > MAX_TOTAL_BYTES:
        raise BundleError("too_large", f"declared {total} bytes")
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int | None = None) -> bytes:
    """The bytes of one member, read with a hard cap (declared sizes may lie)."""
    cap = limit if limit is not None else MAX_TOTAL_BYTES
    info = archive.getinfo(name)
    try:
        with archive.open(info) as handle:
            data = handle.read(cap + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BundleError("tampered", f"{name}: {exc}") from exc
    if len(data) > cap:
        raise BundleError("too_large", f"{name} exceeds {cap} bytes")
    _check_ratio(name, len(data), info.compress_size)
    return data


def read_signed_part(archive: zipfile.ZipFile) -> tuple[bytes, bytes]:
    """manifest.json and manifest.sig, each with a small cap."""
    return (read_member(archive, MANIFEST, MAX_MANIFEST_BYTES),
            read_member(archive, SIGNATURE, 1024))


def _check_ratio(name: str, size: int, compressed: int) -> None:
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise BundleError("too_large", f"{name}: compression ratio {size}/{compressed}")
