"""bench/discover_corpus_checkout.py and discover_corpus_sets.py: the corpora rebuilt from a manifest's commits
(every file of the commit, export-ignore ones included, large blobs listed as missing), then measured set by set."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bench.discover_corpus_checkout import checkout_manifest, set_name
from bench.discover_corpus_sets import main as sets_main
from ecr_mirror.cli.main import main as discover_main


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _repository(tmp_path: Path) -> tuple[Path, str]:
    repo = tmp_path / "src"
    (repo / "ci").mkdir(parents=True)
    (repo / "Dockerfile").write_text("FROM alpine:3.20\n")
    (repo / "ci" / "compose.yml").write_text("services:\n  db:\n    image: postgres:16\n")
    (repo / ".gitattributes").write_text("ci export-ignore\n")
    (repo / "run.sh").write_text("#!/bin/sh\ndocker run --rm redis:7\n")
    (repo / "run.sh").chmod(0o755)
    (repo / "big.bin").write_bytes(b"\0" * 2048)
    (repo / "current").symlink_to("Dockerfile")
    _git(tmp_path, "init", "-q", "src")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first")
    first = _git(repo, "rev-parse", "HEAD")
    (repo / "Dockerfile").write_text("FROM alpine:3.21\n")
    _git(repo, "commit", "-qam", "second")  # the manifest names the first commit, not the newest
    return repo / ".git", first


def _manifest(tmp_path: Path, commit: str, expected: list[str]) -> Path:
    entry = {"repository": "acme/app", "commit": commit, "expected": expected, "indirect": [], "notes": ""}
    path = tmp_path / "discover_corpus_heldout_zz.json"
    path.write_text(json.dumps({"about": "test", "repositories": [entry]}))
    return path


def test_set_names_follow_the_manifest_names() -> None:
    assert set_name(Path("bench/discover_corpus_heldout_bk.json")) == "heldout_bk"
    assert set_name(Path("bench/discover_corpus.json")) == "main"


def test_the_listed_commit_is_written_whole_and_large_blobs_are_listed(tmp_path: Path) -> None:
    git_dir, commit = _repository(tmp_path)
    manifest = _manifest(tmp_path, commit, [])
    target = checkout_manifest(manifest, tmp_path / "out", {"acme/app": git_dir}, None, tmp_path / "cache", 1024)
    tree = target / "acme+app"
    assert target == tmp_path / "out" / "heldout_zz"
    assert (tree / "Dockerfile").read_text() == "FROM alpine:3.20\n"
    assert (tree / "ci" / "compose.yml").read_text().endswith("image: postgres:16\n")  # export-ignore kept
    assert (tree / "run.sh").stat().st_mode & 0o111
    assert (tree / "current").is_symlink() and (tree / "current").read_text() == "FROM alpine:3.20\n"
    assert not (tree / "big.bin").exists()
    assert (target / "missing.txt").read_text() == "acme/app big.bin\n"


def test_a_blob_the_git_directory_lacks_is_listed_and_the_rest_written(tmp_path: Path) -> None:
    git_dir, commit = _repository(tmp_path)
    blob = _git(git_dir.parent, "rev-parse", f"{commit}:ci/compose.yml")
    (git_dir / "objects" / blob[:2] / blob[2:]).unlink()  # as a snapshot lacks its largest files
    target = checkout_manifest(
        _manifest(tmp_path, commit, []), tmp_path / "out", {"acme/app": git_dir}, None, tmp_path / "cache", 1 << 20
    )
    assert (target / "missing.txt").read_text() == "acme/app ci/compose.yml\n"
    assert (target / "acme+app" / "Dockerfile").read_text() == "FROM alpine:3.20\n"
    assert not (target / "acme+app" / "ci" / "compose.yml").exists()


def test_a_commit_the_git_directory_lacks_stops_with_its_name(tmp_path: Path) -> None:
    git_dir, _ = _repository(tmp_path)
    manifest = _manifest(tmp_path, "1" * 40, [])
    with pytest.raises(SystemExit, match="ls-tree"):
        checkout_manifest(manifest, tmp_path / "out", {"acme/app": git_dir}, None, tmp_path / "cache", 1024)


def test_the_sets_are_measured_and_summed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git_dir, commit = _repository(tmp_path)
    manifest = _manifest(tmp_path, commit, ["alpine:3.20", "postgres:16", "mysql:8"])
    checkout_manifest(manifest, tmp_path / "out", {"acme/app": git_dir}, None, tmp_path / "cache", 1 << 20)
    capsys.readouterr()
    assert sets_main([str(tmp_path / "out"), str(manifest)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # redis:7 is an extra (not labelled), mysql:8 a miss
    assert lines[0] == "heldout_zz: recall 2/3 (66.7%), precision 2/3 (66.7%)"
    assert lines[1] == "all 1 sets, 1 repositories: recall 2/3 (66.7%), precision 2/3 (66.7%)"


def test_a_root_without_sets_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no corpus set found"):
        sets_main([str(tmp_path)])


def _ignored_but_tracked(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose `.gitignore` names `template` while git tracks `template/node/Dockerfile` (openfaas'
    templates repository has that shape)."""
    repo = tmp_path / "tracked"
    (repo / "template" / "node").mkdir(parents=True)
    (repo / ".gitignore").write_text("template\n")
    (repo / "template" / "node" / "Dockerfile").write_text("FROM node:22-alpine\n")
    (repo / "Dockerfile").write_text("FROM alpine:3.20\n")
    _git(tmp_path, "init", "-q", "tracked")
    _git(repo, "add", "-A")
    _git(repo, "add", "-f", "template/node/Dockerfile")
    _git(repo, "commit", "-qm", "first")
    return repo / ".git", _git(repo, "rev-parse", "HEAD")


def _listed(tree: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    capsys.readouterr()
    assert discover_main(["discover", str(tree), "--json"]) == 0
    return {record["reference"] for record in json.loads(capsys.readouterr().out)}


def test_each_tree_is_a_checkout_whose_tracked_files_are_read_though_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git_dir, commit = _ignored_but_tracked(tmp_path)
    manifest = _manifest(tmp_path, commit, [])
    target = checkout_manifest(manifest, tmp_path / "out", {"acme/app": git_dir}, None, tmp_path / "cache", 1 << 20)
    tree = target / "acme+app"
    assert _git(tree, "ls-files").splitlines() == [".gitignore", "Dockerfile", "template/node/Dockerfile"]
    written = {path.parent.name + path.name for path in (tree / ".git" / "objects").glob("??/*")}
    assert written <= {"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"}  # an index only: no object but the empty blob
    assert _listed(tree, capsys) == {"alpine:3.20", "node:22-alpine"}

    bare = checkout_manifest(
        manifest, tmp_path / "bare", {"acme/app": git_dir}, None, tmp_path / "cache", 1 << 20, "without"
    )
    assert not (bare / "acme+app" / ".git").exists()
    assert _listed(bare / "acme+app", capsys) == {"alpine:3.20"}  # an archive: .gitignore applies to every file

    checkout_manifest(manifest, tmp_path / "bare", {"acme/app": git_dir}, None, tmp_path / "cache", 1 << 20, "only")
    assert _listed(bare / "acme+app", capsys) == {"alpine:3.20", "node:22-alpine"}
