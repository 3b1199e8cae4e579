"""The benchmark measures the discover code of the checkout it belongs to, whatever the caller's PYTHONPATH says.

Each repository is measured by an `ecr-mirror discover` subprocess started in the repository's own directory, so a
relative PYTHONPATH (`PYTHONPATH=lambda:.`, given from a worktree) resolves there, not in the worktree, and the
subprocess falls back to whatever checkout the virtualenv's editable install points at."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bench import discover_corpus

CHECKOUT = Path(discover_corpus.__file__).resolve().parents[1]


def test_the_discover_subprocess_imports_this_checkout_s_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", "lambda:.")
    seen: dict[str, Any] = {}

    def fake_run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        seen.update(kwargs)
        return subprocess.CompletedProcess(args, 0, json.dumps([]), "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    records, _stderr, _seconds = discover_corpus._discover(tmp_path, [])
    assert records == []
    assert seen["cwd"] == tmp_path
    paths = seen["env"]["PYTHONPATH"].split(os.pathsep)
    assert paths[:2] == [str(CHECKOUT / "lambda"), str(CHECKOUT)]
    assert all(Path(path).is_absolute() for path in paths if path)
