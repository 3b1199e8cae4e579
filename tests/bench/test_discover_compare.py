"""bench/discover_compare.py: two runs of the corpus benchmark compared repository by repository; a lost hit or a new
extra is named and makes the exit status 1, so a branch can be checked against a whole run before it merges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.discover_compare import compare, load_rows, main
from bench.discover_corpus import measure


def _run(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    """One measured run over two repositories, the first's files given, written as discover_corpus_sets does."""
    root = tmp_path / name
    for repository, text in (("acme/app", None), ("acme/other", "FROM debian:12\n")):
        directory = root / repository.replace("/", "+")
        directory.mkdir(parents=True)
        for path, body in files.items() if text is None else {"Dockerfile": text}.items():
            (directory / path).write_text(body)
    labels = [
        {"repository": "acme/app", "commit": "0" * 40, "expected": ["alpine:3.20", "redis:7"], "indirect": []},
        {"repository": "acme/other", "commit": "1" * 40, "expected": ["debian:12"], "indirect": []},
    ]
    manifest = tmp_path / f"{name}.json"
    manifest.write_text(json.dumps({"about": "test", "repositories": labels}))
    out = tmp_path / f"{name}-run.json"
    out.write_text(json.dumps({"setx": measure(root, manifest)["repositories"]}))
    return out


def test_a_lost_hit_and_a_new_extra_are_named_and_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _run(tmp_path, "before", {"Dockerfile": "FROM alpine:3.20\nFROM redis:7\n"})
    after = _run(tmp_path, "after", {"Dockerfile": "FROM alpine:3.20\nFROM nginx:1.27\n"})
    [change] = compare(load_rows(before), load_rows(after))
    assert (change.repository, change.lost, change.new_extras, change.worse) == (
        "acme/app",
        ["redis:7"],
        ["nginx:1.27"],
        True,
    )
    assert main([str(before), str(after)]) == 1
    out = capsys.readouterr().out
    assert "  lost hit: redis:7\n" in out and "  new extra: nginx:1.27\n" in out
    assert "2 repositories in both runs; before: recall 3/3 (100.0%), precision 3/3 (100.0%)" in out
    assert "after:  recall 2/3 (66.7%), precision 2/3 (66.7%)" in out
    assert "worse in 1: acme/app" in out


def test_gains_alone_pass_and_a_one_set_run_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _run(tmp_path, "before", {"Dockerfile": "FROM alpine:3.20\nFROM nginx:1.27\n"})
    after = _run(tmp_path, "after", {"Dockerfile": "FROM alpine:3.20\nFROM redis:7\n"})
    one_set = tmp_path / "one-set.json"  # bench.discover_corpus's own --json-out shape
    one_set.write_text(json.dumps({"repositories": json.loads(after.read_text())["setx"]}))
    record = tmp_path / "record.json"  # bench/discover_whole_run.json's shape
    record.write_text(json.dumps({"about": "a whole run", "sets": json.loads(before.read_text())}))
    assert main([str(record), str(one_set)]) == 0
    out = capsys.readouterr().out
    assert "  gained hit: redis:7\n" in out and "  extra gone: nginx:1.27\n" in out
    assert out.endswith("no hit lost, no extra gained\n")


def test_a_file_of_another_shape_is_refused_by_name(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.json"
    wrong.write_text("[1, 2]")
    with pytest.raises(SystemExit, match=r"wrong\.json: expected a JSON object"):
        load_rows(wrong)
