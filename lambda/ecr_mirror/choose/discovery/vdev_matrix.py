"""A compose file a test harness runs once per row of the matrix written beside it: vector's vdev (pure).

vdev (https://github.com/vectordotdev/vector/tree/master/vdev) runs each integration and end-to-end test of
`tests/{integration,e2e}/NAME/config/` with the `compose.yaml` of that directory, once per combination of the
`matrix:` of its `test.yaml` (the product of the lists, keys in order: `vdev integration test NAME`, one environment
each, `ComposeTestConfig::environments` in vdev/src/testing/config.rs). Each matrix key is given to compose as the
environment variable `CONFIG_<KEY>`, upper case, `-` written `_` (`rename_environment_keys` in
vdev/src/utils/environment.rs), which the compose file interpolates: `image: docker.io/splunk/splunk:${CONFIG_VERSION}`
beside `matrix: {version: ["8.2.4", "7.3"]}` pulls `splunk/splunk:8.2.4` and `splunk/splunk:7.3`.

A `test.yaml` is vdev's when it is a mapping of vdev's keys alone (its configuration denies unknown fields) with a
`features` list and a `matrix` mapping each key to a list of scalar values; another tool's `test.yaml` is not read so.
The variable vdev sets beside the matrix, `CONFIG_VECTOR_IMAGE`, names the test runner it builds: left unresolved.
"""

from __future__ import annotations

import dataclasses
import itertools

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

MATRIX_FILE = "test.yaml"
COMPOSE_FILE = "compose.yaml"
MAX_COMBINATIONS = 64  # a bigger matrix is not read (each combination reads the compose file once)
# the fields of vdev's `ComposeTestConfig` (`#[serde(deny_unknown_fields)]`)
_KEYS = frozenset({"args", "env", "matrix", "runner", "features", "test", "test_filter", "paths"})


def _scalar(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def matrix_environments(text: str, origin: str) -> list[tuple[str, dict[str, str]]] | None:
    """(label, environment) of each combination of the matrix of `text` (a `test.yaml`), the environment as vdev
    gives it to compose (`CONFIG_VERSION`: `3.8`), the label naming the values (`version=3.8`); None when `text` is
    not vdev's test configuration (or its matrix is bigger than MAX_COMBINATIONS)."""
    try:
        documents = load_documents(text, origin)
    except ConfigError:
        return None
    doc = documents[0] if len(documents) == 1 else None
    if not isinstance(doc, dict) or not set(doc) <= _KEYS or not isinstance(doc.get("features"), list):
        return None
    matrix = doc.get("matrix")
    if not isinstance(matrix, dict) or not matrix:
        return None
    columns: list[tuple[str, list[str]]] = []
    for key, values in matrix.items():
        if not isinstance(key, str) or not isinstance(values, list) or not values or not all(map(_scalar, values)):
            return None
        columns.append((key, [str(value) for value in values]))
    size = 1
    for _, values in columns:
        size *= len(values)
    if size > MAX_COMBINATIONS:
        return None
    out: list[tuple[str, dict[str, str]]] = []
    for row in itertools.product(*(values for _, values in columns)):
        pairs = list(zip((key for key, _ in columns), row, strict=True))
        label = ", ".join(f"{key}={value}" for key, value in pairs)
        out.append((label, {f"CONFIG_{key.replace('-', '_').upper()}": value for key, value in pairs}))
    return out


def is_matrix_compose(name: str) -> bool:
    """Whether a compose file of this base name is the one vdev runs beside a `test.yaml`."""
    return name == COMPOSE_FILE


def matrix_images(alone: list[Found], rows: list[tuple[str, list[Found]]], matrix_origin: str) -> list[Found]:
    """The images of a compose file read once per combination of its matrix (`rows`: label, images), in place of
    its reading alone (`alone`): an image the matrix changes names the combination in its use (`image (matrix of
    config/test.yaml: version=3.8)`); a line unresolved in every combination stays so once, as read alone."""
    plain = {(item.line, item.text) for item in alone if item.problem is None}
    resolved = {item.line for _, items in rows for item in items if item.problem is None}
    by_line: dict[int | None, list[Found]] = {}
    seen: set[tuple[int | None, str, str | None]] = set()
    for label, items in rows:
        for item in items:
            key = (item.line, item.text, item.problem)
            if key in seen or (item.problem is not None and item.line in resolved):
                continue
            seen.add(key)
            changed = item.problem is None and (item.line, item.text) not in plain
            use = f"{item.use} (matrix of {matrix_origin}: {label})" if changed else item.use
            by_line.setdefault(item.line, []).append(dataclasses.replace(item, use=use))
    return [item for items in by_line.values() for item in items]
