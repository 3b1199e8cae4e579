"""`ecr-mirror discover` on Rust test code that pulls images without Testcontainers: the Kubernetes containers an
end-to-end test crate creates in its cluster (k8s-openapi's `Container { image: Some(...) }`), and the images a test
pulls through bollard, the Docker API client (`CreateImageOptionsBuilder::new().from_image("busybox").tag("latest")`,
https://docs.rs/bollard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

E2E_CARGO = """\
[package]
name = "mesh-policy-test"
version = "0.1.0"
edition = "2021"

[dependencies]
k8s-openapi = { version = "0.24", features = ["latest"] }
kube = "0.98"
"""

# a crate of end-to-end tests: an associated const, a module const, a literal; a name with no tag, a field of the
# test's own config
CURL = """\
use k8s_openapi::api::core::v1 as k8s;

pub struct Curl;

impl Curl {
    const IMAGE: &'static str = "docker.io/curlimages/curl:8.13.0";

    pub fn pod(name: &str) -> k8s::Pod {
        k8s::Pod {
            spec: Some(k8s::PodSpec {
                containers: vec![k8s::Container {
                    name: name.to_string(),
                    image: Some(Self::IMAGE.to_string()),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            ..Default::default()
        }
    }
}

pub const PAUSE_IMAGE: &str = "registry.k8s.io/pause:3.9";

pub fn others(config: &Config) -> Vec<k8s::Container> {
    vec![
        k8s::Container {
            image: Some(PAUSE_IMAGE.into()),
            ..Default::default()
        },
        k8s::Container {
            image: Some("ghcr.io/example/echo:latest".to_owned()),
            ..Default::default()
        },
        k8s::Container {
            image: Some("sidecar".to_string()),
            ..Default::default()
        },
        k8s::Container {
            image: Some(config.image.clone()),
            ..Default::default()
        },
    ]
}
"""

# a unit test of a controller crate's own code: fixtures it compares, no cluster
ANNOTATOR = """\
#[cfg(test)]
mod tests {
    use k8s_openapi::api::core::v1::Container;

    #[test]
    fn annotates() {
        let container = Container {
            image: Some("nginx:1.27".to_owned()),
            ..Default::default()
        };
        assert_eq!(annotate(&container), "nginx:1.27");
    }
}
"""

# bollard: a builder with a tag, a struct with the tag in the reference, and a name without a tag (all its tags)
DOCKER_TESTS = """\
use bollard::query_parameters::CreateImageOptionsBuilder;
use bollard::image::CreateImageOptions;

async fn pull_busybox(docker: &Docker) {
    let options = Some(
        CreateImageOptionsBuilder::new()
            .from_image("busybox")
            .tag("latest")
            .build(),
    );
    docker.create_image(options, None, None);
}

async fn pull_alpine(docker: &Docker) {
    let options = Some(CreateImageOptions {
        from_image: "alpine:3.20",
        ..Default::default()
    });
    docker.create_image(options, None, None);
}

async fn pull_every_tag(docker: &Docker) {
    let options = CreateImageOptionsBuilder::default().from_image("example/any").build();
    docker.create_image(Some(options), None, None);
}
"""


def test_rust_test_objects_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "policy-test/Cargo.toml": E2E_CARGO,
            "policy-test/src/curl.rs": CURL,
            "controller/Cargo.toml": '[package]\nname = "mesh-controller"\nversion = "0.1.0"\n',
            "controller/src/annotator.rs": ANNOTATOR,
            "Cargo.toml": '[package]\nname = "agent"\nversion = "0.1.0"\n\n[dev-dependencies]\nbollard = "0.19"\n',
            "src/docker_tests.rs": DOCKER_TESTS,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["use"], r["reference"], r["status"]) for r in records]
    assert rows == [
        ("policy-test/src/curl.rs", 13, "image (e2e test)", "curlimages/curl:8.13.0", "public"),
        ("policy-test/src/curl.rs", 28, "image (e2e test)", "registry.k8s.io/pause:3.9", "public"),
        ("policy-test/src/curl.rs", 32, "image (e2e test)", "ghcr.io/example/echo:latest", "public"),
        ("src/docker_tests.rs", 7, "bollard create_image", "busybox:latest", "public"),
        ("src/docker_tests.rs", 16, "bollard create_image", "alpine:3.20", "public"),
    ]
    assert {r["kind"] for r in records} == {"Rust source"}


# a project's own container type around bollard: `new` stores the image and the tag, `run` pulls them through a
# function of the file
DOCKER_WRAPPER = """\
use bollard::{Docker, query_parameters::CreateImageOptionsBuilder};

async fn pull_image(docker: &Docker, image: &str, tag: &str) {
    let options = Some(CreateImageOptionsBuilder::new().from_image(image).tag(tag).build());
    docker.create_image(options, None, None);
}

pub struct Container {
    image: &'static str,
    tag: &'static str,
    cmd: Option<Vec<String>>,
}

impl Container {
    pub const fn new(image: &'static str, tag: &'static str) -> Self {
        Self { image, tag, cmd: None }
    }

    pub async fn run(self) {
        let docker = Docker::connect_with_local_defaults().unwrap();
        pull_image(&docker, self.image, self.tag).await;
    }
}
"""

FORWARD_TESTS = """\
use crate::{config::SourceConfig, docker::Container};

const FLUENT_BIT_IMAGE: &str = "fluent/fluent-bit";
const FLUENT_BIT_TAG: &str = "1.7";

async fn forwards() {
    Container::new(FLUENT_BIT_IMAGE, FLUENT_BIT_TAG).run().await;
    let other = expression::Container::new("not/an-image", "1");
}
"""

# another module's `Container::new`, in a file that does not import the wrapper
EXPRESSIONS = """\
use crate::expression::Container;

fn build() {
    let c = Container::new("left", "right");
}
"""


def test_rust_bollard_wrapper_calls_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Cargo.toml": '[package]\nname = "pipeline"\nversion = "0.1.0"\n\n[dependencies]\nbollard = "0.19"\n',
            "src/docker.rs": DOCKER_WRAPPER,
            "src/sources/forward.rs": FORWARD_TESTS,
            "src/vrl.rs": EXPRESSIONS,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["use"], r["reference"], r["status"]) for r in records]
    assert rows == [
        ("src/sources/forward.rs", 7, "Container::new (pulls with bollard)", "fluent/fluent-bit:1.7", "public"),
    ]
