"""bench/discover_literal_scan.py: the catch-all scanner the docs measure against discover (every image-shaped string
of every text file) takes what its rules say and nothing else, and its figures are counted against the labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.discover_literal_scan import main, scan_text, scan_tree

BARE = frozenset({"postgres", "alpine"})


def test_scan_text_takes_qualified_hub_and_known_bare_names() -> None:
    text = (
        "image: ghcr.io/acme/app:1.2\n"
        'new GenericContainer("bitnami/redis:7.2")\n'
        "FROM postgres:16-alpine AS db\n"
        "registry.k8s.io/pause@sha256:" + "a" * 64 + "\n"
        "image: quay.io/acme/untagged\n"
    )
    assert scan_text(text, BARE) == {
        "ghcr.io/acme/app:1.2",
        "bitnami/redis:7.2",
        "postgres:16-alpine",
        "registry.k8s.io/pause@sha256:" + "a" * 64,
        "quay.io/acme/untagged:latest",
    }


@pytest.mark.parametrize(
    "text",
    [
        "key: value:1",  # a bare name no label names
        "owner/name:stable",  # a Docker Hub tag of no version shape
        "http://example.com:8080",  # a URL's port is no image
        "time 12:30",  # a clock
        "path/to/file.go:12",  # a file and line
        'import "github.com/acme/module/pkg"',  # a Go import path: no tag, no registry host
    ],
)
def test_scan_text_leaves_what_its_rules_do_not_take(text: str) -> None:
    assert scan_text(text, BARE) == set()


def test_scan_tree_skips_prose_vendored_binary_and_git(tmp_path: Path) -> None:
    (tmp_path / "docker-compose.yml").write_text("services:\n  db:\n    image: postgres:16\n")
    (tmp_path / "README.md").write_text("docker run alpine:3.20\n")
    for folder in ("vendor", "node_modules", ".git"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.yaml").write_text("image: quay.io/vendored/thing:1\n")
    (tmp_path / "blob.bin").write_bytes(b"\0\0quay.io/binary/thing:1")
    assert scan_tree(tmp_path, BARE) == {"postgres:16"}


def test_main_counts_scanner_and_discover_against_the_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """clambin/tado-exporter of set GM is labelled golang:1.26 and alpine:latest; the tree given here names golang:1.26
    and an image the label leaves out, and the run says discover found both labelled images."""
    tree = tmp_path / "heldout_gm" / "clambin+tado-exporter"
    tree.mkdir(parents=True)
    (tree / "Dockerfile").write_text("FROM golang:1.26 AS build\nFROM alpine\n")
    (tree / "test.yaml").write_text("image: ghcr.io/acme/not-labelled:1\n")
    row = {"repository": "clambin/tado-exporter", "missed": [], "extra": [], "hits": 2, "expected": 2}
    run = tmp_path / "run.json"
    run.write_text(json.dumps({"sets": {"heldout_gm": [row]}}))
    assert main([str(tmp_path), str(run)]) == 0
    out = capsys.readouterr().out
    assert "1 repositories, 2 labelled images" in out
    assert "discover: recall 2/2 (100.0%), precision 2/2 (100.0%)" in out
    assert "catch-all scanner: recall 1/2 (50.0%), precision 1/2 (50.0%)" in out
    assert "discover + scanner: recall 2/2 (100.0%), precision 2/3 (66.7%)" in out


def test_main_names_a_root_without_trees(tmp_path: Path) -> None:
    run = tmp_path / "run.json"
    run.write_text(
        json.dumps({"sets": {"heldout_gm": [{"repository": "clambin/tado-exporter", "missed": [], "extra": []}]}})
    )
    with pytest.raises(SystemExit, match="no tree"):
        main([str(tmp_path / "nowhere"), str(run)])


def test_sets_narrows_the_run_to_the_sets_named(tmp_path: Path) -> None:
    tree = tmp_path / "heldout_gm" / "clambin+tado-exporter"
    tree.mkdir(parents=True)
    (tree / "Dockerfile").write_text("FROM golang:1.26\n")
    run = tmp_path / "run.json"
    row = {"repository": "clambin/tado-exporter", "missed": [], "extra": []}
    run.write_text(json.dumps({"sets": {"heldout_gm": [row]}}))
    assert main([str(tmp_path), str(run), "--sets", "heldout_g?"]) == 0
    with pytest.raises(SystemExit, match="no tree"):
        main([str(tmp_path), str(run), "--sets", "heldout_a?"])
