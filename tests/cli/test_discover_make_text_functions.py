"""make's text functions in a recipe's image: `$(subst FROM,TO,TEXT)`, `$(patsubst PATTERN,REPLACEMENT,TEXT)` and
`$(strip TEXT)` over the Makefile's own values are written out as make expands them
(https://www.gnu.org/software/make/manual/html_node/Text-Functions.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
K3S_VERSION      ?= 1.31.4+k3s1
KIND_NODE        := v1.30.2
ALPINE           =  3.20
ci/setup-k3d:
\tk3d cluster create --wait --image=docker.io/rancher/k3s:v$(subst +,-,$(K3S_VERSION)) ci
ci/setup-kind:
\tkind create cluster --image kindest/node:$(patsubst v%,%,$(KIND_NODE))
ci/probe:
\tdocker run --rm alpine:$(strip $(ALPINE) ) true
ci/unknown:
\tdocker run --rm alpine:$(subst +,-,$(shell cat VERSION)) true
"""


def test_make_text_functions_are_expanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"build-aux/ci.mk": MAKEFILE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = sorted((r["line"], r["reference"] or r["written"], r["status"]) for r in records)
    assert found == [
        (5, "rancher/k3s:v1.31.4-k3s1", "public"),
        (7, "kindest/node:1.30.2", "public"),
        (9, "alpine:3.20", "public"),
        (11, "alpine:$(subst +,-,$(shell cat VERSION))", "unresolved"),
    ]
