"""The command line's side of the policy gate: loading the policies' keys and the first-seen state file.

Key files are read relative to the image list's directory; `awskms://` and `ssm:` keys with your AWS credentials.
The state file (`--state`, default under the user's cache directory) is read before the run and written
atomically after it, only when a policy has `minAge`; a corrupt file is an error naming it, never reset.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.errors import MirrorError, TrustError
from ecr_mirror.trust.first_seen import FirstSeen, parse_first_seen
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.policy import KeyRef, Policy

if TYPE_CHECKING:
    from ecr_mirror.trust.keys import PublicKey

STATE_FILE = "first-seen.json"
MAX_KEY_BYTES = 64 * 1024


def default_state_path() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "ecr-mirror" / STATE_FILE


def list_policies(images: ImageList) -> list[Policy]:
    found = [p for e in images.entries for p in e.policies] + [p for r in images.rules for p in r.options.policies]
    return list(dict.fromkeys(found))


def _read_key(ref: KeyRef, base: Path) -> bytes:
    if ref.kind != "file":
        from ecr_mirror.ecr.keys import read_aws_key

        return read_aws_key(ref)
    path = base / Path(ref.location).expanduser()
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_KEY_BYTES + 1)
    except OSError as exc:
        raise TrustError(f"cannot read key file {str(path)!r}: {exc.strerror or exc}") from exc


def load_keys(policies: list[Policy], base: Path) -> dict[KeyRef, PublicKey | TrustError]:
    """Each key once; one that cannot be read or loaded maps to the error (its images fail, the others run)."""
    refs = list(dict.fromkeys(p.key for p in policies if p.key is not None))
    if not refs:
        return {}  # no key: `cryptography` (about 10 MB of resident memory) is never imported
    from ecr_mirror.trust.keys import load_public_key

    keys: dict[KeyRef, PublicKey | TrustError] = {}
    for ref in refs:
        try:
            keys[ref] = load_public_key(_read_key(ref, base), f"key {ref}")
        except MirrorError as exc:
            keys[ref] = exc if isinstance(exc, TrustError) else TrustError(f"key {ref}: {exc}")
    return keys


def load_state(path: Path) -> FirstSeen:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return FirstSeen()
    except OSError as exc:
        raise TrustError(f"cannot read state file {str(path)!r}: {exc.strerror or exc}") from exc
    return parse_first_seen(data, f"state file {str(path)!r}")


def save_state(path: Path, state: FirstSeen) -> None:
    """Write to a temporary file beside it, then rename over it: a reader sees the old file or the new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(state.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise TrustError(f"cannot write state file {str(path)!r}: {exc.strerror or exc}") from exc


def prepare_trust(
    images: ImageList, list_path: Path, state_path: Path | None, *, dry_run: bool
) -> tuple[TrustContext, Path | None]:
    """The run's trust context, and the state file to save after the run (None: no policy has minAge)."""
    policies = list_policies(images)
    keys = load_keys(policies, list_path.parent)
    if not any(p.min_age is not None for p in policies):
        return TrustContext(keys=keys, record=not dry_run), None
    path = state_path or default_state_path()
    return TrustContext(keys=keys, first_seen=load_state(path), record=not dry_run), path
