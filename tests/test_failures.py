"""Every failure is one sentence and leaves nothing half-written (issue 13).

Each case of the issue, tried as an unlucky user would: the command exits with 2, prints
one sentence on stderr (no traceback), and the files are byte-identical afterwards (or
absent when they did not exist before). Full disks and read-only folders are real where
the machine allows (a tmpfs as root); `test_atomic_files.py` covers the same writes with
fault injection everywhere.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.resources import default_questionnaire_path
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project
from desktop.storage.file_check import APPLICATION_ID
from failure_helpers import fill_up, read_only_folder, small_disk, snapshot

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    """A checkpointed project with 30 forms in round 'Demo 1' (copied by each test)."""
    path = tmp_path_factory.mktemp("template") / "demo.db"
    project = Project.open(path)
    fill_demo(project, 30, seed=1)
    project.close()
    return path


@pytest.fixture
def demo_db(tmp_path, demo_template) -> Path:
    folder = tmp_path / "db"
    folder.mkdir()
    shutil.copy(demo_template, folder / "demo.db")
    return folder / "demo.db"


@pytest.fixture
def recipient(tmp_path) -> Path:
    assert main(["keys", "hq-init", "--out", str(tmp_path / "keys")]) == 0
    return tmp_path / "keys" / "hq-recipient.txt"


def _one_sentence(capsys, *words: str) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("riskmap: ")
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('a note from another program')")
    conn.commit()
    conn.close()
    return path


# Wrong kind of file: refused untouched ----------------------------------------------------

@pytest.mark.parametrize("kind, words", [
    ("foreign", ("belongs to another program", "was not changed")),
    ("empty", ("is an empty file", "not a RiskMap database")),
    ("text", ("not a RiskMap database", "not an SQLite file")),
])
@pytest.mark.parametrize("command", ["check", "report", "demo", "export"])
def test_wrong_kind_of_file_is_refused_untouched(tmp_path, capsys, recipient, kind, words,
                                                 command):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "x.db"
    if kind == "foreign":
        _foreign(path)
    elif kind == "empty":
        path.touch()
    else:
        path.write_text("name,age\nana,31\n" * 50)
    before = snapshot(folder)
    args = {"check": ["check", "--db", str(path)],
            "report": ["report", "--db", str(path), "--out", str(folder / "report")],
            "demo": ["demo", "--db", str(path), "--n", "3"],
            "export": ["export", "--db", str(path), "--to", str(recipient),
                       "--out", str(folder)]}[command]
    capsys.readouterr()
    assert main(args) == 2
    _one_sentence(capsys, str(path), *words)
    assert snapshot(folder) == before


def _flip_middle(path: Path) -> None:
    """Damage a page in the middle of the answers (pages every command reads; the middle
    of the file may be a table some commands never touch, such as an empty one)."""
    conn = sqlite3.connect(path)
    try:
        pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat "
                                            "WHERE name = 'form_answers' ORDER BY pageno")]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    middle = (pages[len(pages) // 2] - 1) * page_size
    for i in range(middle, middle + page_size):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("command", ["check", "report", "export"])
def test_damaged_database_is_one_sentence(demo_db, capsys, recipient, command):
    _flip_middle(demo_db)
    folder = demo_db.parent
    before = snapshot(folder)
    args = {"check": ["check", "--db", str(demo_db)],
            "report": ["report", "--db", str(demo_db), "--out", str(folder / "report")],
            "export": ["export", "--db", str(demo_db), "--to", str(recipient),
                       "--out", str(folder)]}[command]
    capsys.readouterr()
    assert main(args) == 2
    _one_sentence(capsys, str(demo_db), "is damaged", "backup copy")
    assert snapshot(folder)["demo.db"] == before["demo.db"]
    assert not (folder / "report").exists()
    assert not list(folder.glob("*.zip.age"))


def test_damaged_database_in_a_separate_process_prints_no_traceback(demo_db):
    _flip_middle(demo_db)
    result = subprocess.run([sys.executable, "main.py", "check", "--db", str(demo_db)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "is damaged" in result.stderr


def test_newer_schema_is_refused_untouched(demo_db, capsys):
    conn = sqlite3.connect(demo_db)
    conn.execute("UPDATE schema_version SET version = version + 10")
    conn.commit()
    conn.close()
    before = snapshot(demo_db.parent)
    for args in (["check", "--db", str(demo_db)], ["demo", "--db", str(demo_db), "--n", "2"]):
        assert main(args) == 2
        _one_sentence(capsys, "newer version", "was not changed")
    assert snapshot(demo_db.parent) == before


# Inspect without writing -------------------------------------------------------------------

def test_check_does_not_migrate_an_older_file(tmp_path, capsys):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)
    before = snapshot(tmp_path)
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "schema version:  1 " in out and "forms:           5" in out
    assert snapshot(tmp_path)["old.db"] == before["old.db"]
    assert not list(tmp_path.glob("*.bak"))
    # The first writable open migrates it (after a backup) and marks it as ours.
    Project.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()
    assert len(list(tmp_path.glob("old.db.schema1-*.bak"))) == 1


def test_new_database_carries_the_application_id(tmp_path):
    Project.open(tmp_path / "new.db").close()
    conn = sqlite3.connect(tmp_path / "new.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x524D4150
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_check_and_report_work_in_a_read_only_folder(tmp_path, demo_template, capsys):
    with read_only_folder(tmp_path / "stick", {"demo.db": demo_template}) as stick:
        before = snapshot(stick)
        assert main(["check", "--db", str(stick / "demo.db")]) == 0
        assert "result:          OK" in capsys.readouterr().out
        out = tmp_path / "report"
        assert main(["report", "--db", str(stick / "demo.db"), "--out", str(out)]) == 0
        assert (out / "report.pdf").is_file()
        assert snapshot(stick) == before


@pytest.mark.parametrize("command", ["demo", "export"])
def test_writing_commands_on_a_read_only_folder_say_so(tmp_path, demo_template, capsys,
                                                      recipient, command):
    with read_only_folder(tmp_path / "stick", {"demo.db": demo_template}) as stick:
        before = snapshot(stick)
        path = stick / "demo.db"
        args = {"demo": ["demo", "--db", str(path), "--n", "3", "--round", "New"],
                "export": ["export", "--db", str(path), "--to", str(recipient),
                           "--out", str(tmp_path)]}[command]
        capsys.readouterr()
        assert main(args) == 2
        _one_sentence(capsys, str(path), "is read-only", "copy it to a folder")
        assert snapshot(stick) == before
    assert not list(tmp_path.glob("*.zip.age"))


# One act, one transaction -------------------------------------------------------------------

def _forms(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM response").fetchone()[0]
    finally:
        conn.close()


def test_demo_into_a_round_that_has_forms_is_refused_before_writing(demo_db, capsys):
    assert _forms(demo_db) == 30
    assert main(["demo", "--db", str(demo_db), "--n", "3000", "--seed", "1"]) == 2
    _one_sentence(capsys, "Demo 1", "already has forms", "nothing was added")
    assert _forms(demo_db) == 30


def test_demo_that_fails_halfway_leaves_nothing(tmp_path):
    project = Project.open(tmp_path / "p.db")

    def progress(done: int) -> None:
        if done >= 2000:
            raise RuntimeError("stopped after the first batch")

    with pytest.raises(RuntimeError):
        fill_demo(project, 4500, seed=3, round_name="Halfway", progress=progress)
    assert project.rounds() == []
    assert project.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 0
    assert project.db.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0
    project.close()


def test_two_processes_creating_the_same_database_both_succeed(tmp_path):
    code = ("import sys; from desktop.services.project import Project; "
            "Project.open(sys.argv[1]).close()")
    for attempt in range(5):
        path = tmp_path / f"same{attempt}.db"
        children = [subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT,
                                     stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(child.wait(timeout=120), child.stderr.read()) for child in children]
        for child in children:
            child.stderr.close()
        assert [r[0] for r in results] == [0, 0], results
        assert main(["check", "--db", str(path)]) == 0
    assert not list(tmp_path.glob(".*creating*"))


# Bad questionnaires: one sentence, no database ----------------------------------------------

def _questionnaire_variant(tmp_path: Path, change) -> Path:
    data = json.loads(default_questionnaire_path().read_text(encoding="utf-8"))
    path = tmp_path / "q.json"
    result = change(data)
    if isinstance(result, bytes):
        path.write_bytes(result)
    else:
        path.write_text(result if isinstance(result, str) else json.dumps(data),
                        encoding="utf-8")
    return path


def _set_relevant(text):
    def change(data):
        data["sections"][1]["questions"][0]["relevant"] = text
    return change


def _last_question(data):
    return data["sections"][-1]["questions"][-1]


@pytest.mark.parametrize("change, words", [
    (_set_relevant("(" * 250 + "a = 1" + ")" * 250), "nested more than 32 levels"),
    (_set_relevant("not " * 5000 + "a = 1"), "longer than 2000 characters"),
    (lambda d: json.dumps(d, ensure_ascii=False).replace("¿", "\u00bf").encode("latin-1",
                                                                                 "replace"),
     "is not UTF-8 text"),
    (lambda d: d["exposure"].__setitem__("follow_ups", [{"a": 1}]),
     "exposure.follow_ups[0]: no question"),
    (lambda d: _last_question(d).__setitem__("id", _last_question(d)["id"] + "\n"),
     "use lower-case letters"),
    (lambda d: json.dumps(d).replace('"code": 8', '"code": 1' + "0" * 400, 1),
     "numbers in a questionnaire stay within"),
    (lambda d: next(q for s in d["sections"] for q in s["questions"]
                    if q["type"] == "text").__setitem__("max_length", -1),
     "max_length: must be between 1 and 100,000"),
])
def test_bad_questionnaire_is_one_sentence_and_no_database(tmp_path, capsys, change, words):
    path = _questionnaire_variant(tmp_path, change)
    db = tmp_path / "new.db"
    assert main(["init", "--db", str(db), "--questionnaire", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("riskmap: ")
    assert words in err.splitlines()[0] or words in err
    assert "in the questionnaire; fix the file" in err.splitlines()[0]
    assert not db.exists()


# Unexpected failures and the language ------------------------------------------------------

def test_unexpected_failure_goes_to_the_log_with_one_line_on_screen(tmp_path, capsys,
                                                                    monkeypatch,
                                                                    scratch_home):
    from desktop.commands import project_commands

    def broken(args):
        raise ZeroDivisionError(" ".join(["a bug", "nobody foresaw"]))

    monkeypatch.setattr(project_commands, "run_check", broken)
    assert main(["check", "--db", str(tmp_path / "x.db")]) == 2
    line = _one_sentence(capsys, "unexpected", "please send the log file")
    log = scratch_home / "riskmap.log"
    assert str(log) in line
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError" in text and "in broken" in text
    assert "a bug nobody foresaw" not in text  # a message may quote an answer: not logged


def test_sentences_follow_riskmap_lang(tmp_path, capsys, monkeypatch):
    path = tmp_path / "x.db"
    path.touch()
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["check", "--db", str(path)]) == 2
    _one_sentence(capsys, "es un archivo vacío", "no se modificó")
    monkeypatch.delenv("RISKMAP_LANG")
    monkeypatch.setenv("LANG", "es_AR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["check", "--db", str(path)]) == 2
    _one_sentence(capsys, "es un archivo vacío")


def test_data_works_in_a_read_only_folder(tmp_path, demo_template, capsys):
    with read_only_folder(tmp_path / "stick", {"demo.db": demo_template}) as stick:
        before = snapshot(stick)
        out = tmp_path / "data"
        assert main(["data", "--db", str(stick / "demo.db"), "--out", str(out),
                     "--format", "csv,xlsx", "--k", "1"]) == 0, capsys.readouterr().err
        assert sorted(p.suffix for p in out.iterdir()) == [".csv", ".txt", ".xlsx"]
        assert snapshot(stick) == before


def test_data_files_are_written_all_or_none(tmp_path, demo_db, capsys, monkeypatch):
    from desktop.services import data_files

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "out" / "x.sav"))

    monkeypatch.setattr(data_files, "write_sav", full_disk)
    out = tmp_path / "out"
    assert main(["data", "--db", str(demo_db), "--out", str(out), "--format",
                 "csv,xlsx,sav", "--k", "1"]) == 2
    _one_sentence(capsys, "The disk is full")
    assert not out.exists()  # no file, nor the folder made for them


@pytest.mark.parametrize("where", ["csv rows", "xlsx rows", "dta rows", "sav rows"])
def test_a_data_file_failing_halfway_leaves_nothing(tmp_path, demo_db, capsys, monkeypatch,
                                                    where):
    """The CSV, the sheet and the Stata and SPSS rows are written a slice at a time: a
    disk that fills after the first bytes leaves no file, not even the temporary one."""
    from desktop.services import data_files, stat_rows, xlsx_writer

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "out"))

    if where == "csv rows":
        monkeypatch.setattr(data_files, "_csv_rows", full_disk)  # after the header
    elif where == "xlsx rows":
        monkeypatch.setattr(xlsx_writer, "_column_cells", full_disk)  # after <sheetData>
    else:
        real, calls = stat_rows._encode, {True: 0, False: 0}

        def after_the_header(columns, layout, rows):  # the sample's rows, then the file's
            calls[layout.stata] += 1
            if calls[layout.stata] > 1 and layout.stata == (where == "dta rows"):
                full_disk()
            return real(columns, layout, rows)

        monkeypatch.setattr(stat_rows, "_encode", after_the_header)
    out = tmp_path / "out"
    assert main(["data", "--db", str(demo_db), "--out", str(out), "--format",
                 "xlsx,csv,dta,sav", "--k", "1"]) == 2
    _one_sentence(capsys, "The disk is full")
    if where in ("dta rows", "sav rows"):
        assert calls[where == "dta rows"] == 2  # it failed after the file's first bytes
    assert not out.exists()  # no file, nor the folder made for them


@pytest.mark.parametrize("lang, sentence", [
    ("en", "is not a folder; give the name of a folder."),
    ("es", "no es una carpeta; indique el nombre de una carpeta.")])
def test_keys_into_a_file_say_it_is_not_a_folder(tmp_path, capsys, monkeypatch, lang,
                                                  sentence):
    """`keys hq-init --out` naming a file (the identity's own name, typed by mistake) was
    told to 'move the old key files away'; the file is left as it was."""
    monkeypatch.setenv("RISKMAP_LANG", lang)
    named = tmp_path / "hq-identity.txt"
    named.write_text("an earlier key\n")
    assert main(["keys", "hq-init", "--out", str(named)]) == 2
    assert _one_sentence(capsys, str(named)).endswith(sentence)
    assert named.read_text() == "an earlier key\n"
