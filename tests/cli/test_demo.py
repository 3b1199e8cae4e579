"""The README's first command: `ecr-mirror demo` copies the samples, then skips them all without a pull."""

from __future__ import annotations

import json

import pytest

from ecr_mirror.cli.main import main


def test_demo_copies_then_skips_everything(registry_binary: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json"]) == 0
    out, err = capsys.readouterr()
    first, second = (json.loads(line) for line in out.splitlines() if line.startswith("{"))
    assert [i["status"] for i in first["images"]] == ["copied"] * 3
    assert [i["status"] for i in second["images"]] == ["skipped"] * 3
    assert [i["digest"] for i in first["images"]] == [i["digest"] for i in second["images"]]
    assert first["summary"]["bytes"] > 2_000_000 and second["summary"]["bytes"] == 0
    assert "3 manifest HEADs, 0 manifest GETs (Docker Hub pulls), 0 blob GETs" in err
