"""A discover run reads a script once per text (cli/discover_memo.py), and nothing read is kept for the next run:
a file beside the script changed between two runs of one process is read anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.discover_memo import remembered, remembering
from tests.support.trees import discover_records, write_tree

DEPLOY = """\
#!/usr/bin/env bash
set -euo pipefail
ROOT=$(dirname "${BASH_SOURCE[0]}")/..
TAG=${TAG:-"1.27"}
sed -i -e "s/{{tag}}/${TAG}/g" "${ROOT}"/deploy/web.yaml
kubectl apply -f "${ROOT}"/deploy/web.yaml
"""


def _manifest(image: str) -> str:
    return (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
        f"    - name: web\n      image: {image}\n"
    )


def test_a_second_run_reads_the_files_a_script_fills_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"hack/deploy.sh": DEPLOY, "deploy/web.yaml": _manifest("nginx:{{tag}}")})
    first = discover_records(tmp_path, monkeypatch, capsys)
    write_tree(tmp_path, {"deploy/web.yaml": _manifest("httpd:{{tag}}")})
    second = discover_records(tmp_path, monkeypatch, capsys)
    filled = [(r["file"], r["line"], r["reference"], r["status"]) for r in first if "sed" in r["use"]]
    again = [(r["file"], r["line"], r["reference"], r["status"]) for r in second if "sed" in r["use"]]
    assert filled == [("deploy/web.yaml", 8, "nginx:1.27", "public")]
    assert again == [("deploy/web.yaml", 8, "httpd:1.27", "public")]


def test_a_reading_is_remembered_within_a_run_only() -> None:
    calls: list[str] = []

    def read() -> tuple[str, ...]:
        calls.append("read")
        return ("nginx:1.27",)

    with remembering():
        assert remembered(("pulls", "a.sh"), read) == ("nginx:1.27",)
        assert remembered(("pulls", "a.sh"), read) == ("nginx:1.27",)
        assert remembered(("pulls", "b.sh"), read) == ("nginx:1.27",)
    assert calls == ["read", "read"]
    remembered(("pulls", "a.sh"), read)
    with remembering():
        remembered(("pulls", "a.sh"), read)
    assert calls == ["read", "read", "read", "read"]
