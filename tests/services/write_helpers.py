"""Form writes of every kind, each picked by a number, for the tests that check the
dashboard's stored snapshot and sums stay right however forms are written
(test_analysis_table.py, test_dashboard_writes.py): an edit, a deletion and a
verification of a live form, as an operator makes them."""

from __future__ import annotations

from desktop.services.form_service import Actor, FormRefused, FormService
from desktop.services.verification_service import VerificationService


class FormWrites:
    """A keyer (AM) and a verifier (JR) on `device`, writing into the round `round_name`;
    `forms` are the answers the writes take, picked by the same number."""

    def __init__(self, project, round_name: str, device: str, forms: list):
        self.conn = project.db.conn
        self.keyer = FormService(project.db, project.questionnaire, Actor("AM", device))
        self.verifier = VerificationService(project.db, project.questionnaire,
                                            Actor("JR", device))
        self.round_uuid = self.conn.execute("SELECT uuid FROM round WHERE name = ?",
                                            (round_name,)).fetchone()[0]
        self.forms = forms

    def form(self, pick: int):
        return self.forms[pick % len(self.forms)]

    def live(self, pick: int) -> str | None:
        """A live form's uuid (None when there is none)."""
        live = [r[0] for r in self.conn.execute(
            "SELECT uuid FROM response WHERE status IN ('entered', 'verified') ORDER BY uuid")]
        return live[pick % len(live)] if live else None

    def edit(self, pick: int) -> None:
        """A live form edited with the picked answers (a refused edit is left alone)."""
        chosen = self.live(pick)
        if chosen:
            try:
                self.keyer.update(chosen, self.form(pick).answers, reason="corrected")
            except FormRefused:
                pass

    def delete(self, pick: int) -> None:
        chosen = self.live(pick)
        if chosen:
            self.keyer.delete(chosen, "duplicate paper")

    def verify(self, pick: int) -> None:
        """An entered form of another keyer verified: the risk answers keyed again from
        the picked form, each discrepancy settled one way or the other."""
        verifier = self.verifier
        entered = [r[0] for r in self.conn.execute(
            "SELECT uuid FROM response WHERE status = 'entered' AND operator != 'JR' "
            "ORDER BY uuid")]
        if not entered:
            return
        target = entered[pick % len(entered)]
        if verifier.open_for(target) is not None:
            return
        second = {**verifier.form(target).answers, **{
            k: v for k, v in self.form(pick).answers.items() if k.startswith("r0")}}
        comparison = verifier.compare(target, second)
        if not comparison.verified:
            for item in comparison.items:
                verifier.resolve(comparison.verification_id, item.question_id,
                                 "keep_second" if pick % 2 else "keep_first")
            verifier.finish(comparison.verification_id)
