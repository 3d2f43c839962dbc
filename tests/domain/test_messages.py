"""The domain's message catalogue is complete in English and Spanish."""

import string

from desktop.domain.messages import MESSAGES


def test_every_message_in_both_languages_with_the_same_fields():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "es"}, key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f}
                  for lang in ("en", "es")]
        assert fields[0] == fields[1], key
        assert all(texts[lang].strip() for lang in ("en", "es")), key
