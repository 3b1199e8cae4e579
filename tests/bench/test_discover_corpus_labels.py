"""bench/discover_corpus.py: a label that is no reference a registry can serve (a repository's own typo, a digest
one hex digit short) is shown and not counted, instead of stopping the whole measurement."""

from __future__ import annotations

import json
from pathlib import Path

from bench.discover_corpus import measure

SHORT = "kindest/node:v1.27.16@sha256:" + "2d" * 31 + "8"  # 63 hex digits, as the script writes it


def test_an_invalid_label_is_reported_and_not_counted(tmp_path: Path) -> None:
    repository = tmp_path / "acme+ci"
    repository.mkdir()
    (repository / "Dockerfile").write_text("FROM alpine:3.20\n")
    manifest = tmp_path / "labels.json"
    entry = {"repository": "acme/ci", "commit": "0" * 40, "expected": ["alpine:3.20", SHORT], "indirect": []}
    manifest.write_text(json.dumps({"about": "test", "repositories": [entry]}))
    result = measure(tmp_path, manifest)
    row = result["repositories"][0]
    assert row["invalid_labels"] == [SHORT]
    assert (row["hits"], row["expected"], row["missed"]) == (1, 1, [])
    assert result["recall"] == 1.0
