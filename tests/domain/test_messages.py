"""The domain's message catalogue is complete in English and Spanish."""

import string

import pytest

from desktop.domain.messages import MESSAGES, message


def test_every_message_in_both_languages_with_the_same_fields():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "es"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f}
                  for lang in ("en", "es")]
        assert fields[0] == fields[1], key
        assert all(texts[lang].strip() for lang in ("en", "es")), key


@pytest.mark.parametrize("lang, expected", [
    ("en", "Offered: yes 23% of 2,893 valid answers."),
    ("es", "Offered: sí 23% de 2,893 respuestas válidas."),
])
def test_the_exposure_line_groups_the_thousands_as_the_tables_do(lang, expected):
    assert message("report_exposure_yes", lang, label="Offered", share="23%",
                   n=2893) == expected
