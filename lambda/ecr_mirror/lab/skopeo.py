"""The real `skopeo` binary as an independent client, to check what a registry holds.

    inspect_raw("127.0.0.1:5000/library/alpine:3.20")      -> the manifest bytes exactly as stored
    inspect_digest(...)                                     -> "sha256:" + sha256 of those bytes
    list_tags("127.0.0.1:5000/library/alpine")             -> ["3.20", ...]
    copy_all(src, dst)                                      -> `skopeo copy --all --preserve-digests`

References may be given with or without the `docker://` transport; other transports (oci:DIR:TAG) pass as is.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess

from ecr_mirror.lab.defaults import SKOPEO_BINARY_ENV


class SkopeoMissingError(RuntimeError):
    pass


class SkopeoError(RuntimeError):
    pass


def find_skopeo() -> str:
    explicit = os.environ.get(SKOPEO_BINARY_ENV)
    found = shutil.which(explicit or "skopeo")
    if not found:
        raise SkopeoMissingError(
            f"skopeo was not found ({explicit or 'skopeo'} is not on PATH): install it with "
            f"`apt-get install skopeo`, or set ${SKOPEO_BINARY_ENV}"
        )
    return found


def _transport(ref: str) -> str:
    if ref.startswith(("docker://", "oci:", "dir:", "oci-archive:", "docker-archive:")):
        return ref
    return "docker://" + ref


def _is_registry(ref: str) -> bool:
    return _transport(ref).startswith("docker://")


def _auth_args(prefix: str, creds: tuple[str, str] | None) -> list[str]:
    """--creds user:pass, or --no-creds so a stray auth file on the machine is not used; prefix src-/dest-."""
    if creds is None:
        return [f"--{prefix}no-creds"]
    return [f"--{prefix}creds", f"{creds[0]}:{creds[1]}"]


def run(args: list[str], *, timeout: float = 300.0) -> bytes:
    """Run skopeo with `args`; stdout on success, SkopeoError with its stderr otherwise."""
    cmd = [find_skopeo(), *args]
    result = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        shown = " ".join("***" if i > 0 and cmd[i - 1].endswith("creds") else a for i, a in enumerate(cmd))
        raise SkopeoError(f"`{shown}` failed ({result.returncode}): {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def inspect_raw(
    ref: str, tls_verify: bool = False, creds: tuple[str, str] | None = None, timeout: float = 120.0
) -> bytes:
    """The manifest (or index) bytes exactly as the registry serves them."""
    args = ["inspect", "--raw", f"--tls-verify={str(tls_verify).lower()}", *_auth_args("", creds), _transport(ref)]
    return run(args, timeout=timeout)


def inspect_digest(
    ref: str, tls_verify: bool = False, creds: tuple[str, str] | None = None, timeout: float = 120.0
) -> str:
    """sha256 digest of the raw manifest skopeo fetched (the digest the registry must report)."""
    return "sha256:" + hashlib.sha256(inspect_raw(ref, tls_verify, creds, timeout)).hexdigest()


def list_tags(
    repo_ref: str, tls_verify: bool = False, creds: tuple[str, str] | None = None, timeout: float = 120.0
) -> list[str]:
    args = ["list-tags", f"--tls-verify={str(tls_verify).lower()}", *_auth_args("", creds), _transport(repo_ref)]
    tags: list[str] = json.loads(run(args, timeout=timeout))["Tags"]
    return tags


def copy_all(
    src: str,
    dst: str,
    *,
    src_creds: tuple[str, str] | None = None,
    dest_creds: tuple[str, str] | None = None,
    tls_verify: bool = False,
    timeout: float = 600.0,
) -> None:
    """`skopeo copy --all --preserve-digests SRC DST` (every platform, digests unchanged)."""
    verify = str(tls_verify).lower()
    args = ["copy", "--all", "--preserve-digests", "--quiet"]
    if _is_registry(src):
        args += [f"--src-tls-verify={verify}", *_auth_args("src-", src_creds)]
    if _is_registry(dst):
        args += [f"--dest-tls-verify={verify}", *_auth_args("dest-", dest_creds)]
    run([*args, _transport(src), _transport(dst)], timeout=timeout)
