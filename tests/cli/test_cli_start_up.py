"""What starting the command line loads: not httpx's own command line (click, rich, pygments), which it never runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, sys; import ecr_mirror.cli.main; import httpx; "
    "print(json.dumps({'loaded': sorted(m for m in ('click', 'rich', 'pygments') if m in sys.modules), "
    "'client': hasattr(httpx, 'AsyncClient')}))"
)


def test_the_cli_does_not_import_httpx_command_line() -> None:
    import importlib.util

    assert importlib.util.find_spec("click") is not None, "click must be installed for this test to mean anything"
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"loaded": [], "client": True}
