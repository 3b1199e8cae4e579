"""`docker run` / `docker pull` commands a JavaScript or TypeScript file runs through child_process or execa,
from literal strings (a jest global setup starting the service its tests call)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.node_commands import may_run_docker, node_docker_runs

SETUP = """\
import { execSync, spawnSync } from "child_process";
import { execa } from "execa";

export default async function setup(): Promise<void> {
  console.log("docker run is about to start the embeddings server");
  execSync(
    "docker run --platform linux/amd64 -d -p 8081:80 --pull always --rm ghcr.io/acme/embedder:cpu-2.1 --model-id small",
    { stdio: "inherit" },
  );
  spawnSync("docker", ["run", "--rm", "-d", "--name", "cache", "-p", "6379:6379", "redis:7.4-alpine"]);
  await execa("podman", ["pull", 'quay.io/acme/tools:1.0']);
  execSync(`docker pull postgres:16.3`);
  execSync(`docker run -d ${registry}/embedder:${tag}`);
  spawnSync("docker", ["run", "--rm", "-v", `${process.cwd()}:/src`, "alpine:3.20"]);
  execSync("docker run -d $EMBEDDER_IMAGE");
  execSync("npm run build");
  execSync("docker run --rm -e 'MODE=ci' quay.io/acme/lint:0.9");
  execSync("docker run --rm -v \"$PWD:/w\" quay.io/acme/escaped:1");
  execSync("docker run -d ${EMBEDDER_IMAGE}");
  // execSync("docker run commented/out:1");
}
"""


def test_literal_commands_in_strings_and_argument_arrays() -> None:
    found = node_docker_runs(SETUP, "tests/setup.ts")
    assert [(item.text, item.line, item.problem, item.use, item.kind) for item in found] == [
        ("ghcr.io/acme/embedder:cpu-2.1", 7, None, "docker run", "TypeScript source"),
        ("redis:7.4-alpine", 10, None, "docker run", "TypeScript source"),
        ("quay.io/acme/tools:1.0", 11, None, "docker pull", "TypeScript source"),
        ("postgres:16.3", 12, None, "docker pull", "TypeScript source"),
        # a template string's `${...}` bound nowhere in the file: read, the image known only when it runs (session 43)
        (
            "${registry}/embedder:${tag}",
            13,
            "$registry has no value in this file (set by the environment, the command line or a caller)",
            "docker run",
            "TypeScript source",
        ),
        ("alpine:3.20", 14, None, "docker run", "TypeScript source"),
        (
            "$EMBEDDER_IMAGE",
            15,
            "$EMBEDDER_IMAGE has no value in this file (set by the environment, the command line or a caller)",
            "docker run",
            "TypeScript source",
        ),
        ("quay.io/acme/lint:0.9", 17, None, "docker run", "TypeScript source"),
        (
            "${EMBEDDER_IMAGE}",
            19,
            "$EMBEDDER_IMAGE has no value in this file (set by the environment, the command line or a caller)",
            "docker run",
            "TypeScript source",
        ),
    ]


PR_HELPER = """\
import { spawn } from "child_process";

const prName = process.argv[2];
const image = process.env.PREVIEW_IMAGE;

spawn("docker", [
    "run",
    "--rm",
    "-p", "3001:3001",
    "--pull", "always",
    "-e", `GH_REPO=${prName}`,
    "--label", labelFor(prName, { kind: "preview" }),
    "acme/monitor:pr-test3"
], { stdio: "inherit" });
spawn("docker", ["run", "--rm", image, "--help"]);
spawn("docker", ["run", "--rm", `ghcr.io/acme/${prName}:latest`]);
spawn("docker", ["run", ...extraArgs, "acme/never-read:1"]);
"""


def test_an_array_element_known_only_when_it_runs_is_a_word_and_the_words_after_it_are_read() -> None:
    """An option's value built at run time (`-e`, then a template string with `${...}`; a call) is a word of the
    command like any other: the image after it is read. An image that is such an element is unresolved, naming
    it; after a spread (`...extraArgs`) nothing is known."""
    found = node_docker_runs(PR_HELPER, "extra/pr/index.mjs")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("acme/monitor:pr-test3", 6, None),
        (
            "${image}",
            15,
            "$image has no value in this file (set by the environment, the command line or a caller)",
        ),
        (
            "ghcr.io/acme/${prName}:latest",
            16,
            "$prName has no value in this file (set by the environment, the command line or a caller)",
        ),
    ]


def test_other_languages_and_files_without_docker_are_not_read() -> None:
    assert node_docker_runs(SETUP, "tests/setup.py") == []
    assert node_docker_runs('exec("npm test");\n', "a.js") == []
    assert [item.text for item in node_docker_runs('exec("docker pull redis:7");\n', "a.cjs")] == ["redis:7"]
    required = 'const childProcess = require("child_process");\nchildProcess.execSync("docker pull nginx:1.27");\n'
    assert [(item.text, item.line) for item in node_docker_runs(required, "b.js")] == [("nginx:1.27", 2)]


def test_only_javascript_and_typescript_bytes_that_name_docker_are_decoded() -> None:
    assert may_run_docker("test/setup.mjs", b'execSync("podman pull x")')
    assert not may_run_docker("test/setup.ts", b'execSync("npm test")')
    assert not may_run_docker("cmd/main.go", b'exec.Command("docker", "run", "x")')
