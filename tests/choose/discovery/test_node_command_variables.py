"""A docker command line a JavaScript build script builds in a variable, `let cmd = \\`docker run ...\\`` and `cmd +=
...`, then runs with `execSync(cmd)`: the image a file constant names (`-t ${IMAGE}`) is read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.node_commands import node_docker_runs

BUILD = """\
'use strict'

const IMAGE = 'ghcr.io/acme/wasm-builder@sha256:1111111111111111111111111111111111111111111111111111111111111111'

const { execSync } = require('node:child_process')

if (process.argv[2] === '--docker') {
  let cmd = `docker run --rm --platform=${platform} `
  if (process.platform === 'linux') {
    cmd += ` --user ${process.getuid()}:${process.getegid()}`
  }
  cmd += ` --mount type=bind,source=${ROOT}/lib,target=/home/node/lib \\
           -t ${IMAGE} node build/wasm.js`
  execSync(cmd, { stdio: 'inherit' })
}

function other () {
  let line = `docker run --rm ${tool}`
  execSync(line)
  const version = "1.2"
  let label = "echo docker run"
  label = "docker run quay.io/acme/reassigned:1"
  execSync(label)
  let status = 'docker ps'
  execSync(status)
}
"""


def test_a_command_built_in_a_variable_is_read_with_the_files_constants() -> None:
    found = node_docker_runs(BUILD, "build/wasm.js")
    assert [(item.text, item.line, item.problem) for item in found] == [
        (
            "ghcr.io/acme/wasm-builder@sha256:1111111111111111111111111111111111111111111111111111111111111111",
            14,  # the line of the call that runs it
            None,
        ),
        ("${tool}", 19, "$tool has no value in this file (set by the environment, the command line or a caller)"),
    ]
