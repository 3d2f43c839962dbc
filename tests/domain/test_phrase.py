"""`Phrase`: a catalogue text kept with its key, said in any language later; a refusal that
carries one (a bundle's questionnaire problem) says it in the reader's language."""

from __future__ import annotations

import copy
import pickle

from desktop.bundle.errors import BundleError
from desktop.domain.phrase import Phrase, problem, said


def _problem() -> Phrase:
    place = Phrase("where.column", place=Phrase("where.sheet_row", sheet="survey", row=4),
                   column="type")
    return problem(place, "xf.type", type="range")


def test_a_phrase_is_its_english_text_and_says_itself_in_spanish():
    found = _problem()
    assert found == "survey row 4, column 'type': the type 'range' is not supported"
    assert found.in_language("es") == \
        "hoja survey, fila 4, columna 'type': no se admite el tipo 'range'"
    assert said(found, "es") == found.in_language("es") and said("plain", "es") == "plain"
    assert found.in_language("fr") == str(found)  # no such language: English
    assert [p.key for p in found.phrases()] == ["problem", "where.column", "where.sheet_row",
                                                "xf.type"]


def test_a_phrase_survives_copy_and_pickle_with_its_key():
    found = _problem()
    for again in (copy.deepcopy(found), pickle.loads(pickle.dumps(found))):
        assert again == found and again.in_language("es") == found.in_language("es")


def test_a_refusal_says_a_phrase_it_carries_in_the_readers_language():
    error = BundleError("bad_questionnaire", "detail", problem=_problem())
    assert "the type 'range' is not supported" in str(error)
    spanish = error.in_language("es")
    assert "no se admite el tipo 'range'" in spanish and "not supported" not in spanish
