"""Registry text is data, not terminal control: escapes, CR/LF and bidi overrides in a registry's errors reach the
terminal as visible escapes, in the progress lines, the text report, its "behind upstream" section and log lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.cli.terminal import safe
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from tests.support.proxy import Action, InterposingProxy, Seen

ROOT = Path(__file__).resolve().parents[2]
# Clear the line, go back to its start, forge a progress line, then hide the rest behind a bidi override and a bell.
HOSTILE = "denied\x1b[2K\r\n[1/1] copied   docker.io/library/alpine:3.20 -> mirror (3.6 MB)\u202e\x07\x9b31m"
FORGED = "[1/1] copied"
RAW = ("\x1b", "\r", "\u202e", "\x07", "\x9b")


def _error(code: str) -> Action:
    body = json.dumps({"errors": [{"code": code, "message": HOSTILE}]}).encode()  # JSON escapes, decoded to raw
    return Action(status=400, body=body, headers={"Content-Type": "application/json"})


def test_a_registry_error_full_of_terminal_control_is_printed_as_data(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    tmp_path: Path,
) -> None:
    for name in ("a", "b"):
        push_image(source_registry, f"lib/{name}", oci_image(seed=f"terminal-{name}"), tags=["1"])
    source = proxy_factory(source_registry.host)
    target = proxy_factory(target_registry.host)

    def refuse_manifest_of_a(seen: Seen) -> Action | None:  # the source refuses with its hostile message
        if seen.method == "GET" and "/lib/a/manifests/" in seen.path:
            return _error("DENIED")
        return None

    def refuse_tag_of_b(seen: Seen) -> Action | None:  # the target refuses too (logged once at -v, then reported)
        if seen.method == "PUT" and "/lib/b/manifests/" in seen.path:
            return _error("MANIFEST_BLOB_UNKNOWN")
        return None

    source.rules.append(refuse_manifest_of_a)
    target.rules.append(refuse_tag_of_b)
    images = tmp_path / "images.txt"
    images.write_text(f"{source.host}/lib/a:1\n{source.host}/lib/b:1\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), HOME=str(tmp_path))
    argv = ["sync", "--images", str(images), "--to", f"{target.host}/m", "--plain-http", "-v"]
    result = subprocess.run(
        [sys.executable, "-m", "ecr_mirror", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr[-3000:]
    out, err = result.stdout, result.stderr
    for char in RAW:
        assert char not in out and char not in err, f"{char!r} reached the terminal"
    lines = (out + err).split("\n")
    assert not [line for line in lines if line.startswith(FORGED)], "a forged progress line reached the terminal"
    escaped = safe(HOSTILE)
    assert escaped.startswith("denied\\x1b[2K\\r\\n[1/1] copied") and escaped.endswith("\\u202e\\x07\\x9b31m")
    # The message is still there, as data: in both progress lines and a log line.
    assert err.count(escaped) >= 3, err[-3000:]
    assert [line for line in err.split("\n") if line.startswith("DEBUG ") and escaped in line], err[-3000:]
    # After a run the behind section is one summary line pointing to the progress lines (printed above, escaped).
    assert "the reasons are on the progress lines" in out, out


def test_a_logged_traceback_keeps_its_own_lines_but_not_the_line_breaks_of_a_registrys_message() -> None:
    """An exception message quoting a registry (with its cause's) cannot start a line of its own in the log: a
    forged `[1/1] copied` stays on the traceback's last line, escaped; the traceback's frames keep their lines."""
    import logging

    from ecr_mirror.cli.terminal import SafeFormatter

    def fail() -> None:
        try:
            raise ValueError("cause\r\n[2/2] copied \x1b[2J")
        except ValueError as exc:
            raise RuntimeError("registry said: nope\n[1/1] copied docker.io/library/x:1\u202e") from exc

    try:
        fail()
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "run failed", None, sys.exc_info())
    text = SafeFormatter("%(message)s").format(record)

    lines = text.splitlines()
    assert not [line for line in lines if line.startswith("[")]  # no forged progress line
    assert "RuntimeError: registry said: nope\\n[1/1] copied docker.io/library/x:1\\u202e" in lines
    assert "ValueError: cause\\r\\n[2/2] copied \\x1b[2J" in lines
    assert sum(line.strip().startswith("File ") for line in lines) >= 2  # the frames are still lines of their own
