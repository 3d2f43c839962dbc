"""The services' refusals (devices, adopted questionnaire, data files, form tables) and the
command line's own sentences exist in Spanish: the classes through `in_language("es")`,
the commands with RISKMAP_LANG=es (one command per module), the import report by language."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.domain.error_messages import CATALOGUE
from desktop.domain.plural import fill
from desktop.domain.user_error import UserError
from desktop.services.data_export import DataRefused
from desktop.services.device_service import DeviceRefused, normalise_fingerprint
from desktop.services.form_table_import import FormTableRefused, read_table
from desktop.services.import_service import import_file
from desktop.services.project import Project
from desktop.services.questionnaire_service import AdoptRefused
from desktop.services.workspace import open_database


def _spanish(error: UserError, key: str, **params: object) -> None:
    assert error.key == key
    assert error.in_language("es") == fill(CATALOGUE[key]["es"], **params)
    assert error.in_language("en") == str(error) == fill(CATALOGUE[key]["en"], **params)


def test_device_refusal_in_spanish():
    with pytest.raises(DeviceRefused) as caught:
        normalise_fingerprint("abc")
    _spanish(caught.value, "device.bad_fingerprint", text="abc")
    assert isinstance(caught.value, ValueError)  # older callers catch ValueError


def test_form_table_refusal_in_spanish(tmp_path):
    path = tmp_path / "forms.txt"
    path.write_text("form_number\n1\n", encoding="utf-8")
    with pytest.raises(FormTableRefused) as caught:
        read_table(path)
    _spanish(caught.value, "form_table.suffix", name="forms.txt")
    assert caught.value.problems == []


def test_data_and_adopt_refusals_in_spanish_and_older_constructors_still_work():
    error = DataRefused("data.too_few", "too_few", n=3, k=5)
    _spanish(error, "data.too_few", n=3, k=5)
    assert error.kind == "too_few" and error.values == {"n": 3, "k": 5}
    _spanish(AdoptRefused("adopt.many", prefix="ab", n=2), "adopt.many", prefix="ab", n=2)
    older = DataRefused("A ready English sentence.", "k")
    assert str(older) == older.in_language("es") == "A ready English sentence."


@pytest.fixture
def plain_db(tmp_path):
    path = tmp_path / "p.db"
    Project.open(path).close()
    return path


def _spanish_stderr(capsys, argv, key, **params):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"riskmap: {fill(CATALOGUE[key]['es'], **params)}"


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("RISKMAP_LANG", "es")


def test_data_command_in_spanish(spanish, plain_db, tmp_path, capsys):
    _spanish_stderr(capsys, ["data", "--db", str(plain_db), "--out", str(tmp_path / "o"),
                             "--format", "pdf"], "data.format", formats="pdf",
                    choices="csv, xlsx, dta, sav")


def test_devices_command_in_spanish(spanish, plain_db, capsys):
    _spanish_stderr(capsys, ["devices", "revoke", "--db", str(plain_db), "0" * 32],
                    "device.not_enrolled", device=" ".join(["0000"] * 8))


def test_adopt_command_in_spanish(spanish, plain_db, capsys):
    _spanish_stderr(capsys, ["questionnaire", "adopt", "--db", str(plain_db), "ffffff"],
                    "adopt.no_match", prefix="ffffff")


def test_keys_command_in_spanish(spanish, plain_db, tmp_path, capsys):
    new = tmp_path / "new.txt"
    new.write_text("a long enough new passphrase here\n", encoding="utf-8")
    _spanish_stderr(capsys, ["keys", "passphrase", "--db", str(plain_db),
                             "--new-passphrase-file", str(new)], "keys.not_encrypted",
                    path=plain_db, keys=f"{plain_db.name}.keys")


def test_passphrase_file_refusal_in_spanish(spanish, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["init", "--db", str(tmp_path / "n.db"), "--passphrase-file",
                 str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    prefix = CATALOGUE["passphrase.unreadable"]["es"].split("{path}")[0]
    assert err.startswith(f"riskmap: {prefix}{missing} (")


def test_forms_import_command_in_spanish(spanish, plain_db, tmp_path, capsys):
    table = tmp_path / "forms.txt"
    table.write_text("form_number\n1\n", encoding="utf-8")
    _spanish_stderr(capsys, ["forms", "import", "--db", str(plain_db), "--round", "R1",
                             str(table)], "form_table.suffix", name="forms.txt")


def test_questionnaire_command_in_spanish(spanish, tmp_path, capsys):
    _spanish_stderr(capsys, ["questionnaire", "add", "--db", str(tmp_path / "none.db"),
                             str(tmp_path / "q.json")], "db_missing",
                    path=tmp_path / "none.db")


def test_import_report_keeps_the_refusal_in_both_languages(plain_db, tmp_path):
    junk = tmp_path / "junk.rmb"
    junk.write_bytes(b"not a bundle at all")
    db = open_database(plain_db)
    try:
        report = import_file(db, [], junk)
    finally:
        db.close()
    assert report.status == "refused" and report.refusal == "not_a_bundle"
    assert report.message_in("en") == report.message == CATALOGUE[
        "bundle.not_a_bundle"]["en"].format()
    assert report.message_in("es") == CATALOGUE["bundle.not_a_bundle"]["es"].format()


def test_print_query_and_key_refusals_in_spanish(spanish, plain_db, tmp_path, capsys):
    """print-form, query and db-key refusals reach the user as catalogue sentences."""
    _spanish_stderr(capsys, ["print-form", "--db", str(plain_db), "--out",
                             str(tmp_path / "f.pdf"), "--from", "3"],
                    "print.both_or_neither")
    _spanish_stderr(capsys, ["query", "--db", str(plain_db), "DELETE FROM response"],
                    "query.writes")
    encrypted = tmp_path / "enc.db"
    assert main(["init", "--db", str(encrypted)]) == 0  # the test passphrase from conftest
    capsys.readouterr()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the team passphrase at all\n", encoding="utf-8")
    _spanish_stderr(capsys, ["keys", "db-key", "--db", str(encrypted), "--passphrase-file",
                             str(wrong)], "keys.wrong_passphrase")
    assert not list(tmp_path.glob("f.pdf*"))
