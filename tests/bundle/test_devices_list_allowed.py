"""`riskmap devices list` shows, under each device, the rounds HQ allowed it into (which
device the round came from, when, by whom, why), in the user's language; a device allowed
before any bundle of its own came is listed apart. Names from bundles are printed with
their control characters escaped."""

from __future__ import annotations

from desktop.cli import main
from desktop.storage.database import Database

from bundle_helpers import make_hq_db
from test_round_origin_attacks import _post_a, _post_b
from trust_helpers import allow_in_round, enrol_fingerprints


def test_devices_list_shows_allowances(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers, capsys, monkeypatch):
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers, new_numbers=(101,))
    enrol_fingerprints(hq, key_b.fingerprint)
    db = Database.open(hq)
    try:  # a hostile round name, as a bundle may carry one
        with db.transaction() as conn:
            conn.execute("UPDATE round SET name = ? WHERE name = 'Demo 3'",
                         ("Demo\x1b[31m 3\u202e",))
    finally:
        db.close()
    allow_in_round(hq, key_b.device_id, "Demo\x1b[31m 3\u202e")
    allow_in_round(hq, "dev-0123456789ab", "Demo\x1b[31m 3\u202e")  # no bundle of it yet
    monkeypatch.setenv("RISKMAP_LANG", "en")
    capsys.readouterr()
    assert main(["devices", "list", "--db", str(hq)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    lines = out.splitlines()
    b_row = next(i for i, text in enumerate(lines) if key_b.device_id in text)
    allowed = lines[b_row + 1]
    assert allowed.startswith("    allowed into round Demo\\x1b[31m 3\\u202e"), allowed
    assert field_key.device_id in allowed and "second laptop of the team" in allowed
    unlisted = lines.index("dev-0123456789ab (no enrolled key has sent a bundle under this "
                           "id yet):")
    assert lines[unlisted + 1].startswith("    allowed into round Demo")
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["devices", "list", "--db", str(hq)]) == 0
    assert "con permiso en la ronda Demo\\x1b[31m 3\\u202e" in capsys.readouterr().out

