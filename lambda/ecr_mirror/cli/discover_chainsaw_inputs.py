"""The files a Kyverno Chainsaw test only compares with the cluster, or expects the cluster to deny: not read.

A Chainsaw test (`apiVersion: chainsaw.kyverno.io/...`, `kind: Test`, https://kyverno.github.io/chainsaw/) runs
operations in its steps (`try`, `catch`, `finally`, `cleanup`), each naming a file relative to the test: `apply`,
`create`, `update` and `patch` send the file's resources to the cluster, while `assert` and `error` only compare them
with what the cluster holds ("the assert operation allows you to specify conditions that should hold true", "the
error operation allows you to specify conditions that should not", operations/assert, operations/error in its
reference): an assert file's images are the ones a policy wrote (`...@sha256:...` a verifyImages rule added), no
pull. An operation whose `expect` checks its `$error` (`($error != null): true`, `($error): MESSAGE`,
`(contains($error, ...)): true`) is one the test expects to fail: the admission controller denies the resource and
nothing is scheduled. A file of the test's directory that its operations name only so is left out; one any operation
applies, or that a `script:` or `command:` of the test names (`kubectl apply -f scripted.yaml`), is read, and so is a
file no operation names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.script_yamls import is_chainsaw_test
from ecr_mirror.choose.yaml_errors import READ_ERRORS

CHAINSAW_INPUTS = "Chainsaw tests' assertions and resources expected to be denied (assert, error, expect $error)"
_TEST_NAMES = frozenset({"chainsaw-test.yaml", "chainsaw-test.yml"})
_APPLYING = frozenset({"apply", "create", "update", "patch"})
_COMPARING = frozenset({"assert", "error"})
_BLOCKS = ("try", "catch", "finally", "cleanup")
# a check that the operation failed: `($error != null)`, `($error != \`null\`)`, `($error)`, `(contains($error, ...))`
_FAILS_RE = re.compile(r"\(\s*\$error\s*(?:!=\s*`?null`?\s*)?\)|\(\s*contains\(\s*\$error\b")
_MAX_TEST_BYTES = 1024 * 1024


def _expects_failure(operation: dict[object, object]) -> bool:
    expect = operation.get("expect")
    for entry in expect if isinstance(expect, list) else ():
        check = entry.get("check") if isinstance(entry, dict) and "match" not in entry else None
        for key, value in check.items() if isinstance(check, dict) else ():
            if isinstance(key, str) and _FAILS_RE.fullmatch(key.strip()) and (value is True or isinstance(value, str)):
                return True
    return False


def _operations(test: object) -> Iterator[tuple[str, dict[object, object]]]:
    spec = test.get("spec") if isinstance(test, dict) else None
    steps = spec.get("steps") if isinstance(spec, dict) else None
    for step in steps if isinstance(steps, list) else ():
        for block in (step.get(name) for name in _BLOCKS) if isinstance(step, dict) else ():
            for operation in block if isinstance(block, list) else ():
                for verb, body in operation.items() if isinstance(operation, dict) else ():
                    if isinstance(verb, str) and isinstance(body, dict):
                        yield verb, body


def _read(path: Path, applied: set[Path], compared: set[Path]) -> None:
    """Add the files the test at `path` applies (or names in its scripts and commands) to `applied`, and those it
    only compares or expects to be denied to `compared`."""
    try:
        text = path.read_bytes()[:_MAX_TEST_BYTES].decode("utf-8", "replace")
        documents = list(yaml.safe_load_all(text)) if is_chainsaw_test(text) else []
    except READ_ERRORS:
        return
    commands = ""
    checked: set[Path] = set()
    for test in documents:
        for verb, body in _operations(test):
            if verb in ("script", "command"):
                arguments = body.get("args")
                commands += f" {body.get('content', '')} {arguments if isinstance(arguments, list) else ''}"
            file = body.get("file")
            if not isinstance(file, str) or not file.strip() or file.strip().startswith("("):
                continue
            named = (path.parent / file.strip()).resolve()
            if verb in _COMPARING or (verb in _APPLYING and _expects_failure(body)):
                checked.add(named)
            elif verb in _APPLYING:
                applied.add(named)
    applied.update(named for named in checked if named.name in commands)  # `kubectl apply -f FILE` in a script
    compared.update(checked)


def chainsaw_inputs(files: list[tuple[str, Path, Kind]]) -> list[tuple[str, Path, Kind]]:
    """The files of `files` that the Chainsaw tests among them only assert or expect to be denied (a file one test
    asserts and another applies is read)."""
    applied: set[Path] = set()
    compared: set[Path] = set()
    for _, path, _ in files:
        if path.name in _TEST_NAMES:
            _read(path, applied, compared)
    left_out = compared - applied
    return [item for item in files if item[1].resolve() in left_out] if left_out else []
