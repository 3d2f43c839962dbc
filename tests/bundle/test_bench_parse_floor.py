"""benchmarks/import_child.py `parse`: the floor line of bench_bundles reads every member
of a real bundle (decrypt, inflate, json of every line, csv), so its CPU is the bare cost
of the format: as many records, audit rows and csv rows as the bundle holds, and a
refused key is an error, not a fast zero."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from benchmarks.import_child import _parse
from desktop.bundle import age_crypto
from desktop.services.keys_service import hq_init

ROOT = Path(__file__).resolve().parents[2]


def test_parse_reads_every_line_of_every_member(bundle, hq_keys):
    found = _parse(str(hq_keys.identity_path), str(bundle))
    plain = age_crypto.decrypt(Path(bundle).read_bytes(),
                               age_crypto.load_identities(hq_keys.identity_path))
    members = zipfile.ZipFile(BytesIO(plain))
    lines = {name: len([line for line in members.read(name).decode().split("\n") if line])
             for name in ("records.jsonl", "audit.jsonl")}
    assert found["lines"]["records.jsonl"] == lines["records.jsonl"] == 31  # round + 30
    assert found["lines"]["audit.jsonl"] == lines["audit.jsonl"] >= 30
    assert found["lines"]["responses.csv"] == 31  # header + 30 forms
    assert set(found["parts"]) == {"decrypt", "inflate records.jsonl", "json records.jsonl",
                                   "inflate audit.jsonl", "json audit.jsonl",
                                   "inflate responses.csv", "csv responses.csv"}
    assert found["cpu"] >= 0 and found["wall"] > 0


def test_the_mode_runs_as_the_bench_runs_it_and_refuses_another_key(bundle, hq_keys,
                                                                    tmp_path):
    run = [sys.executable, "-m", "benchmarks.import_child", "parse"]
    done = subprocess.run(run + [str(hq_keys.identity_path), str(bundle)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1])["lines"]["records.jsonl"] == 31
    other = hq_init(tmp_path / "other-keys")
    refused = subprocess.run(run + [str(other.identity_path), str(bundle)], cwd=ROOT,
                             capture_output=True, text=True)
    assert refused.returncode != 0 and not refused.stdout
