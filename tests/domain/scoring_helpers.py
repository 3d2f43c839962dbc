"""Build analysis tables from a few hand-written forms for the scoring tests."""

from __future__ import annotations

from desktop.domain.answer_frame import build_answer_frame


def frame_of(questionnaire, forms: list[dict], round_name: str = "R1"):
    """One analysis row per dict of question id -> value (int or text); a key '_round'
    sets the round and '_day' the keying day (default 2026-10-05)."""
    form_rows, answers = [], []
    for i, form in enumerate(forms):
        uuid = f"f{i:05d}"
        day = form.get("_day", "2026-10-05")
        form_rows.append((uuid, form.get("_round", round_name), i + 1, "AM",
                          f"{day}T08:{i % 60:02d}:00.000000Z"))
        answers += [(uuid, qid, str(value)) for qid, value in form.items()
                    if not qid.startswith("_") and value is not None]
    return build_answer_frame(questionnaire, form_rows, answers)
