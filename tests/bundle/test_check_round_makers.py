"""`riskmap check` at HQ says, per round whose uuid names the key that made it, whether
that maker has signed a bundle here yet and which other devices brought forms into it,
allowed or not (services/round_makers.py `made_rounds`). Two enrolled laptops, real
signed bundles: post B learnt post A's round uuid and sent first."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.services.import_service import import_bundles
from desktop.storage.database import Database

from bundle_helpers import make_hq_db
from test_round_maker_attacks import _b_keys_again
from test_round_origin_attacks import _post_b
from trust_helpers import enrol_fingerprints


def _check(capsys, hq, *extra) -> str:
    capsys.readouterr()
    assert main(["check", "--db", str(hq), *extra]) == 0
    return capsys.readouterr().out


def _round_lines(text: str) -> list[str]:
    """The lines of rounds by maker (not the allowances listed under "whose rounds")."""
    return [line for line in text.splitlines() if line.startswith(("  round ", "  ronda "))
            and (": made by " in line or ": creada por " in line)]


def test_check_says_whose_round_and_who_else_wrote_in_it(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers, capsys,
        monkeypatch):
    monkeypatch.setenv("RISKMAP_LANG", "en")
    hq = make_hq_db(tmp_path / "hq.db")
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101,), own_round=True)
    enrol_fingerprints(hq, field_key.fingerprint, key_b.fingerprint)
    [first] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert first.status == "imported", first.message
    # A has not sent yet: B, which brought A's round first, still adds forms to it.
    said = _check(capsys, hq)
    assert "rounds by maker: 2; the maker of 1 has signed a bundle here, and 1 hold only " \
           "their maker's forms" in said, said
    [demo] = _round_lines(said)
    assert demo.startswith("  round Demo 3: made by the enrolled key ")
    assert "(test laptop), which has not signed a bundle here yet" in demo
    assert f"{key_b.device_id} brought 1 form (it brought the round first" in demo
    # A's first bundle: the round is A's, and B's form stays, held from now on.
    [genuine] = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert genuine.status == "imported", genuine.message
    [demo] = _round_lines(_check(capsys, hq))
    # The fixture's demo forms were keyed under a device id of their own, not A's: that
    # column is the laptop's word, so it is said as such, never counted as A's.
    keyed = _demo_device(hq)
    assert demo == (f"  round Demo 3: made by {field_key.device_id}; {keyed} keyed 30 forms "
                    f"(no enrolled key has signed a bundle as {keyed}); {key_b.device_id} "
                    "brought 1 form (not allowed: its bundles that change this round are "
                    "held)")
    [held] = import_bundles(hq, hq_keys.identity_path, [_b_keys_again(
        tmp_path, hq_keys, key_b, field_db, valid_answers, 102)]).bundles
    assert held.status == "held"
    # HQ allows B (one team): said so; a hostile name is printed as text.
    db = Database.open(hq)
    try:
        with db.transaction() as conn:
            conn.execute("UPDATE round SET name = 'Demo 3\x1b[2J' WHERE name = 'Demo 3'")
    finally:
        db.close()
    capsys.readouterr()
    assert main(["devices", "allow", "--db", str(hq), key_b.device_id, "--round",
                 "Demo 3\x1b[2J"]) == 0
    # Whose round: its maker A, as the maker's line says (B only brought it first).
    assert f"(the round of {field_key.device_id})" in capsys.readouterr().out
    assert import_bundles(hq, hq_keys.identity_path, [_last_b(tmp_path)]
                          ).bundles[0].status == "imported"
    said = _check(capsys, hq)
    [demo] = _round_lines(said)
    assert demo.startswith(f"  round Demo 3\\x1b[2J: made by {field_key.device_id}; ")
    assert demo.endswith(f"; {key_b.device_id} brought 2 forms (allowed)")
    assert "\x1b" not in said
    # The allowance under "whose rounds" names the same owner as the maker's line, not B
    # (which brought the round first and is the device allowed).
    [shared] = [line for line in said.splitlines() if "may add forms too" in line]
    assert shared.startswith(f"  round Demo 3\\x1b[2J: device {key_b.device_id} may add "
                             f"forms too (the round of {field_key.device_id}); "), shared
    assert "whose rounds:    2 of a device (its maker's once the maker has signed" in said
    capsys.readouterr()
    assert main(["devices", "list", "--db", str(hq)]) == 0
    listed = capsys.readouterr().out
    assert f"allowed into round Demo 3\\x1b[2J (the round of {field_key.device_id})" in \
        listed, listed
    # In Spanish, and every round in --json.
    monkeypatch.setenv("RISKMAP_LANG", "es")
    said = _check(capsys, hq)
    assert "rondas con creador: 2; el creador de 2 ya firmó un paquete aquí, y 1 solo " \
           "tienen formularios de su creador" in said, said
    assert _round_lines(said) == [
        f"  ronda Demo 3\\x1b[2J: creada por {field_key.device_id}; {keyed} digitó 30 "
        f"formularios (ninguna clave inscrita ha firmado un paquete como {keyed}); "
        f"{key_b.device_id} trajo 2 formularios (con permiso)"]
    assert f"también puede agregar formularios (ronda de {field_key.device_id})" in said
    report = json.loads(_check(capsys, hq, "--json"))
    [shared] = report["round_origins"]["shared"]
    assert (shared["origin"], shared["owner"]) == (key_b.device_id, field_key.device_id)
    rounds = {r["round"]: r for r in report["round_makers"]}
    assert rounds["Puesto B"]["maker_device"] == key_b.device_id
    assert rounds["Puesto B"]["others"] == [] and rounds["Puesto B"]["maker_forms"] == 1
    assert rounds["Demo 3\x1b[2J"]["maker"] == field_key.fingerprint.replace(" ", "")
    assert rounds["Demo 3\x1b[2J"]["maker_forms"] == 0
    assert sorted(rounds["Demo 3\x1b[2J"]["others"], key=lambda o: o["standing"]) == [
        {"device": key_b.device_id, "forms": 2, "standing": "allowed"},
        {"device": keyed, "forms": 30, "standing": "unbound"}]


def _demo_device(hq) -> str:
    db = Database.open(hq)
    try:
        return db.conn.execute("SELECT device FROM response WHERE device LIKE 'demo-%' "
                               "LIMIT 1").fetchone()[0]
    finally:
        db.close()


def _last_b(tmp_path):
    return next((tmp_path / "post-b-out-102").iterdir())


def test_check_of_a_project_without_made_rounds_says_nothing_of_makers(
        field_db, capsys, monkeypatch):
    """A field laptop's own project: its rounds' maker is not recorded (HQ records it when
    a bundle brings a round), so check adds no line."""
    monkeypatch.setenv("RISKMAP_LANG", "en")
    said = _check(capsys, field_db)
    assert "rounds by maker" not in said
    assert json.loads(_check(capsys, field_db, "--json"))["round_makers"] == []


def test_many_rounds_worth_a_line_are_cut_short(capsys, monkeypatch):
    """At most MAKER_ROUNDS_SHOWN rounds by name; the rest counted (--json lists all)."""
    from desktop.commands.project_commands import _print_makers
    from desktop.domain.maker_messages import MAKER_ROUNDS_SHOWN
    from desktop.services.round_makers import MakerRound, OtherDevice
    monkeypatch.setenv("RISKMAP_LANG", "en")
    rounds = [MakerRound(f"u{i}", f"R{i}", "ab" * 16, "", "dev-a", 1,
                         [OtherDevice("dev-b", 1, "held")]) for i in range(25)]
    rounds.append(MakerRound("u-own", "Own", "ab" * 16, "", "dev-a", 4))
    _print_makers(rounds)
    said = capsys.readouterr().out.splitlines()
    assert said[0] == ("rounds by maker: 26; the maker of 26 has signed a bundle here, and 1 "
                       "hold only their maker's forms")
    assert len(said) == 1 + MAKER_ROUNDS_SHOWN + 1
    assert said[-1] == ("  and 5 more rounds like these (`riskmap check --json` lists them "
                        "all)")
