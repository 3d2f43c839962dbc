"""services/import_pacing.py: the import's short switch interval and paused collector
are put back afterwards, whatever happens inside."""

from __future__ import annotations

import gc
import sys

import pytest

from desktop.services import import_pacing, import_service


def _near(seconds: float):
    """Python keeps the interval in whole microseconds."""
    return pytest.approx(seconds, abs=2e-6)


@pytest.fixture
def interval():
    """The switch interval put back, and the collector on during the test (as in a
    program that did not switch it off), then put back."""
    previous, collecting = sys.getswitchinterval(), gc.isenabled()
    gc.enable()
    yield
    sys.setswitchinterval(previous)
    if not collecting:
        gc.disable()


def test_the_switch_interval_is_short_inside_and_put_back_after(interval):
    sys.setswitchinterval(0.005)
    with import_pacing.quick_handover():
        assert sys.getswitchinterval() == _near(import_pacing.IMPORT_SWITCH_INTERVAL)
    assert sys.getswitchinterval() == _near(0.005)


def test_a_shorter_interval_is_kept_and_an_error_puts_it_back(interval):
    sys.setswitchinterval(0.0001)
    with import_pacing.quick_handover():
        assert sys.getswitchinterval() == _near(0.0001)
    sys.setswitchinterval(0.005)
    with pytest.raises(RuntimeError), import_pacing.quick_handover():
        raise RuntimeError
    assert sys.getswitchinterval() == _near(0.005)


def test_the_collector_is_paused_inside_and_put_back_after(interval):
    assert gc.isenabled()
    with pytest.raises(RuntimeError), import_pacing.collector_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()


def test_each_bundle_is_imported_with_both(tmp_path, monkeypatch, interval):
    """import_bundles imports each bundle with the short interval and no collector (the
    bundle itself refused here: a missing file), and puts both back."""
    seen = []

    def import_file(*args, **kwargs):
        seen.append((sys.getswitchinterval(), gc.isenabled()))
        return real(*args, **kwargs)
    real = import_service.import_file
    monkeypatch.setattr(import_service, "import_file", import_file)
    sys.setswitchinterval(0.005)
    from desktop.bundle import age_crypto
    identity = age_crypto.write_identity(tmp_path / "identity.txt",
                                         age_crypto.generate_identity())
    report = import_service.import_bundles(tmp_path / "hq.db", identity,
                                           [tmp_path / "a.zip.age", tmp_path / "b.zip.age"])
    assert [b.file_name for b in report.bundles] == ["a.zip.age", "b.zip.age"]
    assert all(b.status != "imported" for b in report.bundles)
    assert seen == [(_near(import_pacing.IMPORT_SWITCH_INTERVAL), False)] * 2
    assert sys.getswitchinterval() == _near(0.005) and gc.isenabled()
