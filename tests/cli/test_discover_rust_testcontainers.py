"""`ecr-mirror discover` on Rust tests that start containers with Testcontainers for Rust
(https://docs.rs/testcontainers): `GenericImage::new(NAME, TAG)`, the `Image` trait's `name()`/`tag()` of a type
of the tree, and `.with_tag(...)`/`.with_name(...)` chained on either, in a crate that depends on the library (or is
the library)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CARGO = """\
[package]
name = "cache-service"
version = "0.1.0"
edition = "2021"

[dependencies]
tokio = { version = "1", features = ["full"] }

[dev-dependencies]
testcontainers = { version = "0.23", features = ["blocking"] }
"""

# consts, a literal, a tag override in the chain, a struct field pair, an `Image` impl and its tag overridden, an
# image the test builds, a doc comment's example
REDIS_TEST = """\
use testcontainers::{
    core::{IntoContainerPort, WaitFor},
    runners::AsyncRunner,
    GenericBuildableImage, GenericImage, Image, ImageExt,
};

const REDIS_IMAGE: &str = "redis";
const REDIS_TAG: &'static str = "7.2-alpine";

/// Starts a cache:
///
/// ```no_run
/// let c = GenericImage::new("example/doc-only", "1.0").start().await;
/// ```
#[derive(Debug, Default)]
pub struct Minio;

impl Image for Minio {
    fn name(&self) -> &str {
        "minio/minio"
    }

    fn tag(&self) -> &str {
        "RELEASE.2024-01-01T00-00-00Z"
    }

    fn ready_conditions(&self) -> Vec<WaitFor> {
        vec![WaitFor::message_on_stderr("API:")]
    }
}

struct Plan {
    image: &'static str,
    version: &'static str,
}

fn plan() -> Plan {
    Plan {
        image: "testcontainers/sshd",
        version: "1.2.0",
    }
}

#[tokio::test]
async fn caches() -> anyhow::Result<()> {
    let redis = GenericImage::new(REDIS_IMAGE, REDIS_TAG)
        .with_exposed_port(6379.tcp())
        .start()
        .await?;
    let pinned = GenericImage::new("postgres", "15")
        .with_wait_for(WaitFor::message_on_stdout("ready"))
        .with_tag("16.4-alpine")
        .start()
        .await?;
    let p = plan();
    let sshd = GenericImage::new(p.image, p.version).start().await?;
    let minio = Minio::default().start().await?;
    let old_minio = Minio::default()
        .with_tag("RELEASE.2023-01-01T00-00-00Z")
        .start()
        .await?;
    // let unused = GenericImage::new("example/commented", "1").start().await?;
    let built = GenericBuildableImage::new("cache-fixture", "latest")
        .with_dockerfile_string("FROM alpine:3.20")
        .build_image()
        .await?;
    let fixture = GenericImage::new("cache-fixture", "latest").start().await?;
    Ok(())
}
"""

# a unit test that only builds requests from a placeholder, never starting one
REQUEST_TEST = """\
use testcontainers::{GenericImage, ImageExt};

#[test]
fn request_has_ports() {
    let request = GenericImage::new("test", "latest").with_exposed_host_port(8080);
    assert_eq!(request.host_port_exposures, Some(vec![8080]));
}
"""

# another crate's own `Image` trait (an image viewer's), in a crate that does not use Testcontainers
VIEWER = """\
pub trait Image {
    fn name(&self) -> &str;
    fn tag(&self) -> &str;
}

pub struct Thumbnail;

impl Image for Thumbnail {
    fn name(&self) -> &str {
        "thumbnail"
    }

    fn tag(&self) -> &str {
        "small"
    }
}

pub fn show() {
    let image = GenericImage::new("gallery", "large").start();
}
"""


def test_rust_testcontainers_images_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "Cargo.toml": CARGO,
            "tests/cache.rs": REDIS_TEST,
            "src/request.rs": REQUEST_TEST,
            "viewer/Cargo.toml": '[package]\nname = "viewer"\nversion = "0.1.0"\n',
            "viewer/src/lib.rs": VIEWER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"].endswith(".rs")]
    assert rows == [
        ("tests/cache.rs", 18, "minio/minio:RELEASE.2024-01-01T00-00-00Z", "public"),
        ("tests/cache.rs", 46, "redis:7.2-alpine", "public"),
        ("tests/cache.rs", 50, "postgres:16.4-alpine", "public"),
        ("tests/cache.rs", 56, "testcontainers/sshd:1.2.0", "public"),
        ("tests/cache.rs", 58, "minio/minio:RELEASE.2023-01-01T00-00-00Z", "public"),
        ("tests/cache.rs", 67, "cache-fixture:latest", "built-here"),
    ]
    cache = [r for r in records if r["file"] == "tests/cache.rs"]
    assert all(r["kind"] == "Rust source" and r["use"] == "testcontainers" for r in cache)


def test_rust_testcontainers_build_is_not_a_pull_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An image a `GenericBuildableImage` of one test builds is what another test file starts: built, not pulled;
    and the library's own crate (`crate::GenericImage`, no `use testcontainers`) is read."""
    builder = (
        "use crate::{GenericBuildableImage, GenericImage};\n"
        "async fn build() {\n"
        '    GenericBuildableImage::new("hello-tc", "latest").build_image().await.unwrap();\n'
        "}\n"
    )
    starter = (
        "use crate::GenericImage;\n"
        "async fn run() {\n"
        '    let c = GenericImage::new("hello-tc", "latest").start().await.unwrap();\n'
        '    let d = GenericImage::new("alpine", "3.19").start().await.unwrap();\n'
        "}\n"
    )
    write_tree(
        tmp_path,
        {
            "testcontainers/Cargo.toml": '[package]\nname = "testcontainers"\nversion = "0.27.0"\n',
            "testcontainers/src/build.rs": builder,
            "testcontainers/src/run.rs": starter,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["reference"], r["status"]) for r in records]
    assert rows == [
        ("testcontainers/src/run.rs", 3, "hello-tc:latest", "built-here"),
        ("testcontainers/src/run.rs", 4, "alpine:3.19", "public"),
    ]
