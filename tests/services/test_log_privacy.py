"""Log files never contain answers: key, save, edit, refuse, import a table, export,
import at HQ, report and write data files with logging at DEBUG (RISKMAP_LOG_LEVEL), then
byte-search riskmap.log for every comment, text answer and operator name used."""

from __future__ import annotations

import csv
import logging

import pytest

from desktop.bundle.errors import BundleError
from desktop.cli import main, report_failure
from desktop.domain.demo_forms import generate_forms
from desktop.domain.form_table import FORM_NUMBER
from desktop.services.form_service import Actor, FormRefused
from desktop.services.keys_service import hq_init
from desktop.services.logging_setup import configure_logging
from desktop.services.paths import log_path
from desktop.services.workspace import Workspace

COMMENTS = ["Zqx el comandante cobra peaje", "Yvw paga al sargento cada turno",
            "Xut la garita sur deja pasar camiones"]
OPERATOR = "Wilfredo Zamarripa"
TABLE_OPERATOR = "Hortensia Quiroga"
TYPED_VALUE = "Zorro Secreto Valdivia"  # typed into a coded question: refused, echoed back
SECRETS = [*COMMENTS, OPERATOR, TABLE_OPERATOR, TYPED_VALUE]


@pytest.fixture
def debug_log(monkeypatch, scratch_home):
    """The program's own log set-up, at DEBUG, writing to this test's riskmap.log."""
    monkeypatch.setenv("RISKMAP_LOG_LEVEL", "DEBUG")
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    configure_logging()
    assert root.level == logging.DEBUG
    yield log_path()
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.getLogger("desktop").setLevel(logging.NOTSET)


def _found(data: bytes) -> list[str]:
    return [s for s in SECRETS if s.encode("utf-8") in data or s.encode("utf-16-le") in data
            or s.encode("unicode_escape") in data]


def test_log_at_debug_holds_no_answer_comment_or_operator(tmp_path, debug_log, capsys,
                                                          questionnaire):
    from desktop.ui.user_errors import error_sentence
    field = tmp_path / "field.db"
    assert main(["init", "--db", str(field)]) == 0
    workspace = Workspace.open(field)
    round_ = workspace.create_round("Ronda 1", form_min=1, form_max=500)
    service = workspace.form_service(Actor(OPERATOR, workspace.device_key.device_id))
    forms = list(generate_forms(questionnaire, 6, seed=4))
    saved = [service.save_new(round_.uuid, n, dict(f.answers, comment=text)).uuid
             for n, (f, text) in enumerate(zip(forms, COMMENTS), 1)]
    service.update(saved[0], dict(forms[0].answers, comment=COMMENTS[1]), reason=COMMENTS[2])
    coded = next(q.id for q in questionnaire.questions() if q.type == "choice")
    with pytest.raises(FormRefused) as refused:
        service.save_new(round_.uuid, 40, dict(forms[3].answers, **{coded: TYPED_VALUE}))
    error_sentence(refused.value, "en")  # as the window shows it (and logs it)
    workspace.close()

    # A table of forms keyed elsewhere: first with a bad row (refused, the value echoed on
    # screen), then corrected.
    table = tmp_path / "forms.csv"
    ids = questionnaire.question_ids()
    for bad in (True, False):
        with open(table, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([FORM_NUMBER, *ids])
            for number, form in enumerate(forms[3:], 100):
                row = {FORM_NUMBER: str(number), **form.answers, "comment": COMMENTS[0]}
                if bad and number == 101:
                    row[coded] = TYPED_VALUE
                writer.writerow([row.get(name, "") for name in [FORM_NUMBER, *ids]])
        assert main(["forms", "import", "--db", str(field), "--round", "Ronda 1",
                     "--operator", TABLE_OPERATOR, str(table)]) == (2 if bad else 0)

    keys = hq_init(tmp_path / "keys")
    out, report, data = tmp_path / "out", tmp_path / "report", tmp_path / "data"
    out.mkdir()
    assert main(["export", "--db", str(field), "--to", str(keys.recipient_path),
                 "--out", str(out)]) == 0
    hq = tmp_path / "hq.db"
    (bundle,) = out.iterdir()
    assert main(["import", "--db", str(hq), "--identity", str(keys.identity_path),
                 str(bundle)]) == 1  # not enrolled yet: refused
    assert main(["keys", "device", "--db", str(field)]) == 0
    fingerprint = capsys.readouterr().out.split("fingerprint:")[1].splitlines()[0].strip()
    assert main(["devices", "trust", "--db", str(hq), fingerprint]) == 0
    assert main(["import", "--db", str(hq), "--identity", str(keys.identity_path),
                 str(bundle)]) == 0
    assert main(["report", "--db", str(hq), "--out", str(report)]) == 0
    assert main(["data", "--db", str(hq), "--out", str(data), "--format", "csv",
                 "--include-text", "--k", "1"]) == 0
    assert main(["check", "--db", str(hq)]) in (0, 1)
    # A refusal whose sentence quotes the typed value, and a bug whose message does, through
    # both ways failures reach the log (the command line's and the window's).
    quoted = BundleError("bad_answer", "uuid q key", form_number=101, round="Ronda 1",
                         question=coded, problem=f"'{TYPED_VALUE}' is not one of the codes")
    bug = ValueError(f"invalid literal for int() with base 10: '{TYPED_VALUE}'")
    try:
        raise RuntimeError("while saving") from bug
    except RuntimeError as chained:
        for failure in (quoted, chained):
            report_failure(failure, "import")
            error_sentence(failure, "en")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = debug_log.read_bytes()
    # The log was written: each failure (by its key or type), the bug with its frames.
    for expected in (b"shown to the user: bundle.bad_answer", b"command import: bundle.bad_answer",
                     b"builtins.ValueError", b"builtins.RuntimeError", b"test_log_privacy.py"):
        assert expected in text
    assert _found(text) == []
