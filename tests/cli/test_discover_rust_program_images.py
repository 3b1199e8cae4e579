"""`ecr-mirror discover` on a Rust program's own image constants: a tool that deploys or pulls images keeps each in a
`const` named for it (`pub const METRICS_IMAGE: &str = "prom/prometheus:v3.2.0";`) that its code hands on (a service
table, a `docker pull` line it writes for a host). Test code, an untagged or unused constant and one a build tags are
not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.rust_program_images import program_image_constants
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

CARGO = '[package]\nname = "fleet-deployer"\nversion = "0.3.0"\nedition = "2021"\n\n[dependencies]\ntokio = "1"\n'

# the services a deployer installs on its hosts: each image pulled there, saved and loaded
SERVICES = """\
//! Monitoring services installed on every host (see `METRICS_IMAGE`)

/// Image for metrics storage
pub const METRICS_IMAGE: &str = "prom/prometheus:v3.1.0";

/// Image for log shipping
pub(crate) const SHIPPER_IMAGE: &'static str = "grafana/promtail:3.3.0";

static VIEWER_IMAGE: &str = "ghcr.io/a/tv@sha256:1f3c5e7a9b2d4f6081a3c5e7f9b1d3a5c7e9f1b3d5a7c9e1f3b5d7a9c1e3f5a7";

/// Image for the dashboards: read by another module of the crate
pub const DASHBOARD_IMAGE: &str = "grafana/grafana:11.4.0";

// declared, never used
pub const SPARE_IMAGE: &str = "grafana/tempo:2.6.0";

// a library image without a namespace, and an untagged one
const BASE_IMAGE: &str = "ubuntu:24.04";
const BROWSER_IMAGE: &str = "selenium/standalone-firefox";

// the deployer builds this one itself
const AGENT_IMAGE: &str = "acme-labs/agent:local";

struct Service {
    name: &'static str,
    image: &'static str,
}

const SERVICES: &[Service] = &[
    Service { name: "prometheus", image: METRICS_IMAGE },
    Service { name: "promtail", image: SHIPPER_IMAGE },
];

pub fn install() -> String {
    let mut script = String::new();
    for service in SERVICES {
        script += &format!("docker pull {}\\n", service.image);
    }
    script += &format!("docker run -d {VIEWER_IMAGE}\\n");
    script += &format!("docker run {} true\\n", BASE_IMAGE);
    script += &format!("docker run {} true\\n", BROWSER_IMAGE);
    script += &format!("docker build -t {AGENT_IMAGE} agent\\n");
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE_IMAGE: &str = "acme-labs/fixture:1.0.0";

    #[test]
    fn pulls() {
        assert!(install().contains(FIXTURE_IMAGE));
        assert!(install().contains(SPARE_IMAGE));
    }
}
"""

IMAGES = """\
use crate::services::DASHBOARD_IMAGE;

pub fn dashboards() -> String {
    format!("docker pull {DASHBOARD_IMAGE}")
}
"""

# test code of the crate: an integration test, an example, a bench, a `_test.rs` and a `tests.rs` module
TEST_CODE = """\
const PROBE_IMAGE: &str = "acme-labs/probe:2.0.0";

fn main() {
    println!("docker run {PROBE_IMAGE}");
}
"""


def test_rust_program_image_constants_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "deployer/Cargo.toml": CARGO,
            "deployer/src/services.rs": SERVICES,
            "deployer/src/images.rs": IMAGES,
            "deployer/tests/deploy.rs": TEST_CODE,
            "deployer/examples/local.rs": TEST_CODE,
            "deployer/benches/pull.rs": TEST_CODE,
            "deployer/src/probe_test.rs": TEST_CODE,
            "deployer/src/tests.rs": TEST_CODE,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["file"], r["line"], r["use"], r["reference"]) for r in records if r["file"].endswith(".rs")]
    use = "image constant (Rust program)"
    assert rows == [
        ("deployer/src/services.rs", 4, use, "prom/prometheus:v3.1.0"),
        ("deployer/src/services.rs", 7, use, "grafana/promtail:3.3.0"),
        (
            "deployer/src/services.rs",
            9,
            use,
            "ghcr.io/a/tv@sha256:1f3c5e7a9b2d4f6081a3c5e7f9b1d3a5c7e9f1b3d5a7c9e1f3b5d7a9c1e3f5a7",
        ),
        ("deployer/src/services.rs", 12, use, "grafana/grafana:11.4.0"),
    ]
    assert {r["kind"] for r in records if r["file"].endswith(".rs")} == {"Rust source"}


def test_rust_program_image_constants_stay_linear_on_hostile_input() -> None:
    unclosed = "#[cfg(test)] mod t {\n" * 20_000 + 'pub const A_IMAGE: &str = "acme/a:1";\n' * 20_000
    assert finishes(program_image_constants, unclosed, "src/lib.rs") == ([], [])
    open_string = 'const B_IMAGE: &str = "' + "x" * 400_000
    assert finishes(program_image_constants, open_string, "src/lib.rs") == ([], [])
    many = 'pub const C_IMAGE: &str = "acme/c:1";\nfn f() { C_IMAGE }\n' * 20_000
    used, _ = finishes(program_image_constants, many, "src/lib.rs")
    assert len(used) == 20_000


PAIRS = """\
use crate::shared::docker_image::DockerImage;

/// Docker image repository for the Grafana container
pub const GRAFANA_DOCKER_IMAGE_REPOSITORY: &str = "grafana/grafana";

/// Docker image tag for the Grafana container
pub const GRAFANA_DOCKER_IMAGE_TAG: &str = "13.0.0";

pub const MYSQL_IMAGE_REPOSITORY: &str = "mysql";
pub const MYSQL_IMAGE_TAG: &str = "8.4";

// a repository without its tag constant, and a pair no code uses
pub const LOKI_IMAGE_REPOSITORY: &str = "grafana/loki";
const TEMPO_IMAGE_REPOSITORY: &str = "grafana/tempo";
const TEMPO_IMAGE_TAG: &str = "2.6.0";

pub fn images() -> Vec<DockerImage> {
    vec![
        DockerImage::new(GRAFANA_DOCKER_IMAGE_REPOSITORY, GRAFANA_DOCKER_IMAGE_TAG),
        DockerImage::new(MYSQL_IMAGE_REPOSITORY, MYSQL_IMAGE_TAG),
        DockerImage::new(LOKI_IMAGE_REPOSITORY, "latest"),
    ]
}

#[cfg(test)]
mod tests {
    const FIXTURE_IMAGE_REPOSITORY: &str = "acme-labs/fixture";
    const FIXTURE_IMAGE_TAG: &str = "1.0.0";

    #[test]
    fn joins() {
        assert_eq!(format!("{FIXTURE_IMAGE_REPOSITORY}:{FIXTURE_IMAGE_TAG}"), "acme-labs/fixture:1.0.0");
    }
}
"""


def test_a_rust_programs_image_repository_and_tag_constants_are_read_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deployer keeps a service's image as two constants, `GRAFANA_DOCKER_IMAGE_REPOSITORY` and
    `GRAFANA_DOCKER_IMAGE_TAG`, that its code joins (`DockerImage::new(REPOSITORY, TAG)`): the image is the two
    joined, at the repository's line, when the code uses them (a library image too: the names say it is one)."""
    write_tree(tmp_path, {"deployer/Cargo.toml": CARGO, "deployer/src/domain/config.rs": PAIRS})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = [(r["line"], r["use"], r["reference"]) for r in records if r["file"].endswith(".rs")]
    use = "image constant (Rust program)"
    assert rows == [(4, use, "grafana/grafana:13.0.0"), (9, use, "mysql:8.4")]
