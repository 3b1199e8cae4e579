"""bcrypt htpasswd entries, the only kind docker-registry's htpasswd auth accepts.

Methods, tried in this order by "auto":
    htpasswd   `htpasswd -niB` from Debian's apache2-utils ($2y$ hashes)
    bcrypt     the `bcrypt` Python package, when installed ($2b$)
    crypt      the stdlib `crypt` module over glibc/libxcrypt, which implements bcrypt on Debian ($2b$)
Go's bcrypt (used by the registry) accepts all three prefixes. Cost 4 is the minimum: the registry checks the
password on every request, so a high cost would slow down every test and benchmark.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

Method = Literal["auto", "htpasswd", "bcrypt", "crypt"]
COST = 4


class HtpasswdError(RuntimeError):
    pass


def available_methods() -> list[Method]:
    out: list[Method] = []
    if shutil.which("htpasswd"):
        out.append("htpasswd")
    try:
        importlib.import_module("bcrypt")
        out.append("bcrypt")
    except ImportError:
        pass
    if _crypt_hash("probe", check=False):
        out.append("crypt")
    return out


def bcrypt_hash(password: str, method: Method = "auto", cost: int = COST) -> str:
    if method == "auto":
        methods = available_methods()
        if not methods:
            raise HtpasswdError(
                "no bcrypt implementation: install apache2-utils (htpasswd) or the bcrypt Python package"
            )
        method = methods[0]
    if method == "htpasswd":
        exe = shutil.which("htpasswd")
        if not exe:
            raise HtpasswdError("htpasswd not found: apt-get install apache2-utils")
        result = subprocess.run(
            [exe, "-niB", "-C", str(cost), "user"], input=password, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise HtpasswdError(f"htpasswd failed: {result.stderr.strip()}")
        return result.stdout.strip().partition(":")[2]
    if method == "bcrypt":
        bcrypt = importlib.import_module("bcrypt")
        hashed: bytes = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=cost))
        return hashed.decode()
    hashed_text = _crypt_hash(password, cost=cost, check=True)
    assert hashed_text is not None
    return hashed_text


def _crypt_hash(password: str, cost: int = COST, *, check: bool) -> str | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            crypt = importlib.import_module("crypt")
        except ImportError:
            if check:
                raise HtpasswdError("the crypt module is not available (Python >= 3.13)") from None
            return None
    value = crypt.crypt(password, crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1 << cost))
    if not isinstance(value, str) or not value.startswith("$2"):
        if check:
            raise HtpasswdError("the C library's crypt() does not implement bcrypt")
        return None
    return value


def write_htpasswd(path: Path, users: Mapping[str, str], method: Method = "auto") -> None:
    """Write `user:bcrypt-hash` lines for each (user, password)."""
    for user in users:
        if ":" in user or not user:
            raise HtpasswdError(f"invalid htpasswd user name {user!r}")
    lines = [f"{user}:{bcrypt_hash(password, method)}\n" for user, password in users.items()]
    path.write_text("".join(lines))
