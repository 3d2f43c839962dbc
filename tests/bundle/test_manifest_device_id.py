"""The device id a bundle's manifest claims is bound at HQ to the enrolled key by the first
bundle, then printed in every import line, `devices list` and the Import view: an id with
a terminal escape, a line break or an invisible mark (a forged manifest) is refused, as
HQ refuses such marks in the device's name."""

from __future__ import annotations

import json

import pytest

from desktop.bundle.errors import BundleError
from desktop.bundle.manifest import Manifest, parse_manifest

SHA = "0" * 64


def _manifest(device_id: str) -> bytes:
    return Manifest(bundle_uuid="3f2a9c1e-0000-4000-8000-000000000001", device_id=device_id,
                    device_public_key="AAAA", sequence=1, previous_bundle_uuid=None,
                    created="2026-12-01T10:00:00Z", scope="full",
                    questionnaire={"id": "q", "version": "1", "sha256": SHA},
                    counts={"rounds": 0, "forms": 0, "answers": 0, "audit": 0},
                    files={name: SHA for name in ("questionnaire.json", "responses.csv",
                                                  "records.jsonl", "audit.jsonl")}
                    ).to_bytes()


def test_a_plain_device_id_is_read():
    assert parse_manifest(_manifest("dev-61347efbcf61")).device_id == "dev-61347efbcf61"


@pytest.mark.parametrize("device_id", ["dev-1\x1b[2K\rimported", "dev-1\nriskmap: ok",
                                       "dev-\u202e1fe", "dev-\x00"])
def test_a_device_id_with_control_marks_is_refused(device_id):
    with pytest.raises(BundleError) as refused:
        parse_manifest(_manifest(device_id))
    assert refused.value.kind == "tampered"
    assert json.loads(_manifest(device_id))["device_id"] == device_id  # it was written
