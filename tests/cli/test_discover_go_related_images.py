"""Go code that sets an operator's `RELATED_IMAGE_*` environment variable (`os.Setenv("RELATED_IMAGE_COCKROACH_v20_2_8",
"cockroachdb/cockroach@sha256:...")`, `t.Setenv(...)`): the operator it runs reads the variable and deploys that
image, as it does from its Deployment's `env:`. A value without a tag or digest, another variable's name, a value
that is not a literal, and a call in a comment are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DIGEST = "sha256:" + "7c" * 32
SOURCE = f"""\
package upgradessha256

import (
\t"os"
\t"testing"
)

const nextImage = "cockroachdb/cockroach:v21.1.1"

func TestUpgradesWithDigests(t *testing.T) {{
\t// os.Setenv("RELATED_IMAGE_COCKROACH_v19_1_0", "cockroachdb/cockroach:v19.1.0")
\tos.Setenv("RELATED_IMAGE_COCKROACH_v20_2_8", "cockroachdb/cockroach@{DIGEST}")
\tt.Setenv("RELATED_IMAGE_COCKROACH_v21_1_1", nextImage)
\tos.Setenv("RELATED_IMAGE_DB_NAME", "cockroachdb")
\tos.Setenv("WATCH_NAMESPACE", "default:v1")
\tos.Setenv("RELATED_IMAGE_COCKROACH_LATEST", image())
}}
"""


def test_a_related_image_set_by_go_code_is_the_image_its_operator_deploys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"e2e/upgradessha256/upgradessha256_test.go": SOURCE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert rows == [  # a name's value at the line of its literal
        ("e2e/upgradessha256/upgradessha256_test.go", 8, "cockroachdb/cockroach:v21.1.1", "public"),
        ("e2e/upgradessha256/upgradessha256_test.go", 12, f"cockroachdb/cockroach@{DIGEST}", "public"),
    ]
