"""Docker commands a JavaScript/TypeScript script runs through zx's (or Bun Shell's) `$` tagged template: each
`${...}` is one word known only when it runs (node_commands.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.node_commands import node_docker_runs

SCRIPT = """\
#!/usr/bin/env zx
import { $ } from "zx";

const REGISTRY_NAME = "kind-registry";
const REGISTRY_PORT = 5001;

async function startRegistry() {
  await $`docker rm -f ${REGISTRY_NAME}`.nothrow().quiet();
  await $`docker run -d --restart=always -p 127.0.0.1:${REGISTRY_PORT}:5000 --name ${REGISTRY_NAME} registry:2`;
  // await $`docker pull redis:7.4-alpine`;
  await $`docker pull ${image}`;
}

await Bun.$`docker pull postgres:17-alpine`;
const text = `docker pull not/run:1`;
"""


def test_a_zx_or_bun_tagged_template_is_a_command_line() -> None:
    found = node_docker_runs(SCRIPT, "hack/scripts/run-kind.mjs")
    assert [(item.line, item.text, item.problem is None) for item in found] == [
        (9, "registry:2", True),
        (11, "${image}", False),
        (14, "postgres:17-alpine", True),
    ]
