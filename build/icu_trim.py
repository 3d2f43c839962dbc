"""Shrink the ICU data library Qt ships on Linux (libicudata.so.NN, about 31 MB) to the
parts a Spanish/English desktop program uses (about 5 MB).

Qt on Linux links ICU for collation, case mapping and legacy text codecs. The data library
is one big table of items ("icudt73l/coll/es.res", "icudt73l/cjdict.dict", ...): the
locale data of some 900 locales, East Asian word dictionaries and multi-byte codecs.
`trim_icu_library(src, out_dir)` keeps the root, English and Spanish locale data, every
non-locale table (normalisation, properties, time zones, plural rules...), the break rules
without the dictionaries, and the single-byte codecs, and drops the transliteration rules.
It writes the table in ICU's common data format (a table of contents and 16-byte aligned
items, see ICU's ucmndata.h) and links it into a new shared library with the same soname and data symbol, using binutils (`as`,
`ld`; PyInstaller already needs binutils on Linux). Windows and macOS builds use the
system's ICU or none, so there is nothing to trim there.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

KEPT_LANGUAGES = ("root", "en", "es")
MAX_CODEC_BYTES = 16_384  # single-byte codecs (windows-125x, iso-8859-x) are a few KB
LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")


def keep_item(name: str, size: int) -> bool:
    """True for an ICU data item (path below the package folder) RiskMap keeps."""
    leaf = name.rsplit("/", 1)[-1]
    if name.startswith("translit/"):
        return False  # transliteration rules; Qt never asks ICU to transliterate
    if leaf.endswith(".dict"):
        return False  # CJK, Thai, Khmer, Lao, Burmese word-break dictionaries
    if leaf.endswith(".cnv"):
        return size <= MAX_CODEC_BYTES
    if (leaf.endswith(".res") and LOCALE_ITEM.match(leaf)
            and leaf not in ("pool.res", "res_index.res")):
        language = leaf[:-4].split("_")[0]
        return language in KEPT_LANGUAGES
    return True


def _elf_section(data: bytes, wanted: str) -> tuple[int, int]:
    """(file offset, size) of the section called `wanted` in a 64-bit little-endian ELF."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    names_offset = sections[shstrndx][4]
    for name_index, _type, _flags, _addr, offset, size, *_rest in sections:
        end = data.index(b"\0", names_offset + name_index)
        if data[names_offset + name_index:end].decode() == wanted:
            return offset, size
    raise ValueError(f"no {wanted} section")


def split_common_data(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, bytes) items of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    count, = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name_end = blob.index(b"\0", toc + name_offset)
        name = blob[toc + name_offset:name_end].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(blob) - toc
        items.append((name, blob[toc + data_offset:toc + end]))
    return blob[:header_size], items


def join_common_data(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package from a header and sorted (name, bytes) items."""
    count = len(items)
    names = b""
    name_offsets = []
    names_start = 4 + 8 * count
    for name, _data in items:
        name_offsets.append(names_start + len(names))
        names += name.encode("ascii") + b"\0"
    data_start = names_start + len(names)
    data_start += -data_start % 16
    body = b""
    data_offsets = []
    for _name, data in items:
        data_offsets.append(data_start + len(body))
        body += data + b"\0" * (-len(data) % 16)
    toc = struct.pack("<I", count) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets))
    toc += names
    toc += b"\0" * (data_start - len(toc))
    return header + toc + body


def trim_common_data(blob: bytes) -> tuple[bytes, int, int]:
    """(trimmed package, items kept, items dropped)."""
    header, items = split_common_data(blob)
    kept = [(name, data) for name, data in items
            if keep_item(name.split("/", 1)[-1], len(data))]
    # A small codec may only extend a big one it names inside (windows-950 -> ibm-1373):
    # drop it with its base, or ICU would find a codec it cannot open.
    kept_names = {name for name, _data in kept}
    dropped_codecs = [name.rsplit("/", 1)[-1][:-4].encode("ascii") for name, _data in items
                      if name.endswith(".cnv") and name not in kept_names]
    kept = [(name, data) for name, data in kept
            if not (name.endswith(".cnv") and any(base in data for base in dropped_codecs))]
    return join_common_data(header, kept), len(kept), len(items) - len(kept)


def trim_icu_library(src: str | Path, out_dir: str | Path) -> Path | None:
    """A trimmed copy of libicudata.so.NN in `out_dir`, or None if it cannot be made."""
    src = Path(src)
    match = re.match(r"libicudata\.so\.(\d+)", src.name)
    if not match or not shutil.which("as") or not shutil.which("ld"):
        return None
    data = src.read_bytes()
    offset, size = _elf_section(data, ".rodata")
    blob, _kept, _dropped = trim_common_data(data[offset:offset + size])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "icudata.dat").write_bytes(blob)  # the .s file includes it by name
    symbol = f"icudt{match.group(1)}_dat"
    (out_dir / "icudata.s").write_text(
        f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
        f'{symbol}:\n.incbin "icudata.dat"\n.size {symbol}, .-{symbol}\n'
        '.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
    subprocess.run(["as", "-o", "icudata.o", "icudata.s"], cwd=out_dir, check=True)
    out = out_dir / src.name
    subprocess.run(["ld", "-shared", "-soname", src.name, "-o", str(out), "icudata.o"],
                   cwd=out_dir, check=True)
    return out
