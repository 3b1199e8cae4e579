"""A JavaScript/TypeScript command line written as a template string with `${...}` (`utils.spawn(\\`docker run -v
${volume} ${image} bash -c "..."\\`)`) is read as the tagged templates of zx are: each `${NAME}` the literal the
file last binds NAME to before the call (`const image = \\`matterlabs/ci-integration-test:latest\\``), any other
expression a word known only when the program runs. Shaped after a rollup's integration-test runner."""

from __future__ import annotations

from ecr_mirror.choose.discovery.node_commands import node_docker_runs

RUNNER = """export async function inDocker(command: string, timeout: number) {
    const volume = `${process.env.ZKSYNC_HOME}:/usr/src/zksync`;
    const image = `matterlabs/ci-integration-test:latest`;
    await utils.spawn(
        `docker run -v ${volume} ${image} bash -c "/usr/local/bin/entrypoint.sh && ${command}"`
    );
}

export function other(tag: string) {
    execSync(`docker pull acme/tool:${tag}`);
}
"""


def test_a_template_command_line_takes_the_literals_its_names_are_bound_to() -> None:
    found = node_docker_runs(RUNNER, "infrastructure/zk/src/test/integration.ts")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("matterlabs/ci-integration-test:latest", 5, True),
        ("acme/tool:${tag}", 10, False),
    ]
