"""A script that gives a name a value outside any `if` and may override it in one-armed `if`s or `case` arms after
(`NODE_IMAGE=${NODE_IMAGE:-$LATEST}`, then `if [[ "$NODE_IMAGE" == oldest ]]; then NODE_IMAGE=$OLDEST; fi`): a run
that takes no branch keeps the first value, one that takes a branch has that branch's, so each is pulled in some
run."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.shell_words import ShellValues
from tests.support.trees import discover_records, write_tree

LATEST = "kindest/node:v1.35.0@sha256:" + "a" * 64
OLDEST = "kindest/node:v1.30.13@sha256:" + "b" * 64

SCRIPT = f"""\
#!/usr/bin/env bash
set -e
LATEST_NODE="{LATEST}"
OLDEST_NODE="{OLDEST}"
NODE_IMAGE=${{NODE_IMAGE:-$LATEST_NODE}}

if [[ "${{NODE_IMAGE}}" == "latest" ]]; then
    NODE_IMAGE=$LATEST_NODE
fi
if [[ "${{NODE_IMAGE}}" == "oldest" ]]; then
    NODE_IMAGE=$OLDEST_NODE
fi

function create_cluster {{
    kind create cluster \\
        --image "$NODE_IMAGE" \\
        --name ci
}}

create_cluster
"""


def test_a_default_then_one_armed_overrides_takes_each_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"ci/setup-kind.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (15, LATEST, "public"),
        (15, OLDEST, "public"),
    }


def test_a_case_arm_overriding_a_plain_value() -> None:
    script = 'TAG=7.2\ncase "$1" in\n  next) TAG=8.0 ;;\nesac\ndocker pull redis:$TAG\n'
    values = ShellValues.of(script)
    assert values.resolve_each("redis:$TAG") == [("redis:7.2", None), ("redis:8.0", None)]


def test_two_plain_values_or_an_empty_first_one_stay_unknown() -> None:
    twice = ShellValues.of('TAG=7.2\nTAG=8.0\nif [ -n "$X" ]; then\n  TAG=9.0\nfi\n')
    assert twice.resolve_each("redis:$TAG")[0][1] is not None
    emptied = ShellValues.of('TAG=""\nif [ -n "$X" ]; then\n  TAG=9.0\nfi\n')
    assert emptied.resolve_each("redis:$TAG")[0][1] is not None
