"""A count's words agree with it in English and Spanish: "1 form", "0 forms", "2 formularios"."""

from __future__ import annotations

import re
import string

import pytest

from desktop.domain.command_messages import COMMAND_MESSAGES
from desktop.domain.error_messages import CATALOGUE
from desktop.domain.messages import MESSAGES, message
from desktop.domain.plural import fill, is_one
from desktop.domain.user_error import error_message

ALL = {**CATALOGUE, **MESSAGES, **COMMAND_MESSAGES}
# "(s)" / "(es)" after a word: a plural left for the reader to work out.
HEDGED = re.compile(r"\w\((s|es|n)\)")
# pyxform's own list of missing columns comes as text, with no count to agree with.
UNCOUNTED = {"xf.px_missing_header"}


def _count_fields(text: str) -> set[str]:
    return {name for _, name, spec, _ in string.Formatter().parse(text)
            if name and spec and "|" in spec}


def test_the_singular_is_for_exactly_one():
    assert [fill("{n} {n:form|forms}", n=n) for n in (0, 1, 2)] == ["0 forms", "1 form",
                                                                    "2 forms"]
    assert [is_one(v) for v in (1, "1", 1.0, "1,0", 0, 2, "x", None, True)] == [
        True, True, True, False, False, False, False, False, False]
    assert fill("{share:.1f} of {n} {n:answer|answers}", share=0.25, n=1) == "0.2 of 1 answer"


def test_a_field_named_text_is_filled_like_any_other():
    assert fill("{text}: {n} {n:row|rows}", text="t", n=3) == "t: 3 rows"


@pytest.mark.parametrize("key", sorted(set(ALL) - UNCOUNTED))
def test_no_sentence_hedges_a_plural_and_both_languages_count_the_same(key):
    texts = ALL[key]
    for lang in ("en", "es"):
        assert not HEDGED.search(re.sub(r"\{[^}]*\}", "", texts[lang])), (key, lang)
    assert _count_fields(texts["en"]) <= _count_fields(texts["es"]) | {
        name for _, name, _, _ in string.Formatter().parse(texts["es"]) if name}


COUNTED = sorted(key for key, texts in ALL.items()
                 if _count_fields(texts["en"]) or _count_fields(texts["es"]))


@pytest.mark.parametrize("key", COUNTED)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_and_many_read_differently(key, lang):
    text = ALL[key][lang]
    counts = _count_fields(text)
    if not counts:  # "{n} entered": English needs no agreement where Spanish does
        assert _count_fields(ALL[key]["es" if lang == "en" else "en"])
        return
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    filled = {n: fill(text, **{name: n if name in counts else f"<{name}>" for name in names})
              for n in (0, 1, 2)}
    assert filled[1] != filled[2] and filled[0] == filled[2].replace("2", "0"), filled


@pytest.mark.parametrize("lang, n, expected", [
    ("en", 0, "Data of 0 forms written to d (on): x.csv"),
    ("en", 1, "Data of 1 form written to d (on): x.csv"),
    ("en", 2, "Data of 2 forms written to d (on): x.csv"),
    ("es", 0, "Datos de 0 formularios escritos en d (on): x.csv"),
    ("es", 1, "Datos de 1 formulario escritos en d (on): x.csv"),
    ("es", 2, "Datos de 2 formularios escritos en d (on): x.csv"),
])
def test_data_line(lang, n, expected):
    assert error_message("out.data", lang, n=n, path="d", state="on", files="x.csv") == \
        expected


@pytest.mark.parametrize("lang, n, expected", [
    ("en", 0, "Imported 0 forms into round R of p."),
    ("en", 1, "Imported 1 form into round R of p."),
    ("en", 2, "Imported 2 forms into round R of p."),
    ("es", 0, "Se importaron 0 formularios a la ronda R de p."),
    ("es", 1, "Se importó 1 formulario a la ronda R de p."),
    ("es", 2, "Se importaron 2 formularios a la ronda R de p."),
])
def test_forms_import_line(lang, n, expected):
    assert error_message("out.forms_imported", lang, n=n, round="R", made="",
                         path="p") == expected


@pytest.mark.parametrize("lang, n, expected", [
    ("en", 0, "The form has 0 problems; it was not saved."),
    ("en", 1, "The form has 1 problem; it was not saved."),
    ("en", 2, "The form has 2 problems; it was not saved."),
    ("es", 0, "El formulario tiene 0 problemas; no se guardó."),
    ("es", 1, "El formulario tiene 1 problema; no se guardó."),
    ("es", 2, "El formulario tiene 2 problemas; no se guardó."),
])
def test_form_refusal(lang, n, expected):
    assert message("form_invalid", lang, n=n) == expected


@pytest.mark.parametrize("lang, n, expected", [
    ("en", 0, "0 new, 0 updated"), ("en", 1, "1 new, 1 updated"),
    ("en", 2, "2 new, 2 updated"), ("es", 0, "0 nuevos, 0 actualizados"),
    ("es", 1, "1 nuevo, 1 actualizado"), ("es", 2, "2 nuevos, 2 actualizados"),
])
def test_import_line(lang, n, expected):
    line = error_message("out.imported", lang, bundle_file="b", device="d", sequence=1,
                         new=n, updated=n, unchanged=0, conflicting=0, gaps="")
    assert expected in line
