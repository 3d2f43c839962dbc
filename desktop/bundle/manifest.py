"""`manifest.json` of bundle format v1: what a bundle holds and the hash of every file.

The manifest is written as sorted, indented UTF-8 JSON; `manifest.sig` signs these exact
bytes, so the reader verifies the signature over the bytes it received and only then trusts
the fields. `parse_manifest` checks types strictly: a manifest that is not exactly what
this program writes is refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

from ..domain.plain_names import has_control
from .errors import BundleError

FORMAT = "riskmap-bundle"
FORMAT_VERSION = 2  # 2: audit.jsonl rows carry their hash chain (prev_hash, hash)
# 3: one part of a series (`series`: id, part, parts); its audit rows are those of its
# forms, and the chain is checked on the whole series (docs/bundles.md, "Series").
SERIES_FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
# A device's bundles are numbered 1, 2, 3 ...: a number from this on is refused (it could
# not be stored; a signed manifest may say 10**20).
MAX_SEQUENCE = 10 ** 9
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
QUESTIONNAIRE = "questionnaire.json"
RESPONSES_CSV = "responses.csv"
RECORDS = "records.jsonl"
AUDIT = "audit.jsonl"
DATA_FILES = (QUESTIONNAIRE, RESPONSES_CSV, RECORDS, AUDIT)
MEMBERS = (MANIFEST, SIGNATURE) + DATA_FILES
MAX_MANIFEST_BYTES = 64 * 1024

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Manifest:
    """The fields of manifest.json (format version 1)."""

    bundle_uuid: str
    device_id: str
    device_public_key: str  # base64 of the raw Ed25519 public key
    sequence: int  # 1, 2, 3 ... per device
    previous_bundle_uuid: str | None
    created: str  # UTC ISO-8601
    scope: str  # "incremental" or "full"
    questionnaire: dict  # id, version, sha256
    counts: dict  # rounds, forms, answers, audit
    files: dict  # file name -> sha256 of its bytes
    app_version: str = ""
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    extra: dict = field(default_factory=dict)
    series: dict | None = None  # {"id": uuid, "part": k, "parts": n} (format 3 only)

    def to_bytes(self) -> bytes:
        """The exact bytes written to manifest.json (and signed)."""
        data = asdict(self)
        if not data["extra"]:
            data.pop("extra")
        if data["series"] is None:
            data.pop("series")
        return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def read_format_version(data: bytes) -> tuple[dict, int]:
    """The manifest as a dict and its format version; BundleError when it is not JSON."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise BundleError("too_large", "manifest.json")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleError("tampered", f"manifest.json: {exc}") from exc
    except RecursionError as exc:  # nested deeper than the interpreter's stack allows
        raise BundleError("tampered", "manifest.json: nested too deep") from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BundleError("tampered", "manifest.json: not a RiskMap manifest")
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BundleError("tampered", "manifest.json: no format version")
    return raw, version


def parse_manifest(data: bytes) -> Manifest:
    """A checked Manifest from manifest.json bytes (any deviation: BundleError)."""
    raw, version = read_format_version(data)
    if version not in READABLE_VERSIONS:
        raise BundleError("unsupported_version", f"format_version {version}")
    try:
        manifest = Manifest(**raw)
    except TypeError as exc:
        raise BundleError("tampered", f"manifest.json: {exc}") from exc
    _check(manifest)
    return manifest


def _check(m: Manifest) -> None:
    problems = []
    if not (isinstance(m.bundle_uuid, str) and _UUID.match(m.bundle_uuid)):
        problems.append("bundle_uuid")
    if not (isinstance(m.device_id, str) and 0 < len(m.device_id) <= 100
            and not has_control(m.device_id)):  # printed at HQ: no escapes, no breaks
        problems.append("device_id")
    if not isinstance(m.device_public_key, str):
        problems.append("device_public_key")
    if not isinstance(m.sequence, int) or isinstance(m.sequence, bool) \
            or not 1 <= m.sequence < MAX_SEQUENCE:  # a number SQLite can store
        problems.append("sequence")
    if m.previous_bundle_uuid is not None and not (
            isinstance(m.previous_bundle_uuid, str) and _UUID.match(m.previous_bundle_uuid)):
        problems.append("previous_bundle_uuid")
    if not isinstance(m.created, str) or m.scope not in ("incremental", "full"):
        problems.append("created/scope")
    q = m.questionnaire
    if not (isinstance(q, dict) and isinstance(q.get("id"), str)
            and isinstance(q.get("version"), str) and _SHA256.match(str(q.get("sha256")))):
        problems.append("questionnaire")
    if not (isinstance(m.counts, dict) and all(
            isinstance(v, int) and v >= 0 for v in m.counts.values())):
        problems.append("counts")
    if not (isinstance(m.files, dict) and set(m.files) == set(DATA_FILES)
            and all(isinstance(v, str) and _SHA256.match(v) for v in m.files.values())):
        problems.append("files")
    if (m.series is not None or m.format_version >= SERIES_FORMAT_VERSION) \
            and not _series_ok(m.series, m.format_version):
        problems.append("series")
    if problems:
        raise BundleError("tampered", "manifest.json fields: " + ", ".join(problems))


def _series_ok(series: object, version: int) -> bool:
    """A series names its uuid and `part` k of `parts` n (2 <= n), in format 3 only."""
    if version < SERIES_FORMAT_VERSION or not isinstance(series, dict) \
            or set(series) != {"id", "part", "parts"}:
        return False
    part, parts = series["part"], series["parts"]
    return (isinstance(series["id"], str) and _UUID.match(series["id"]) is not None
            and all(isinstance(v, int) and not isinstance(v, bool) for v in (part, parts))
            and 2 <= parts <= 10_000 and 1 <= part <= parts)
