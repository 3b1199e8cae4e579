"""jetcd's test launcher (io.etcd.jetcd.launcher / io.etcd.jetcd.test) starts etcd with Testcontainers: the image a
builder is given with `.withImage(...)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.jetcd_launcher import MARK, jetcd_images
from tests.support.trees import discover_records, write_tree

TEXT = """\
package org.acme.registry;

import io.etcd.jetcd.launcher.EtcdCluster;
import io.etcd.jetcd.test.EtcdClusterExtension;

class RegistryTest {
    private static final String ETCD = "quay.io/coreos/etcd:v3.5.17";

    static void start() {
        EtcdCluster cluster = EtcdClusterExtension.builder()
                .withNodes(1)
                .withImage("gcr.io/etcd-development/etcd:v3.5.21")
                .build()
                .cluster();
        EtcdCluster other = Etcd.builder().withImage(ETCD).build();
        // .withImage("not/this:1")
    }
}
"""


def test_the_image_a_jetcd_launcher_builder_is_given() -> None:
    assert MARK.encode() in TEXT.encode()
    found = jetcd_images(TEXT, "RegistryTest.java")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("gcr.io/etcd-development/etcd:v3.5.21", 12, "jetcd launcher"),
        ("quay.io/coreos/etcd:v3.5.17", 7, "jetcd launcher"),
    ]


def test_without_the_jetcd_import_nothing_is_read() -> None:
    assert jetcd_images('class A { void f() { b.withImage("redis:7"); } }', "A.java") == []


def test_discover_reads_the_launcher_in_a_source_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"src/test/java/org/acme/RegistryTest.java": TEXT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["reference"], r["line"]) for r in records} == {
        ("gcr.io/etcd-development/etcd:v3.5.21", 12),
        ("quay.io/coreos/etcd:v3.5.17", 7),
    }
