"""`ecr-mirror discover` on Testcontainers for Rust modules whose `Image` impl returns its name or tag through a field
of its own type (`fn tag(&self) -> &str { &self.tag }`), the values the file's constructors and builder methods give
that field: a module's default, a `latest()` constructor, a switch of image, two flavours each with its own name and
tag; and `.with_tag(...)` on the type imported under another name (`use super::Mariadb as MariadbImage`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CARGO = """\
[package]
name = "my-testcontainers-modules"
version = "0.1.0"
edition = "2021"

[dependencies]
testcontainers = { version = "0.25" }
"""

# a name switched by a builder method, a tag const
BROKER = """\
use testcontainers::{core::WaitFor, Image};

const NATIVE_IMAGE: &str = "apache/kafka-native";
const JVM_IMAGE: &str = "apache/kafka";
const TAG: &str = "3.9.1";

pub struct Broker {
    image_name: String,
}

impl Default for Broker {
    fn default() -> Self {
        Self {
            image_name: NATIVE_IMAGE.to_string(),
        }
    }
}

impl Broker {
    pub fn with_jvm_image(mut self) -> Self {
        self.image_name = JVM_IMAGE.to_string();
        self
    }
}

impl Image for Broker {
    fn name(&self) -> &str {
        self.image_name.as_str()
    }

    fn tag(&self) -> &str {
        TAG
    }
}
"""

# two flavours, each constructor giving a name and a tag; a tag a `latest()` constructor gives over a default;
# a tag a parameter gives (unknown)
BROWSERS = """\
use std::borrow::Cow;
use testcontainers::Image;

const FIREFOX_IMAGE: &str = "selenium/standalone-firefox";
const FIREFOX_TAG: &str = "128.0";
const CHROME_IMAGE: &str = "selenium/standalone-chrome";
const CHROME_TAG: &str = "127.0";
const CACHE_TAG: &str = "8.1-alpine";

pub struct Browser {
    image: String,
    tag: String,
}

impl Browser {
    pub fn firefox() -> Self {
        Self { image: FIREFOX_IMAGE.to_owned(), tag: FIREFOX_TAG.to_owned() }
    }

    pub fn chrome() -> Self {
        Self {
            image: CHROME_IMAGE.to_owned(),
            tag: CHROME_TAG.to_owned(),
        }
    }
}

impl Image for Browser {
    fn name(&self) -> &str {
        &self.image
    }

    fn tag(&self) -> &str {
        &self.tag
    }
}

#[derive(Default)]
pub struct Cache {
    version: Option<String>,
}

impl Cache {
    pub fn latest() -> Self {
        Self { version: Some("latest".to_string()) }
    }

    pub fn with_version(self, version: String) -> Self {
        Self { version: Some(version), ..self }
    }
}

impl Image for Cache {
    fn name(&self) -> &str {
        "valkey/valkey"
    }

    fn tag(&self) -> &str {
        self.version.as_deref().unwrap_or(CACHE_TAG)
    }
}
"""

# a module whose tests import it under another name and override its tag
DATABASE = """\
use testcontainers::Image;

const NAME: &str = "mariadb";
const TAG: &str = "11.4";

#[derive(Default)]
pub struct Mariadb;

impl Image for Mariadb {
    fn name(&self) -> &str {
        NAME
    }

    fn tag(&self) -> &str {
        TAG
    }
}

#[cfg(test)]
mod tests {
    use crate::{database::Mariadb as MariadbImage};
    use testcontainers::{runners::SyncRunner, ImageExt};

    #[test]
    fn custom_version() {
        let node = MariadbImage::default().with_tag("10.11").start().unwrap();
    }
}
"""


def test_an_image_impl_returning_a_field_takes_the_values_the_file_gives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"Cargo.toml": CARGO, "src/broker.rs": BROKER, "src/browsers.rs": BROWSERS, "src/database.rs": DATABASE},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert rows == [
        ("src/broker.rs", 26, "apache/kafka-native:3.9.1", "public"),
        ("src/broker.rs", 26, "apache/kafka:3.9.1", "public"),
        ("src/browsers.rs", 28, "selenium/standalone-chrome:127.0", "public"),
        ("src/browsers.rs", 28, "selenium/standalone-firefox:128.0", "public"),
        ("src/browsers.rs", 53, "valkey/valkey:8.1-alpine", "public"),
        ("src/browsers.rs", 53, "valkey/valkey:latest", "public"),
        ("src/database.rs", 9, "mariadb:11.4", "public"),
        ("src/database.rs", 26, "mariadb:10.11", "public"),
    ]
