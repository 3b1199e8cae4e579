"""Images a JVM test suite or operator makes its cluster pull through the Kubernetes objects it builds with the
fabric8 or the official Java client: `.withImage("nginx:1.14.2")`, `container.setImage("nginx:1.21.4")`,
`new V1Container().image("busybox:1.36")`; not a unit test's fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.java_kubernetes_models import java_model_images, may_build_java_models
from tests.support.trees import discover_records

RECONCILER = """\
package io.acme.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

public class DeploymentDependent {
  private static final String CURL = "curlimages/curl:7.78.0";

  protected Deployment desired() {
    return new DeploymentBuilder()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("nginx")
        .withImage("nginx:1.14.2")
        .endContainer()
        .addNewContainer()
        .withImage(CURL)
        .endContainer()
        // .withImage("busybox:1.30")
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
"""

STATUS_IT = """\
package io.acme.operator;

import io.fabric8.kubernetes.api.model.Container;

class StatusUpdateIT {
  Container container() {
    var container = new Container();
    container.setImage("nginx:1.21.4");
    container.setName("nginx");
    return container;
  }
}
"""

OFFICIAL = """\
import io.kubernetes.client.openapi.models.V1Container

fun sidecar() = V1Container().name("wait").image("busybox:1.36").command(listOf("sleep", "1"))
"""

UNIT_TEST = """\
package io.acme.operator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

class MatcherTest {
  void matches() {
    var desired = new ContainerBuilder().withImage("k8s.gcr.io/pause:3.1").build();
    var actual = new ContainerBuilder().withImage("new").build();
  }
}
"""


def test_a_builder_s_and_a_setter_s_literal_images_are_read() -> None:
    found = java_model_images(RECONCILER, "operator/src/test/java/io/acme/operator/dependent/DeploymentDependent.java")
    assert [(item.text, item.line) for item in found] == [("nginx:1.14.2", 16), ("curlimages/curl:7.78.0", 7)]
    (item,) = java_model_images(STATUS_IT, "operator/src/test/java/io/acme/operator/StatusUpdateIT.java")
    assert (item.text, item.line, item.kind) == ("nginx:1.21.4", 8, "Java source")
    (item,) = java_model_images(OFFICIAL, "src/main/kotlin/Sidecar.kt")
    assert (item.text, item.line, item.kind) == ("busybox:1.36", 3, "Kotlin source")


def test_a_unit_test_s_fixtures_and_an_untagged_name_are_not_read() -> None:
    assert java_model_images(UNIT_TEST, "src/test/java/io/acme/operator/MatcherTest.java") == []
    untagged = RECONCILER.replace('"nginx:1.14.2"', '"my-image"').replace('"curlimages/curl:7.78.0"', '"curl"')
    assert java_model_images(untagged, "src/test/java/DeploymentDependent.java") == []
    assert not may_build_java_models("src/Main.java", b'class Main { String image = "nginx:1.27"; }')


def test_discover_lists_the_images_a_java_operator_s_objects_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "operator/src/test/java/io/acme/operator/dependent"
    source.mkdir(parents=True)
    (source / "DeploymentDependent.java").write_text(RECONCILER)
    records = {(r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert records == {
        (16, "nginx:1.14.2", "public"),
        (7, "curlimages/curl:7.78.0", "public"),
    }
