"""What the commands print when they succeed exists in Spanish: with RISKMAP_LANG=es the main
commands say their success line from `domain/command_messages.py` in Spanish, a refused
forms table lists its rows in Spanish, and a weak passphrase says why in Spanish; the
catalogue is complete in both languages and every key the commands use is in it. `--help`
(the program's and each subcommand's) is in Spanish too, and an XLSForm's problems say
their place in the workbook ("hoja survey, fila 2, columna 'type' (A)") in Spanish (the
whole of every problem: tests/domain/test_questionnaire_spanish.py)."""

from __future__ import annotations

import csv
import re
import string
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.demo_forms import generate_forms
from desktop.domain.form_table import FORM_NUMBER
from desktop.domain.questionnaire_loader import load_questionnaire
from desktop.resources import default_questionnaire_path
from desktop.domain.command_messages import COMMAND_MESSAGES
from desktop.domain.error_messages import CATALOGUE

PACKAGE = Path(__file__).resolve().parents[1] / "desktop"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(COMMAND_MESSAGES))
def test_every_line_exists_in_both_languages_with_the_same_fields(key):
    texts = COMMAND_MESSAGES[key]
    assert set(texts) == {"en", "es"}
    assert texts["en"].strip() and texts["es"].strip() and texts["en"] != texts["es"]
    assert _fields(texts["en"]) == _fields(texts["es"])
    assert key.startswith("out.") and key not in CATALOGUE


def test_every_line_the_code_says_is_in_the_catalogue():
    pattern = re.compile(r'(?:say|line|error_message)\(\s*"(out\.[a-z_]+)"')
    keys = {key for path in PACKAGE.rglob("*.py")
            for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert len(keys) > 40 and keys <= set(COMMAND_MESSAGES), keys - set(COMMAND_MESSAGES)


def _pattern(key: str, lang: str = "es") -> re.Pattern:
    """The line `key` in `lang` with any value in each field."""
    parts = [re.escape(literal) + (".*?" if name else "")
             for literal, name, _, _ in string.Formatter().parse(COMMAND_MESSAGES[key][lang])]
    return re.compile("".join(parts))


def _said(capsys, argv: list[str], *keys: str, code: int = 0) -> str:
    """Run a command; each of `keys` must be a whole line of its stdout, in Spanish."""
    assert main(argv) == code
    out = capsys.readouterr().out
    lines = out.splitlines()
    for key in keys:
        assert any(_pattern(key).fullmatch(line) for line in lines), (key, out)
        assert not any(_pattern(key, "en").fullmatch(line) for line in lines), (key, out)
    return out


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("RISKMAP_LANG", "es")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # RISKMAP_LANG comes first


def test_the_main_commands_succeed_in_spanish(spanish, tmp_path, capsys):
    db, hq, keys, out = (tmp_path / "field.db", tmp_path / "hq.db", tmp_path / "keys",
                         tmp_path / "out")
    _said(capsys, ["init", "--db", str(db)], "out.created")
    _said(capsys, ["demo", "--db", str(db), "--n", "12"], "out.demo")
    text = _said(capsys, ["check", "--db", str(db)], "out.check_database", "out.check_forms",
                 "out.check_schema", "out.check_result")
    assert "resultado:          CORRECTO" in text
    _said(capsys, ["keys", "hq-init", "--out", str(keys)], "out.hq_identity",
          "out.hq_recipient")
    text = _said(capsys, ["keys", "device", "--db", str(db)], "out.device_id", "out.fingerprint",
                 "out.enrol_with")
    fingerprint = text.split("huella:")[1].splitlines()[0].strip()
    out.mkdir()
    _said(capsys, ["export", "--db", str(db), "--to", str(keys / "hq-recipient.txt"),
                   "--out", str(out)], "out.exported")
    _said(capsys, ["devices", "trust", "--db", str(hq), fingerprint, "--name", "Equipo A"],
          "out.enrolled")
    _said(capsys, ["devices", "list", "--db", str(hq)], "out.device_row")
    (bundle,) = out.iterdir()
    _said(capsys, ["import", "--db", str(hq), "--identity", str(keys / "hq-identity.txt"),
                   str(bundle)], "out.imported")
    replay = _said(capsys, ["import", "--db", str(hq), "--identity",
                            str(keys / "hq-identity.txt"), str(bundle)])
    assert CATALOGUE["bundle.replay"]["es"] in replay
    _said(capsys, ["devices", "revoke", "--db", str(hq), fingerprint], "out.revoked")
    _said(capsys, ["questionnaire", "list", "--db", str(db)], "out.version_row")
    data = tmp_path / "data"
    _said(capsys, ["data", "--db", str(db), "--out", str(data), "--format", "csv", "--k",
                   "2"], "out.data")
    text = _said(capsys, ["query", "--db", str(db), "SELECT COUNT(*) AS n FROM response"],
                 "out.one_row")
    _said(capsys, ["codebook", "--db", str(db), "--out", str(tmp_path / "book.csv")],
          "out.codebook")
    text = _said(capsys, ["print-form", "--db", str(db), "--out",
                          str(tmp_path / "form.pdf")], "out.printed")
    assert ": un formulario en blanco del cuestionario " in text


def test_forms_import_and_passphrase_in_spanish(spanish, tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    table = tmp_path / "forms.csv"
    q = load_questionnaire(default_questionnaire_path())
    with open(table, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([FORM_NUMBER, *q.question_ids()])
        for form in generate_forms(q, 3, seed=2):
            writer.writerow([form.form_number,
                             *(form.answers.get(name, "") for name in q.question_ids())])
    text = _said(capsys, ["forms", "import", "--db", str(db), "--round", "R1", str(table)],
                 "out.forms_imported")
    assert "a la ronda 'R1' (ronda nueva) de " in text
    bad = tmp_path / "bad.csv"
    bad.write_text("form_number,shift\n" + "".join(f"{n},7\n" for n in range(1, 81)),
                   encoding="utf-8")
    assert main(["forms", "import", "--db", str(db), "--round", "R1", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[1].startswith("  línea 2, columna ") and re.fullmatch(r"  y \d+ más", err[-1])
    assert not any(" line " in text or text.startswith("  line") for text in err)
    new = tmp_path / "new.txt"
    new.write_text("short\n", encoding="utf-8")
    assert main(["keys", "passphrase", "--db", str(db), "--new-passphrase-file",
                 str(new)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("riskmap: La nueva frase de acceso es demasiado débil: use al menos")
    new.write_text("a different team passphrase\n", encoding="utf-8")
    _said(capsys, ["keys", "passphrase", "--db", str(db), "--new-passphrase-file", str(new)],
          "out.passphrase_set")


def test_operator_commands_in_spanish(spanish, tmp_path, capsys, monkeypatch):
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    _said(capsys, ["operators", "list", "--db", str(db)], "out.no_operators")
    monkeypatch.setenv("RISKMAP_NEW_PIN", "731946")
    _said(capsys, ["operators", "add", "--db", str(db), "--name", "Sara"],
          "out.operator_added")
    pin = tmp_path / "pin.txt"
    pin.write_text("731946\n", encoding="utf-8")
    supervisor = ["--operator", "Sara", "--pin-file", str(pin)]
    monkeypatch.setenv("RISKMAP_NEW_PIN", "582039")
    _said(capsys, ["operators", "add", "--db", str(db), "--name", "Kim", "--role", "keyer",
                   *supervisor], "out.operator_added")
    _said(capsys, ["operators", "role", "--db", str(db), "--name", "Kim", "--role",
                   "verifier", *supervisor], "out.operator_role")
    _said(capsys, ["operators", "reset-pin", "--db", str(db), "--name", "Kim", *supervisor],
          "out.operator_pin")
    _said(capsys, ["operators", "deactivate", "--db", str(db), "--name", "Kim",
                   *supervisor], "out.operator_deactivated")
    _said(capsys, ["operators", "reactivate", "--db", str(db), "--name", "Kim",
                   *supervisor], "out.operator_reactivated")
    _said(capsys, ["operators", "rename", "--db", str(db), "--name", "Kim", "--new-name",
                   "Kim Lee", *supervisor], "out.operator_renamed")


def test_english_stays_the_default(monkeypatch, tmp_path, capsys):
    for name in ("RISKMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith(f"Created {db} with questionnaire ")


def test_every_line_of_check_is_spanish_values_and_findings_too(spanish, tmp_path, capsys):
    """`check` in Spanish: the labels, the words inside the values (statuses, which SQLite
    check ran, the chain, the snapshot) and each finding on stderr."""
    import sqlite3

    from desktop.services.project import Project
    from desktop.services.demo_service import fill_demo
    db = tmp_path / "plain.db"
    project = Project.open(db)
    fill_demo(project, 12, seed=3)
    project.close()
    labels = [f"out.check_{name}" for name in (
        "database", "forms", "rounds", "audit_rows", "questionnaires", "schema", "journal",
        "integrity", "foreign_keys", "audit_chain", "devices", "analysis", "result")]
    out = _said(capsys, ["check", "--db", str(db), "--repair"], code=0)
    lines = out.splitlines()
    assert len(lines) == 13
    for line in lines:  # each line is one of check's labels, in Spanish
        assert any(_pattern(key).fullmatch(line) for key in labels), line
    assert "formularios:        12 (12 digitados)" in lines
    assert "integridad:         correcta (comprobación completa: cada página, cada entrada " \
           "de índice)" in lines
    assert "cadena auditoría:   correcta" in lines
    assert "análisis:           reconstruida a partir de las respuestas (12 formularios); " \
           "correcta (instantánea de 12 formularios, 0 escritos desde entonces)" in lines
    for english in ("entered", " ok", "OK", "snapshot", "full check", "rows"):
        assert english not in out, english
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("INSERT INTO form_answers (response_uuid, answers) "
                 "VALUES ('x', '{\"r01_likelihood\":\"1\"}')")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db), "--quick"]) == 1
    captured = capsys.readouterr()
    assert "claves foráneas:    1 fila remite a una fila que no existe" in captured.out
    assert "comprobación rápida: cada página, sin comparar los índices" in captured.out
    assert "resultado:          SE ENCONTRARON PROBLEMAS" in captured.out
    assert captured.err.splitlines() == [
        "riskmap: 1 fila remite a una fila que no existe (claves foráneas).",
        "riskmap: Falta el disparador de protección audit_log_no_delete, así que las filas "
        "de auditoría podrían reescribirse sin dejar rastro."]


def _english_help_texts():
    from desktop.cli import build_parser
    from desktop.commands.help_language import help_texts
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RISKMAP_LANG", "en")
        return help_texts(build_parser())


def test_every_help_text_has_a_spanish_line_and_none_is_stale():
    from desktop.domain.help_messages import HELP_ES
    texts = _english_help_texts()
    assert len(texts) > 60
    assert not texts - set(HELP_ES), sorted(texts - set(HELP_ES))
    assert not set(HELP_ES) - texts, sorted(set(HELP_ES) - texts)  # reworded in English
    assert all(HELP_ES[t].strip() and HELP_ES[t] != t for t in texts)


def _help(capsys, argv):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse wraps at any width


def test_help_speaks_spanish(spanish, capsys):
    from desktop.domain.help_messages import HELP_ES
    top = _help(capsys, [])
    assert top.startswith("usage: riskmap ")  # argparse's own words may stay
    assert ("RiskMap Survey Desk: digitar, verificar, graficar y enviar formularios de "
            "encuesta. Sin subcomando se abre la aplicación de escritorio.") in top
    subcommands = {"init": "crear la base de datos de un proyecto",
                   "operators": "quién puede iniciar sesión, y con qué rol",
                   "data": "archivos de datos etiquetados para analistas (CSV, XLSX, Stata, "
                           "SPSS)",
                   "keys": "claves de la sede para los paquetes"}
    for name, line in subcommands.items():
        assert f"{name} {line}" in top
    assert "create a project database" not in top and "show this help" not in top
    assert "--passphrase-file FILE archivo cuya primera línea es la frase de acceso" in top

    keys = _help(capsys, ["keys"])
    assert keys.startswith("usage: riskmap keys ")
    assert ("device el id del equipo y la huella de la copia de un proyecto en esta "
            "computadora (para que la sede la inscriba)") in keys
    operators = _help(capsys, ["operators", "add"])
    assert operators.split("options:")[0].strip().endswith(
        HELP_ES["a new operator (the first one is the supervisor)"])
    assert "--name NAME el nombre del nuevo operador" in operators


def test_help_stays_english_by_default(monkeypatch, capsys):
    for name in ("RISKMAP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    top = _help(capsys, [])
    assert "init create a project database" in top and "crear la base" not in top
    assert _help(capsys, ["init"]).split("options:")[0].strip().endswith(
        "create a project database")


def test_xlsform_problems_say_where_in_spanish(spanish, tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    workbook = Path(__file__).parent / "fixtures" / "xlsform" / "or_other.xlsx"
    assert main(["questionnaire", "add", "--db", str(db), str(workbook)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("riskmap: hoja survey, fila 2, columna 'type' (A): ")
    assert err[0].endswith("(7 problemas en el cuestionario; corrija el archivo e intente "
                           "de nuevo)")
    assert err[1].startswith("  hoja survey, fila 3, columna 'choice_filter' (D): ")
    assert err[2].startswith("  hoja choices, fila 2, columna 'name' (B): ")
    assert not any(" row " in line for line in err)
