"""Versions a Renovate annotation says are tags of a Docker image (pure).

Renovate's custom managers read a comment before (or after) a version that names its datasource and package: `#
renovate: datasource=docker depName=kong versioning=docker` above `kong-oss: '3.9.3'`, `DefaultKEGTag = "1.2.1" //
renovate: datasource=docker depName=kong/kong-event-gateway` (the convention of Renovate's regex manager presets,
https://docs.renovatebot.com/modules/manager/regex/): the value is a tag of that image, kept in a file a test run, a
program or a CI job reads to pull it (Kong's `test/test_dependencies.yaml`, which its workflows read with `yq` into
`TEST_KONG_TAG`, and `pkg/consts/eventgateway.go`, which joins `kong/kong-event-gateway` and `1.2.1`). Read: a
comment `renovate:` with `datasource=docker` and `depName=NAME` (`packageName=` over it, as Renovate looks that up;
`registryUrl=https://HOST` puts the image on HOST), and the value assigned on its own line before it, else on the
next line (`KEY: 'v'`, `KEY = "v"`, `KEY := v`, `KEY ?= v`, `KEY=v`, a list's item `- v`: Kong's kind node
versions, `packageName=kindest/node` above `- v1.36.1`), one word of tag characters; at the value's line, `use`
`version (renovate: docker NAME)`. Not read: another datasource (`helm`, `github-releases`), a value with a variable,
a version whose key names a chart (`lastReleasedChartVersion`): a Helm chart kept in an OCI registry is tracked
with the docker datasource too, and it is no image; and a chart's own `Chart.yaml`, whose `version` and `appVersion`
label the chart (cilium/tetragon tracks them by its image's tags; its values pull `quay.io/cilium/tetragon:v1.7.0`);
nor a JavaScript or TypeScript unit test (`*.spec.ts`, `*.test.js`) or a file of `__fixtures__/`, `fixtures/`,
`testdata/`: inputs a test compares (renovatebot/renovate's own `custom-managers.spec.ts`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found

MARK = b"renovate:"
_ANNOTATION_RE = re.compile(r"(?:#|//)[ \t]*renovate:[ \t]*(?P<fields>[^\n]*)")
_FIELD_RE = re.compile(r"(?P<key>\w+)=(?P<value>\S+)")
# `KEY: 'v'`, `KEY = "v"`, `KEY := v`, `KEY ?= v`, `export KEY=v`, `- KEY=v`, before a trailing comment
# or a YAML list's item alone, `- v1.35.5` (Kong's `.github/supported_k8s_node_versions.yaml`, kind's node images)
_VALUE_RE = re.compile(
    r"^[ \t]*(?:(?:-[ \t]+|export[ \t]+)?(?P<key>[\w.-]+)[ \t]*(?::=|\?=|::=|=|:)|-)[ \t]*"
    r"(?P<quote>[\"'`]?)(?P<value>[\w][\w.+-]{0,127})(?P=quote)[ \t]*,?[ \t]*(?:(?:#|//)[^\n]*)?$"
)
_CHART_RE = re.compile(r"chart", re.IGNORECASE)
_CHART_FILE_RE = re.compile(r"(?:^|/)Chart\.ya?ml$")  # https://helm.sh/docs/topics/charts/#the-chartyaml-file
# a JavaScript or TypeScript unit test's own strings, a test fixture: inputs a test compares, which nothing pulls
_TEST_INPUT_RE = re.compile(r"\.(?:spec|test)\.[cm]?[jt]sx?$|(?:^|/)(?:__fixtures__|fixtures|testdata)/")


def _image(fields: str) -> str | None:
    """The image a `renovate:` comment's fields name, or None when the datasource is not docker."""
    given = {match["key"]: match["value"] for match in _FIELD_RE.finditer(fields)}
    name = given.get("packageName") or given.get("depName")
    if given.get("datasource") != "docker" or not name:
        return None
    host = re.sub(r"^https?://", "", given.get("registryUrl", "")).strip("/")
    return f"{host}/{name}" if host and not name.startswith(host + "/") else name


def renovate_pins(text: str, origin: str) -> list[Found]:
    """The image tags the Renovate annotations of `text` name (see the module), in order."""
    if "renovate:" not in text or _CHART_FILE_RE.search(origin) or _TEST_INPUT_RE.search(origin):
        return []  # a Chart.yaml's `version`/`appVersion` label the chart; its values and templates name the image
    lines = text.split("\n")
    found: list[Found] = []
    for number, line in enumerate(lines):
        if (annotation := _ANNOTATION_RE.search(line)) is None or (image := _image(annotation["fields"])) is None:
            continue
        before = line[: annotation.start()]
        at = number if before.strip() else number + 1  # its own line's value, else the next line's
        value = _VALUE_RE.match(lines[at]) if at < len(lines) else None
        if value is None or _CHART_RE.search(value["key"] or ""):
            continue
        use = f"version (renovate: docker {image})"
        found.append(Found(f"{image}:{value['value']}", origin, at + 1, use=use, kind="Renovate annotation"))
    return found
