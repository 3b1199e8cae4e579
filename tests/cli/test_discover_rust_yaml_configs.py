"""`ecr-mirror discover` reads the images a tree's own Rust tool pulls from the YAML file it names: a docker command
built with `std::process::Command` given a Deserialize struct's `image` field, and the file's values of that key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import tree_rows, write_tree

CARGO = '[package]\nname = "devtool"\nversion = "0.1.0"\nedition = "2021"\n'

CONFIG_RS = """\
use serde::Deserialize;

pub const CONFIG_FILE: &str = "devtool.yml";

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CacheConfig {
    pub id: String,
    pub port: u16,
    pub docker_image: String,
    pub user_managed: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct QueueConfig {
    pub id: String,
    #[serde(rename = "image")]
    pub queue_image: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NotRead {
    pub sidecar_image: String,
}
"""

DOCKER_RS = """\
use std::process::Command;

pub trait DockerConfig {
    fn docker_image(&self) -> String;
}

pub fn pull(config: &impl DockerConfig) -> std::io::Result<()> {
    let mut cmd = Command::new("docker");
    cmd.arg("pull").arg(config.docker_image());
    cmd.status().map(|_| ())
}

pub fn run(queue: &crate::config::QueueConfig, sidecar: &crate::config::NotRead) {
    let mut cmd = Command::new("docker");
    cmd.arg("run").arg("--rm").arg(queue.queue_image.clone()).arg(&sidecar.sidecar_image);
}
"""

DEVTOOL_YML = """\
template:
  cache:
    id: cache-${port}
    port: 6379
    # The docker image. Can be overridden.
    docker-image: "acme/cache:7.2"
    user-managed: false
  queue:
    id: queue
    image: acme/queue:2.11
  other:
    docker-image: not an image
    sidecar_image: acme/sidecar:1
"""


def test_the_image_keys_of_the_file_a_rust_tool_reads_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "tools/devtool/Cargo.toml": CARGO,
        "tools/devtool/src/config.rs": CONFIG_RS,
        "tools/devtool/src/docker.rs": DOCKER_RS,
        "devtool.yml": DEVTOOL_YML,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[2], row[4], row[5]) for row in rows) == [
        ("devtool.yml", 6, "YAML file a Rust tool reads", "acme/cache:7.2", "public"),
        ("devtool.yml", 10, "YAML file a Rust tool reads", "acme/queue:2.11", "public"),
    ]


def test_without_a_docker_command_of_the_crate_the_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "tools/devtool/Cargo.toml": CARGO,
        "tools/devtool/src/config.rs": CONFIG_RS,
        "tools/devtool/src/docker.rs": DOCKER_RS.replace('Command::new("docker")', 'Command::new("echo")'),
        "devtool.yml": DEVTOOL_YML,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [row for row in rows if row[0] == "devtool.yml"] == []


def _stderr(
    tree: dict[str, str], root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    write_tree(root, tree)
    monkeypatch.chdir(root)
    assert main(["discover", ".", "--json"]) == 0
    return capsys.readouterr().err


def test_the_file_a_rust_tool_reads_is_not_reported_as_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"tools/devtool/Cargo.toml": CARGO, "tools/devtool/src/config.rs": CONFIG_RS, "devtool.yml": DEVTOOL_YML}
    read = _stderr({**tree, "tools/devtool/src/docker.rs": DOCKER_RS}, tmp_path / "read", monkeypatch, capsys)
    echoed = DOCKER_RS.replace('Command::new("docker")', 'Command::new("echo")')
    unread = _stderr({**tree, "tools/devtool/src/docker.rs": echoed}, tmp_path / "unread", monkeypatch, capsys)
    assert "YAML file(s) with `image:` keys" not in read
    assert "1 YAML file(s) with `image:` keys are neither Kubernetes manifests" in unread
    assert "devtool.yml" in unread
