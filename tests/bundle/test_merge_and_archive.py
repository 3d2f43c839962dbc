"""Pure parts: merge decisions by content hash, archive member-name safety, manifest
strictness, recipients and identities in age-keygen format."""

from __future__ import annotations

import stat

import pytest

from desktop.bundle import age_crypto
from desktop.bundle.archive import open_zip, unsafe_name, write_zip
from desktop.bundle.errors import BundleError
from desktop.bundle.manifest import MEMBERS, parse_manifest
from desktop.bundle.merge import Decision, Version, decide

A1, B1, A2, B2, A3 = (Version(1, "a1"), Version(1, "b1"), Version(2, "a2"), Version(2, "b2"),
                      Version(3, "a3"))


@pytest.mark.parametrize("incoming, base, current, known, expected", [
    (A1, None, None, (), Decision.NEW),
    (A1, None, A1, (), Decision.UNCHANGED),
    (A2, A1, A1, (), Decision.UPDATE),           # the next edit of what HQ has
    (A3, A2, A1, (), Decision.UPDATE),           # HQ missed revision 2: still a descendant
    (A2, None, A1, (), Decision.UPDATE),         # laptop never sent it: trust the revision
    (B1, None, A1, (), Decision.CONFLICT),       # same revision, other content
    (B2, A1, A2, (), Decision.CONFLICT),         # two edits of the same base
    (A2, A1, A3, {(2, "a2")}, Decision.OLDER),   # an older bundle arriving late
    (A1, None, A2, (), Decision.CONFLICT),       # older and never seen: keep both
    (Version(3, "x"), B1, A2, (), Decision.CONFLICT),  # descends from another revision 1
])
def test_decide(incoming, base, current, known, expected):
    assert decide(incoming, base, current, known) == expected


def test_an_edit_of_a_version_hq_kept_as_a_conflict_is_a_conflict():
    """HQ keeps A2 and set B2 aside as a conflict; B3 edits B2: however high its
    revision, it does not descend from A2."""
    b3 = Version(3, "b3")
    assert decide(b3, B2, A2, (), set_aside={(2, "b2")}) == Decision.CONFLICT
    assert decide(b3, B2, A1, (), set_aside={(2, "b2")}) == Decision.CONFLICT
    assert decide(b3, B2, A1, ()) == Decision.UPDATE  # HQ missed B2: a descendant


@pytest.mark.parametrize("incoming, base, current, expected", [
    (A3, A2, A2, Decision.UPDATE),               # an edit of HQ's very version
    (A3, None, A2, Decision.CONFLICT),           # "never sent": its lost copy may have
    (A3, A1, A2, Decision.CONFLICT),             # an older base
    (Version(3, "x"), A2, A1, Decision.CONFLICT),  # a base HQ never held as its version
    (A1, None, A1, Decision.UNCHANGED),
])
def test_decide_on_a_restored_copys_branch(incoming, base, current, expected):
    """A restored copy's bundle numbered again replaces HQ's version only when it edits
    that very version (docs/bundles.md)."""
    assert decide(incoming, base, current, (), branch=True) == expected


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a/../../b", "C:evil", "\\\\srv\\x",
                                  "a\\b", "", "./a", "a//b", "x\x00y"])
def test_unsafe_names(name):
    assert unsafe_name(name)


@pytest.mark.parametrize("name", MEMBERS)
def test_expected_names_are_safe(name):
    assert not unsafe_name(name)


def test_missing_or_extra_members_are_refused():
    members = {name: b"x" for name in MEMBERS}
    open_zip(write_zip(members))
    with pytest.raises(BundleError) as missing:
        open_zip(write_zip({k: v for k, v in members.items() if k != "audit.jsonl"}))
    assert missing.value.kind == "unsafe"
    with pytest.raises(BundleError) as extra:
        open_zip(write_zip({**members, "notes.txt": b"hi"}))
    assert extra.value.kind == "unsafe"
    with pytest.raises(BundleError) as junk:
        open_zip(b"not a zip at all")
    assert junk.value.kind == "tampered"


@pytest.mark.parametrize("text, kind", [
    (b"[]", "tampered"), (b"{}", "tampered"), (b"\xff", "tampered"),
    (b'{"format": "riskmap-bundle", "format_version": 9}', "unsupported_version"),
    (b'{"format": "riskmap-bundle", "format_version": 1, "bundle_uuid": "x"}', "tampered"),
])
def test_manifest_is_strict(text, kind):
    with pytest.raises(BundleError) as error:
        parse_manifest(text)
    assert error.value.kind == kind


def test_identity_file_is_private_and_round_trips(tmp_path):
    identity = age_crypto.generate_identity()
    path = age_crypto.write_identity(tmp_path / "key.txt", identity)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert text.startswith("# created: ") and "# public key: age1" in text
    (loaded,) = age_crypto.load_identities(path)
    recipients = age_crypto.parse_recipients(f"# HQ\n{identity.to_public()}\n\n")
    assert age_crypto.decrypt(age_crypto.encrypt(b"data", recipients), [loaded]) == b"data"
    with pytest.raises(FileExistsError):
        age_crypto.write_identity(path, identity)
    with pytest.raises(BundleError) as bad:
        age_crypto.parse_recipients("age1nope")
    assert bad.value.kind == "bad_recipient"


@pytest.mark.parametrize("reason, base, seconds", [
    (None, None, 95.0), ("dup \"x\" \\ \n\u2028 ñ", (2, "b" * 64), 0.5),
    ("r", None, 1)])  # an int falls back to the general encoder
def test_record_line_is_the_canonical_json(reason, base, seconds):
    import json

    from desktop.bundle import records
    fields = dict(zip(records.FORM_FIELDS, ("u-1", "r-1", 12, "deleted", "A\"M", "d\\v",
                                            "2026", "2026", 3, reason, 130, seconds)))
    record = records.FormRecord(fields, '{"a":"1"}', "x" * 64, base)
    line = record.to_json()
    assert line == record._to_json_general()
    assert json.loads(line)["deleted_reason"] == reason
