"""`ecr-mirror discover` on a JVM program that deploys a Flink job to Kubernetes (Flink's native Kubernetes
integration) and sets the image its JobManager and TaskManager pods start from: `flinkConfig.set(
KubernetesConfigOptions.CONTAINER_IMAGE, "acme/flink-app:latest")`, or the option's key
`"kubernetes.container.image"` with `setString`, a literal or a constant of the file; read in the program's own code,
not in its tests (which set names only to compare them), nor another option's value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

EXECUTOR = """\
package org.acme.cdc.deployment;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.kubernetes.configuration.KubernetesConfigOptions;

public class K8sDeploymentExecutor {

    private static final String SIDECAR_IMAGE = "acme/log-shipper:2.1";

    public void deploy(Configuration flinkConfig) {
        flinkConfig.set(KubernetesConfigOptions.CONTAINER_IMAGE_PULL_POLICY, ImagePullPolicy.Always);
        flinkConfig.set(KubernetesConfigOptions.CONTAINER_IMAGE, "acme/flink-app:latest");
        flinkConfig.set(KubernetesConfigOptions.NAMESPACE, "acme:jobs");
    }

    public void deployShipper(Configuration conf) {
        conf.setString("kubernetes.container.image", SIDECAR_IMAGE);
    }
}
"""

EXECUTOR_TEST = """\
package org.acme.cdc.deployment;

import org.apache.flink.kubernetes.configuration.KubernetesConfigOptions;

class K8sDeploymentExecutorTest {
    void deploys() {
        config.set(KubernetesConfigOptions.CONTAINER_IMAGE, "test-image:1.0");
    }
}
"""


def test_the_container_image_a_program_gives_flinks_kubernetes_deployment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "composer/src/main/java/org/acme/cdc/deployment/K8sDeploymentExecutor.java": EXECUTOR,
        "composer/src/test/java/org/acme/cdc/deployment/K8sDeploymentExecutorTest.java": EXECUTOR_TEST,
    }
    rows = [(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)]
    main = "composer/src/main/java/org/acme/cdc/deployment/K8sDeploymentExecutor.java"
    assert rows == [(main, 8, "acme/log-shipper:2.1", "public"), (main, 12, "acme/flink-app:latest", "public")]
