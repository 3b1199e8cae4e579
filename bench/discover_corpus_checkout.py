"""`python -m bench.discover_corpus_checkout MANIFEST... --out ROOT`: the corpora of discover's benchmark, rebuilt.

For each repository of each manifest (bench/discover_corpus*.json), ROOT/SET/OWNER+NAME receives every file of the
listed commit, SET being the manifest's name without `discover_corpus_` (`heldout_bk`; the first manifest is
`main`). The commit comes from a git directory already on the machine (`--git-dir OWNER/NAME=DIR`, or
`--mirror-root DIR` holding `OWNER+NAME/repo[/.git]`) or is fetched from GitHub by its id (`git fetch --depth 1
https://github.com/OWNER/NAME COMMIT`; GitHub serves any commit of a repository's history that way).

The tree is written from the commit's own listing (`git ls-tree -r`), blob by blob, so that nothing a checkout
filter or `.gitattributes` `export-ignore` would drop is lost (`git archive` drops the latter). Files of
`--skip-larger-than` bytes or more (4 MiB by default: the snapshots the labels were made from lack them) and blobs
the git directory lacks are not written; each set's `missing.txt` lists them as `OWNER/NAME PATH`. Submodules
(gitlinks) are not followed, as a checkout leaves them empty. Each tree also gets a `.git` whose index lists its
files (and no object), so that it is a git checkout as far as discover's walk asks (`git ls-files`: a file the
repository tracks is read though a `.gitignore` pattern matches it, as in the clone a user or CI runs discover in;
openfaas/templates lists `template` in its `.gitignore` and tracks every template's Dockerfile under it).
`--no-index` leaves it out (the trees of sessions before 30 had none); `--index-only` writes only the index, into
trees written before. Then
    python -m bench.discover_corpus ROOT/heldout_bk --manifest bench/discover_corpus_heldout_bk.json
measures one set, and `python -m bench.discover_corpus_sets ROOT` all of them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

FOUR_MIB = 4 * 1024 * 1024
MISSING = -1  # the size given to a blob the git directory lacks
BENCH = Path(__file__).parent


def set_name(manifest: Path) -> str:
    """`discover_corpus_heldout_bk.json` -> `heldout_bk`; `discover_corpus.json` -> `main`."""
    stem = manifest.stem
    return stem.removeprefix("discover_corpus").lstrip("_") or "main"


def _git(git_dir: Path, *args: str) -> bytes:
    done = subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args[:2])} in {git_dir}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _fetched(repository: str, commit: str, cache: Path) -> Path:
    git_dir = cache / repository.replace("/", "+")
    if not git_dir.exists():
        subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True)
    if (
        subprocess.run(
            ["git", f"--git-dir={git_dir}", "cat-file", "-e", f"{commit}^{{commit}}"], check=False, capture_output=True
        ).returncode
        != 0
    ):
        _git(git_dir, "fetch", "-q", "--depth", "1", f"https://github.com/{repository}", commit)
    return git_dir


def _mirror_git_dir(root: Path, repository: str) -> Path | None:
    base = root / repository.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


def _entries(git_dir: Path, commit: str) -> list[tuple[str, str, int | None, str]]:
    """(mode, object id, size or None for a gitlink, path) of every entry of the commit's tree."""
    listing = _git(git_dir, "ls-tree", "-r", "-z", "--long", "--full-tree", commit)
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        head, path = record.split(b"\t", 1)
        mode, _kind, oid, size = head.decode().split()
        # a blob the git directory lacks has no size: git 2.39 prints `BAD`; read as missing below
        length = None if size == "-" else int(size) if size.isdigit() else MISSING
        entries.append((mode, oid, length, path.decode("utf-8", "surrogateescape")))
    return entries


def _read_blob(batch: subprocess.Popen[bytes], oid: str) -> bytes | None:
    assert batch.stdin is not None and batch.stdout is not None
    batch.stdin.write(f"{oid}\n".encode())
    batch.stdin.flush()
    header = batch.stdout.readline().split()
    if len(header) < 3 or header[1] != b"blob":  # `OID missing`: the git directory lacks the blob
        return None
    data = batch.stdout.read(int(header[2]))
    batch.stdout.read(1)
    return data


def write_tree(git_dir: Path, commit: str, out: Path, limit: int = FOUR_MIB) -> list[str]:
    """Write the commit's files under out; the paths not written (too large or absent), sorted."""
    out.mkdir(parents=True, exist_ok=True)
    left: list[str] = []
    batch = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        for mode, oid, size, path in _entries(git_dir, commit):
            target = out / path
            if size is None:  # a submodule: its directory, empty, as a checkout leaves it
                target.mkdir(parents=True, exist_ok=True)
                continue
            if size >= limit or size == MISSING:
                left.append(path)
                continue
            data = _read_blob(batch, oid)
            if data is None:
                left.append(path)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == "120000":
                target.unlink(missing_ok=True)
                target.symlink_to(data.decode("utf-8", "surrogateescape"))
                continue
            target.write_bytes(data)
            if mode == "100755":
                target.chmod(0o755)
    finally:
        _close(batch.stdin)
        batch.wait()
    return sorted(left)


def write_index(out: Path) -> None:
    """`out/.git`: a repository whose index lists every file of the tree `out` as tracked, which each is (written from
    the commit's own listing); entries are added with `--intent-to-add`, so no object is written (but the empty blob)
    (https://git-scm.com/docs/git-add#Documentation/git-add.txt---intent-to-add)."""
    dot_git = out / ".git"
    if dot_git.is_dir():
        shutil.rmtree(dot_git)
    for args in (
        ["-c", "init.defaultBranch=main", "init", "-q", "."],
        ["add", "--all", "--force", "--intent-to-add", "."],
    ):
        subprocess.run(["git", "-C", str(out), *args], check=True, capture_output=True)


def _close(stream: IO[bytes] | None) -> None:
    if stream is not None:
        stream.close()


def checkout_manifest(
    manifest: Path,
    root: Path,
    git_dirs: dict[str, Path],
    mirror_root: Path | None,
    cache: Path,
    limit: int,
    index: str = "with",
) -> Path:
    """Write each repository of `manifest` under `root`; `index`: "with" (tree and index), "without", or "only"."""
    entries = json.loads(manifest.read_text())["repositories"]
    target = root / set_name(manifest)
    missing: list[str] = []
    for entry in entries:
        repository, commit = entry["repository"], entry["commit"]
        if index == "only" and not (target / repository.replace("/", "+")).is_dir():
            continue  # a tree this root never had: nothing to index
        out = target / repository.replace("/", "+")
        if index != "only":
            git_dir = git_dirs.get(repository) or (mirror_root and _mirror_git_dir(mirror_root, repository))
            git_dir = git_dir or _fetched(repository, commit, cache)
            missing += [f"{repository} {path}" for path in write_tree(git_dir, commit, out, limit)]
        if index != "without":
            write_index(out)
        print(f"{set_name(manifest)}: {repository}@{commit[:12]} -> {out}", flush=True)
    if index != "only":
        (target / "missing.txt").write_text("".join(f"{line}\n" for line in missing))
    return target


def _pair(text: str) -> tuple[str, Path]:
    name, sep, directory = text.partition("=")
    if not sep or "/" not in name:
        raise argparse.ArgumentTypeError(f"{text!r}: expected OWNER/NAME=GIT_DIR")
    return name, Path(directory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifests", type=Path, nargs="*", help="default: every bench/discover_corpus*.json")
    parser.add_argument("--out", type=Path, required=True, help="the corpora root: OUT/SET/OWNER+NAME")
    parser.add_argument("--git-dir", type=_pair, action="append", default=[], metavar="OWNER/NAME=DIR")
    parser.add_argument("--mirror-root", type=Path, help="a folder of OWNER+NAME/repo git snapshots")
    parser.add_argument("--cache", type=Path, help="where commits fetched from GitHub are kept (default: a temp dir)")
    parser.add_argument("--skip-larger-than", type=int, default=FOUR_MIB, metavar="BYTES")
    indexing = parser.add_mutually_exclusive_group()
    indexing.add_argument("--no-index", dest="index", action="store_const", const="without", default="with")
    indexing.add_argument("--index-only", dest="index", action="store_const", const="only")
    args = parser.parse_args(argv)
    manifests = args.manifests or sorted(BENCH.glob("discover_corpus*.json"))
    with tempfile.TemporaryDirectory() as scratch:
        cache = args.cache or Path(scratch)
        for manifest in manifests:
            checkout_manifest(
                manifest, args.out, dict(args.git_dir), args.mirror_root, cache, args.skip_larger_than, args.index
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
