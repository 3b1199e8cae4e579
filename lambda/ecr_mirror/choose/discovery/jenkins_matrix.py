"""The axes of a declarative pipeline's `matrix` (pure).

A `matrix` runs its stages once per combination of its axes' values, each axis "available to the stages as an
environment variable" of that name (https://www.jenkins.io/doc/book/pipeline/syntax/#declarative-matrix):
`axis { name 'version'; values 'v1.27.10', 'v1.28.6' }` then `sh 'kind create cluster --image
kindest/node:${version}'` boots one cluster per version (couchbase-operator's `jenkins/qa/Jenkinsfile`). `axis_values`
gives each axis's literal values, read as environment values of the pipeline's `sh` steps (jenkins_sh_env.py); an axis
commented out, or whose values are not all string literals, gives none. `excludes` are not read: each value is a cell
of some combination.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.jenkins_blocks import Blocks
from ecr_mirror.choose.discovery.jenkinsfile import scan

_AXIS_RE = re.compile(r"(?<![\w.])axis\s*\{")
_NAME_RE = re.compile(r"(?<![\w.])name\s*")
_VALUES_RE = re.compile(r"(?<![\w.])values\s*")
_SEPARATOR_RE = re.compile(r"\s*,\s*")


def axis_values(text: str) -> dict[str, list[str]]:
    """Each matrix axis's name -> its values, in file order (see the module)."""
    masked, strings = scan(text)
    braces = Blocks(masked)
    axes: dict[str, list[str]] = {}
    end = -1
    for match in _AXIS_RE.finditer(masked):
        if match.start() < end:
            continue  # an axis inside the last one's block (Jenkins nests none): not scanned again (quadratic)
        end = braces.closing(match.end() - 1)
        named = _NAME_RE.search(masked, match.end(), end)
        listed = _VALUES_RE.search(masked, match.end(), end)
        name = strings.get(named.end()) if named is not None else None
        if name is None or listed is None:
            continue
        values: list[str] = []
        at: int | None = listed.end()
        while at is not None:
            value = strings.get(at)
            if value is None or (value.interpolated and "$" in value.body):
                values = []  # an expression among the values: known only when the pipeline runs
                break
            values.append(value.body)
            separator = _SEPARATOR_RE.match(masked, value.end)
            at = separator.end() if separator is not None else None
        known = axes.setdefault(name.body, [])
        known += [value for value in values if value not in known]
    return {name: values for name, values in axes.items() if values}
