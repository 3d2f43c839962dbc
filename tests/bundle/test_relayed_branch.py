"""A regional HQ relays a restored copy's branch to the national HQ.

Laptop L sends bundles 1 and 2 to the regional office R; L is then restored from a backup
made after bundle 1 and sends a new bundle 2, which R takes as a branch of L's line (its
audit rows follow bundle 1's last row, beside the lost copy's). R exports what it merged
to the national HQ N, whose chain check must see L's branch as the branch R took, not as
a broken chain; a branch of L brought by a signer that never relayed L's rows is held.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile

import pytest

from desktop.bundle import age_crypto
from desktop.bundle.manifest import AUDIT, MANIFEST
from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage import audit_chain
from desktop.storage.database import Database

from bundle_helpers import db_state, identities, make_hq_db, resigned
from test_restored_backup import _backup, _key_forms
from trust_helpers import enrol_fingerprints


def _one(hq, hq_keys, path):
    (result,) = import_bundles(hq, hq_keys.identity_path, [path]).bundles
    return result


class Relay:
    """L's bundles 1, 2 (lost copy) and 2' (restored copy) imported at the regional
    office; `export()` sends what R holds to N."""

    def __init__(self, tmp_path, hq_keys, field_key, field_db, answers):
        self.tmp, self.keys, self.field_key = tmp_path, hq_keys, field_key
        out = tmp_path / "laptop-out"
        out.mkdir()
        send = lambda: export_bundle(field_db, field_key, [hq_keys.recipient], out)
        self.regional = make_hq_db(tmp_path / "regional.db")
        enrol_fingerprints(self.regional, field_key.fingerprint)
        _key_forms(field_db, field_key.device_id, answers, [1, 2])
        self.first = send()
        _backup(field_db, tmp_path / "backup.db")
        _key_forms(field_db, field_key.device_id, answers, [3])
        self.lost = send()
        shutil.copy(tmp_path / "backup.db", field_db)  # the laptop is lost
        _key_forms(field_db, field_key.device_id, answers, [4])
        self.again = send()
        assert self.again.manifest.sequence == 2
        self.national = make_hq_db(tmp_path / "national.db")
        enrol_fingerprints(self.national, field_key.fingerprint)
        self.exports = 0

    @property
    def regional_key(self):
        """R's key (its project has one once it imported a questionnaire), enrolled at N."""
        key = project_device_key(self.regional)
        enrol_fingerprints(self.national, key.fingerprint)
        return key

    def regional_imports(self, *bundles):
        for bundle in bundles:
            result = _one(self.regional, self.keys, bundle.path)
            assert result.status == "imported", result.message
        return result

    def export(self, full=False):
        self.exports += 1
        out = self.tmp / f"regional-out-{self.exports}"
        out.mkdir()
        return export_bundle(self.regional, self.regional_key, [self.keys.recipient], out,
                             full=full).path


@pytest.fixture
def relay(tmp_path, hq_keys, field_key, field_db, valid_answers):
    return Relay(tmp_path, hq_keys, field_key, field_db, valid_answers)


def _rows(db_path, sql="SELECT uuid, hash FROM audit_log WHERE device = ? ORDER BY uuid",
          args=()):
    db = Database.open(db_path)
    try:
        return [tuple(row) for row in db.conn.execute(sql, args)]
    finally:
        db.close()


def _chain_ok(db_path):
    db = Database.open(db_path)
    try:
        return audit_chain.verify_chains(db.conn)
    finally:
        db.close()


@pytest.mark.parametrize("full", [False, True])
def test_a_relayed_branch_imports_at_the_national_hq(relay, full, capsys, monkeypatch):
    """All of it in one export: L's lost rows and its branch reach N together."""
    relay.regional_imports(relay.first, relay.lost, relay.again)
    result = _one(relay.national, relay.keys, relay.export(full=full))
    assert result.status == "imported", result.message
    laptop = relay.field_key.device_id
    assert _rows(relay.national, args=(laptop,)) == _rows(relay.regional, args=(laptop,))
    keyed = ("SELECT form_number FROM response r JOIN round ON round.uuid = r.round_uuid "
             "WHERE round.name = 'Keyed' ORDER BY 1")
    assert _rows(relay.national, keyed) == [(n,) for n in (1, 2, 3, 4)]  # both copies'
    report = _chain_ok(relay.national)
    assert report.ok, [str(f) for f in report.findings]
    assert main(["check", "--db", str(relay.national)]) == 0
    # Said, never unseen: check, check --json and devices list, in both languages.
    _says_the_relayed_branch(relay, capsys, monkeypatch)
    # The same relay again, whole: every row is one N holds, branch included.
    again = _one(relay.national, relay.keys, relay.export(full=True))
    assert again.status in ("imported", "replay"), again.message
    assert _chain_ok(relay.national).ok


def _says_the_relayed_branch(relay, capsys, monkeypatch):
    laptop, regional = relay.field_key.device_id, relay.regional_key.device_id
    for lang, said in (("en", f"as relayed by {regional} in its bundle"),
                       ("es", f"según lo retransmitió {regional} en su paquete")):
        monkeypatch.setenv("RISKMAP_LANG", lang)
        for command in ("check", "devices list"):
            capsys.readouterr()
            assert main([*command.split(), "--db", str(relay.national)]) == 0
            out = capsys.readouterr().out
            assert f"  {laptop}: " in out and said in out, (command, out)
    capsys.readouterr()
    assert main(["check", "--db", str(relay.national), "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["relayed_branches"]
    assert (listed["device"], listed["relayer"]) == (laptop, regional)


def test_a_relayed_branch_after_the_lost_rows_reached_the_national_hq(relay):
    """N held the lost copy's rows (R's earlier export) when the branch comes."""
    relay.regional_imports(relay.first, relay.lost)
    assert _one(relay.national, relay.keys, relay.export()).status == "imported"
    relay.regional_imports(relay.again)
    result = _one(relay.national, relay.keys, relay.export())
    assert result.status == "imported", result.message
    laptop = relay.field_key.device_id
    assert _rows(relay.national, args=(laptop,)) == _rows(relay.regional, args=(laptop,))
    assert _chain_ok(relay.national).ok


# -- what N must not take -------------------------------------------------------------
def _members(path, keys):
    plain = age_crypto.decrypt(path.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with_audit(members, lines):
    members = dict(members)
    members[AUDIT] = ("".join(line + "\n" for line in lines)).encode()
    manifest = json.loads(members[MANIFEST])
    manifest["files"][AUDIT] = hashlib.sha256(members[AUDIT]).hexdigest()
    manifest["counts"]["audit"] = len(lines)
    members[MANIFEST] = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
    return members


def _audit_lines(members):
    return [line for line in members[AUDIT].decode().split("\n") if line]


def test_a_post_cannot_relay_a_branch_of_another_device(relay, tmp_path, hq_keys):
    """A field laptop P, enrolled at N, carries L's rows with L's branch (rows it might
    have from L's team): N took L's rows only through R, so only R may bring a branch of
    L's chain. P's bundle is held and nothing changes; R's own relay still imports."""
    relay.regional_imports(relay.first, relay.lost)
    assert _one(relay.national, relay.keys, relay.export()).status == "imported"
    relay.regional_imports(relay.again)
    relayed_path = relay.export()
    relayed = _members(relayed_path, relay.keys)
    post = tmp_path / "post" / "post.db"
    project = Project.open(post)
    fill_demo(project, 5, seed=7, round_name="Norte")
    project.close()
    post_key = project_device_key(post)
    enrol_fingerprints(relay.national, post_key.fingerprint)
    out = tmp_path / "post-out"
    out.mkdir()
    own = _members(export_bundle(post, post_key, [hq_keys.recipient], out, full=True).path,
                   hq_keys)
    laptop = relay.field_key.device_id
    carried = [line for line in _audit_lines(relayed) if json.loads(line)["device"] == laptop]
    assert carried
    forged = resigned(_with_audit(own, _audit_lines(own) + carried), hq_keys, post_key,
                      tmp_path / "post-relay.zip.age")
    before = db_state(relay.national)
    result = _one(relay.national, relay.keys, forged)
    assert (result.status, result.refusal) == ("held", "relayed_branch"), result.message
    assert laptop in result.message_in("en") and "rama" in result.message_in("es")
    assert db_state(relay.national) == before
    assert _one(relay.national, relay.keys, relayed_path).status == "imported"


def test_a_relayed_branch_must_start_at_a_row_of_the_same_chain(relay, tmp_path):
    """R's bundle whose branch of L starts after a row L's chain never had (its rows
    re-hashed to match): refused for L's chain, nothing changes."""
    relay.regional_imports(relay.first, relay.lost, relay.again)
    members = _members(relay.export(full=True), relay.keys)
    laptop = relay.field_key.device_id
    lines, prev, forked = [], None, False
    for line in _audit_lines(members):
        row = json.loads(line)
        if row["device"] == laptop:
            if prev is not None and row["prev_hash"] != prev and not forked:
                forked = True
                row["prev_hash"] = "ab" * 32  # no row of L's chain
            elif forked:
                row["prev_hash"] = prev
            if forked:
                row["hash"] = audit_chain.row_hash(row["prev_hash"],
                                                   [row[f] for f in audit_chain.AUDIT_FIELDS])
                line = json.dumps(row, sort_keys=True, separators=(",", ":"))
            prev = row["hash"]
        lines.append(line)
    assert forked
    forged = resigned(_with_audit(members, lines), relay.keys, relay.regional_key,
                      tmp_path / "nowhere.zip.age")
    before = db_state(relay.national)
    result = _one(relay.national, relay.keys, forged)
    assert (result.status, result.refusal) == ("refused", "audit_chain"), result.message
    assert db_state(relay.national) == before
