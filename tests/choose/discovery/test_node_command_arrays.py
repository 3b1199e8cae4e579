"""node_commands' argument arrays: elements that stop the reading (concatenations, a template string with quotes, a
string with escapes after an expression), run-time elements named after JS_EXPRESSION, the array's end, a
podman-only file, lines counted from a leading blank line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.node_commands import node_docker_runs

UNKNOWN = "$JS_EXPRESSION has no value in this file (set by the environment, the command line or a caller)"


def _listed(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in node_docker_runs(text, "scripts/e2e.ts")]


def test_elements_after_which_nothing_is_read() -> None:
    for element in ("'acme/' + tag", '"acme/" + tag', '`--label=${a}"b`', 'prefix + "-\\"x\\""'):
        assert _listed(f'spawn("docker", ["run", {element}, "acme/after:1"]);\n') == [], element


def test_run_time_elements_that_are_no_plain_name() -> None:
    text = 'spawn("docker", ["run", imageFor("x")]);\nspawn("docker", ["run", `ghcr.io/acme/${cfg.name}:1`]);\n'
    assert _listed(text) == [("${JS_EXPRESSION}", 1, UNKNOWN), ("ghcr.io/acme/${JS_EXPRESSION}:1", 2, UNKNOWN)]


def test_the_array_ends_the_arguments() -> None:
    assert _listed('spawn("docker", ["run", "--rm"], "acme/not-an-argument:1");\n') == []
    assert _listed('spawn("docker", ["run", "acme/unclosed:1",') == [("acme/unclosed:1", 1, None)]


def test_a_file_with_podman_only_and_a_leading_blank_line() -> None:
    assert _listed('\n\nexecSync("podman run acme/p:1");\n') == [("acme/p:1", 3, None)]


NAMED = """\
import { spawn } from 'node:child_process'

const PROBE_IMAGE = 'acme/probe:2'

export async function build({ path, key }) {
  const packArgs = [
    'run',
    '--rm',
    ...(key ? ['-e', `PACK_VOLUME_KEY=${key}`] : []),
    '-v',
    `${path}:/workspace`,
    'buildpacksio/pack',
    'build',
  ]
  if (key) {
    packArgs.push('--platform', 'linux/amd64')
  }
  const packProcess = spawn('docker', packArgs)
  let args = ['pull', 'acme/first:1']
  args = ['pull', 'acme/second:1']
  spawnSync('podman', args, { encoding: 'utf-8' })
  const rest = [...extra, 'acme/after-spread:1']
  spawn('docker', rest)
  spawn('docker', unknownArgs)
  const probe = ['run', PROBE_IMAGE]
  execa('nerdctl', probe)
  return packProcess
}
"""


def test_an_array_named_before_the_call_is_its_arguments() -> None:
    # serverless' buildpacks build: `const packArgs = [...]`, then `spawn('docker', packArgs)`; the last array
    # assigned before the call; a spread of a conditional with an empty branch (`...(key ? [...] : [])`) read as
    # the run without its optional words; another spread stops the reading, as in an array written in the call
    assert _listed(NAMED) == [("buildpacksio/pack", 18, None), ("acme/second:1", 21, None)]
