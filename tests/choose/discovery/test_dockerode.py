"""The images a JavaScript or TypeScript test pulls and starts through dockerode, the Docker Engine API client for
Node: `docker.pull(IMAGE)`, `docker.createContainer({ Image: IMAGE })`, `docker.run(IMAGE, [cmd], ...)`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.dockerode import dockerode_pulls

SETUP = """\
import Docker from 'dockerode';
import getPort from 'get-port';

export async function startDb(): Promise<Docker.Container> {
\tconst docker = new Docker();
\tconst image = 'acme/graphdb:6';

\tconst pullStream = await docker.pull(image);
\tawait new Promise((resolve, reject) =>
\t\tdocker.modem.followProgress(pullStream, (err) => (err ? reject(err) : resolve(err)))
\t);

\tconst container = await docker.createContainer({
\t\tImage: image,
\t\tEnv: ['PASSWORD=secret'],
\t});
\tawait container.start();
\treturn container;
}
"""

COMMONJS = """\
const Docker = require("dockerode");
const docker = new Docker({ socketPath: "/var/run/docker.sock" });

async function cache() {
  await docker.pull("redis:7.4-alpine", {});
  const sidecar = await docker.createContainer({ Image: "ghcr.io/acme/proxy:1.2", Cmd: ["serve"] });
  await docker.run(`busybox:1.36`, ["sh", "-c", "echo ok"], process.stdout);
  await docker.run(TEMPLATE, ["true"], process.stdout);
  // await docker.pull("commented:1");
  const other = await docker.createContainer({ Image: process.env.IMAGE });
}
"""


def _pulls(text: str, origin: str) -> list[tuple[str, int | None, str, str]]:
    return [(item.text, item.line, item.use, item.kind) for item in dockerode_pulls(text, origin)]


def test_a_constant_pulled_then_started_is_one_use_at_its_line() -> None:
    assert _pulls(SETUP, "tests/gel/createInstance.ts") == [("acme/graphdb:6", 6, "dockerode", "TypeScript source")]


def test_literals_given_to_pull_create_container_and_run() -> None:
    assert _pulls(COMMONJS, "test/cache.js") == [
        ("redis:7.4-alpine", 5, "dockerode", "JavaScript source"),
        ("ghcr.io/acme/proxy:1.2", 6, "dockerode", "JavaScript source"),
        ("busybox:1.36", 7, "dockerode", "JavaScript source"),
    ]


def test_not_read_without_importing_dockerode() -> None:
    assert _pulls(SETUP.replace("import Docker from 'dockerode';", "import Docker from './docker';"), "a.ts") == []
    assert _pulls(COMMONJS, "test/cache.py") == []


def test_a_name_bound_to_no_literal_image_and_other_objects_pull_methods_are_not_read() -> None:
    text = (
        'import Docker from "dockerode";\n'
        "const engine = new Docker();\n"
        "const name = 'not an image!';\n"
        "await engine.pull(name);\n"
        "await git.pull('origin');\n"  # not a dockerode object
        "await runner.run('job', ['a']);\n"
        "await engine.createContainer({ Image: `acme/${tag}` });\n"
        "await engine.pull('acme/worker:3');\n"  # an instance of another name
        "await this.docker.pull('acme/cache:2');\n"  # a field named after docker
    )
    assert _pulls(text, "a.mts") == [
        ("acme/worker:3", 8, "dockerode", "TypeScript source"),
        ("acme/cache:2", 9, "dockerode", "TypeScript source"),
    ]


def test_an_image_the_file_builds_with_build_image_is_made_here_not_pulled() -> None:
    text = (
        'import Docker from "dockerode";\n'
        'const IMAGE_TAG = "acme-sandbox:e2e";\n'
        "const docker = new Docker();\n"
        "await docker.buildImage({ context: root, src }, { t: IMAGE_TAG });\n"
        "const box = await docker.createContainer({ Image: IMAGE_TAG });\n"
        "const cache = await docker.createContainer({ Image: 'redis:7' });\n"
    )
    assert _pulls(text, "tests/sandbox.test.ts") == [("redis:7", 6, "dockerode", "TypeScript source")]


INSPECT_FIXTURE = """\
import { ContainerInspectInfo } from "dockerode";
import Docker from "dockerode";

const inspected = (status: string): ContainerInspectInfo =>
  ({
    Id: "abc",
    Config: {
      Hostname: "abc",
      Image: "fixture/image:latest",
      Labels: {},
    },
    State: { Status: status },
  }) as unknown as ContainerInspectInfo;

export async function start(docker: Docker) {
  await docker.createContainer({ Image: "acme/worker:2.1", HostConfig: { AutoRemove: true } });
}
"""


def test_the_image_of_an_inspect_result_s_config_is_not_a_pull() -> None:
    """`Config.Image` is where `docker inspect` reports the image; the create options carry `Image` at the top."""
    assert _pulls(INSPECT_FIXTURE, "src/wait/selector.test.ts") == [
        ("acme/worker:2.1", 16, "dockerode", "TypeScript source")
    ]
