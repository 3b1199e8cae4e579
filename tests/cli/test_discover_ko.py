"""`ecr-mirror discover` finds ko's `.ko.yaml` (a dot file) anywhere in the tree and lists its base images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main


def test_ko_base_images_are_listed_and_a_broken_ko_yaml_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "controller").mkdir()
    (tmp_path / ".ko.yaml").write_text(
        "defaultBaseImage: gcr.io/distroless/static-debian12:nonroot\n"
        "baseImageOverrides:\n  example.com/widgets/cmd/debug: alpine:3.20\n"
    )
    (tmp_path / "controller" / ".ko.yaml").write_text("defaultBaseImage: alpine\n  builds: []\n")
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = [(r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"]) for r in json.loads(out)]
    assert records == [
        (".ko.yaml", 1, "ko config", "defaultBaseImage", "gcr.io/distroless/static-debian12:nonroot", "public"),
        (".ko.yaml", 3, "ko config", "baseImageOverrides", "alpine:3.20", "public"),
    ]
    assert "controller/.ko.yaml: not valid YAML" in err
    assert "(line 2); skipped" in err
