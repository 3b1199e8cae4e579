"""Bad image lists through the CLI: per-line errors naming the line (valid lines still run), or one clear error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecr_mirror.choose.naming import target_for
from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.reference import parse_reference

from .helpers import tag_digest

ROOT = Path(__file__).resolve().parents[2]


def _sync(images: Path, to: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), HOME=str(cwd))
    return subprocess.run(
        [sys.executable, "-m", "ecr_mirror", "sync", "--images", str(images), "--to", to, "--plain-http"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def _copied(desc: ImageDescription, to: str) -> bool:
    target = target_for(parse_reference(desc.reference), to)
    return tag_digest(target.registry, target.repository, target.tag or "") == desc.digest


def test_bad_lines_are_named_and_valid_lines_still_copied(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    a = push_image(source_registry, "lib/a", oci_image(seed="list-a"), tags=["1"])
    b = push_image(source_registry, "lib/b", oci_image(seed="list-b"), tags=["1"])
    lines = [
        "# mirrored images",
        a.reference,
        "Library/UPPER:1",
        "two words:1",
        "https://registry.example.com/x:1",
        f"{source_registry.host}/lib/c@sha256:abc",
        f"{source_registry.host}/lib/b:bad tag!",
        a.reference + "   # again",
        "",
        b.reference,
        "x" * 600,
    ]
    listing = tmp_path / "images.txt"
    listing.write_bytes("\r\n".join(lines).encode() + b"\r\n")  # Windows line endings
    to = f"{target_registry.host}/mirror"
    result = _sync(listing, to, tmp_path)
    assert result.returncode == 2, result.stderr
    err = result.stderr
    for number in (3, 4, 5, 6, 7, 11):
        assert f"{listing}:{number}: " in err, (number, err)
    assert "must be lower case" in err and "white space" in err and "no scheme" in err
    assert "sha256:abc" in err and "longer than 512" in err
    assert f"{listing}:8: " in err and "duplicates line 2" in err
    assert "\r" not in err
    assert _copied(a, to) and _copied(b, to)


def test_windows_line_endings_and_a_byte_order_mark_are_fine(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    a = push_image(source_registry, "lib/crlf", oci_image(seed="list-crlf"), tags=["1"])
    listing = tmp_path / "images.txt"
    listing.write_bytes(b"\xef\xbb\xbf# list\r\n" + a.reference.encode() + b"\r\n\r\n")
    to = f"{target_registry.host}/mirror"
    result = _sync(listing, to, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ecr-mirror:" not in result.stderr
    assert _copied(a, to)


def _write_garbage(path: Path) -> str:
    path.write_bytes(bytes(range(256)) * 64)
    return "not UTF-8 text"


def _write_huge(path: Path) -> str:
    path.write_bytes(b"alpine:3.20\n" * 100_000)
    return "the limit is 1048576"


def _write_nul(path: Path) -> str:
    path.write_bytes(b"alpine:3.20\n\x00\x00\x00\n")
    return "NUL bytes"


def _write_empty(path: Path) -> str:
    path.write_text("# nothing here\n\n")
    return "names no images"


def _missing(path: Path) -> str:
    return "No such file or directory"


def _directory(path: Path) -> str:
    path.mkdir()
    return "Is a directory"


WHOLE_FILE = {
    "binary": _write_garbage,
    "over-1-mb": _write_huge,
    "nul-bytes": _write_nul,
    "no-images": _write_empty,
    "missing": _missing,
    "directory": _directory,
}


@pytest.mark.parametrize("case", list(WHOLE_FILE), ids=list(WHOLE_FILE))
def test_unusable_list_is_one_clear_error_naming_the_file(case: str, tmp_path: Path) -> None:
    listing = tmp_path / "images.txt"
    expected = WHOLE_FILE[case](listing)
    result = _sync(listing, "127.0.0.1:9/mirror", tmp_path)  # nothing may be contacted: port 9 is discard
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(listing) in lines[0] and expected in lines[0], lines[0]
    assert "Traceback" not in result.stderr
