"""The one catalogue of error sentences: complete in English and Spanish, the same fields in
both, every key the code raises exists, and machine failures become sentences."""

import errno
import re
import sqlite3
import string
from pathlib import Path

import pytest

from desktop.bundle.errors import MESSAGES as BUNDLE_MESSAGES
from desktop.bundle.errors import BundleError
from desktop.domain.error_messages import CATALOGUE
from desktop.domain.user_error import UserError, translate, user_language

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_sentence_exists_in_both_languages_with_the_same_fields(key):
    texts = CATALOGUE[key]
    assert set(texts) == {"en", "es"}
    assert texts["en"].strip() and texts["es"].strip() and texts["en"] != texts["es"]
    assert _fields(texts["en"]) == _fields(texts["es"])


def test_every_key_raised_in_the_code_is_in_the_catalogue():
    pattern = re.compile(r'(?:UserError|CommandError|DatabaseError)\(\s*"([a-z_.]+)"')
    keys = {key for path in PACKAGE.rglob("*.py")
            for key in pattern.findall(path.read_text(encoding="utf-8"))}
    assert keys and keys <= set(CATALOGUE), keys - set(CATALOGUE)


def test_every_bundle_refusal_is_in_spanish_too():
    for kind in BUNDLE_MESSAGES:
        values = {name: f"<{name}>" for name in _fields(BUNDLE_MESSAGES[kind])}
        error = BundleError(kind, "detail for the log", **values)
        assert str(error) == BUNDLE_MESSAGES[kind].format(**values) == error.sentence
        assert error.in_language("es") == CATALOGUE[f"bundle.{kind}"]["es"].format(**values)
        assert error.detail == "detail for the log" and error.values == values


def test_older_classes_built_from_a_sentence_show_it():
    error = UserError("The round is closed; open another one.")
    assert error.key is None and error.in_language("es") == str(error)


@pytest.mark.parametrize("exc, key", [
    (sqlite3.DatabaseError("database disk image is malformed"), "db_damaged"),
    (sqlite3.DatabaseError("file is not a database"), "db_damaged"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "db_read_only"),
    (sqlite3.OperationalError("database or disk is full"), "disk_full"),
    (sqlite3.OperationalError("database is locked"), "db_locked"),
    (OSError(errno.ENOSPC, "No space left on device", "/media/stick/a.pdf"), "disk_full"),
    (OSError(errno.EACCES, "Permission denied", "/media/stick/a.pdf"), "no_permission"),
    (OSError(errno.EROFS, "Read-only file system", "/media/cd/a.pdf"), "read_only_disk"),
    (OSError(errno.EFBIG, "File too large", "/media/stick/a.zip.age"), "file_too_large"),
    (OSError(errno.ENAMETOOLONG, "File name too long", "/media/stick/ñññ"), "name_too_long"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "not_utf8"),
])
def test_machine_failures_become_sentences(exc, key):
    error = translate(exc, "project.db")
    assert error is not None and error.key == key
    for lang in ("en", "es"):
        sentence = error.in_language(lang)
        assert "{" not in sentence and sentence.rstrip().endswith((".", ")"))
        assert ("/media" in sentence) or ("project.db" in sentence) or key == "not_utf8"


def test_a_bug_is_not_translated():
    assert translate(ZeroDivisionError("x")) is None
    assert translate(KeyError("x")) is None


@pytest.mark.parametrize("env, lang", [
    ({"RISKMAP_LANG": "es"}, "es"), ({"LANG": "es_AR.UTF-8"}, "es"), ({"LANG": "fr_FR"}, "en"),
    ({}, "en"), ({"RISKMAP_LANG": "en", "LANG": "es_ES.UTF-8"}, "en"),
])
def test_language_from_the_environment(env, lang):
    assert user_language(env) == lang
