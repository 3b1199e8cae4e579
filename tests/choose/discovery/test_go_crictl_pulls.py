"""Go code that has a node's container runtime pull an image with crictl (`node.Command("crictl", "pull", image)`,
`docker exec kind-worker crictl pull ...` through a function of the project's own that puts crictl before its
arguments)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_crictl_pulls import MARK, crictl_pulls, crictl_wrappers

INTEGRATION = """\
package kubernetes

const pauseImage = "registry.k8s.io/pause:3.10"

func TestSpegel(t *testing.T) {
\ttestImages := []string{
\t\t"ghcr.io/acme/conformance:ed885fa",
\t\t"docker.io/library/busybox:1.37.0",
\t\t"ghcr.io/acme/bench:v1-10MB-4",
\t\t"ghcr.io/acme/bench:v2-10MB-4@sha256:735223c59bb4df293176337f84f42b58ac53cb5a4740752b7aa56c19c0f6ec5b",
\t}
\tpullImages(t, kindNodes[0], testImages[:2])
\tpullImages(t, kindNodes[0], testImages[3:])
\terr := kindNodes[1].CommandContext(t.Context(), "crictl", "pull", pauseImage).Run()
\terr = kindNodes[1].Command("crictl", "rmi", "ghcr.io/acme/removed:1").Run()
}

func pullImages(t *testing.T, kindNode nodes.Node, images []string) {
\tt.Helper()
\tfor _, image := range images {
\t\terr := kindNode.CommandContext(t.Context(), "crictl", "pull", image).Run()
\t\trequire.NoError(t, err)
\t}
}
"""


def test_images_a_test_has_a_node_pull_with_crictl() -> None:
    assert MARK in INTEGRATION.encode()
    found = crictl_pulls(INTEGRATION, "test/integration/kubernetes/kubernetes_test.go", frozenset())
    assert [(item.text, item.line, item.use) for item in found] == [
        ("registry.k8s.io/pause:3.10", 3, "crictl pull"),
        ("ghcr.io/acme/conformance:ed885fa", 7, "crictl pull"),
        ("docker.io/library/busybox:1.37.0", 8, "crictl pull"),
        (
            "ghcr.io/acme/bench:v2-10MB-4@sha256:735223c59bb4df293176337f84f42b58ac53cb5a4740752b7aa56c19c0f6ec5b",
            10,
            "crictl pull",
        ),
    ]
    assert {item.kind for item in found} == {"Go source"}


EXEC = """\
package util

const kindDockerContainer = "kind-worker"

func DockerCommand(arg ...string) *exec.Cmd {
\textArgs := []string{"exec", "-i", kindDockerContainer}
\textArgs = append(extArgs, arg...)
\treturn exec.Command("docker", extArgs...)
}

func CriCtlCommand(arg ...string) *exec.Cmd {
\textArgs := []string{"/usr/local/bin/crictl"}
\textArgs = append(extArgs, arg...)
\treturn DockerCommand(extArgs...)
}
"""

SUITE = """\
package e2e

var _ = Describe("Containerd with CRI support", func() {
\tIt("pull should be ok", func() {
\t\tout, err := util.CriCtlCommand("pull", "ghcr.io/acme/manager:v2.3.0").CombinedOutput()
\t\tout, err = util.CriCtlCommand("rmi", "ghcr.io/acme/manager:v2.3.0").CombinedOutput()
\t\t// out, err = util.CriCtlCommand("pull", "ghcr.io/acme/old:1").CombinedOutput()
\t})
})
"""


def test_images_a_suite_hands_a_function_that_runs_crictl_with_its_arguments() -> None:
    wrappers = crictl_wrappers(EXEC)
    assert wrappers == frozenset({"CriCtlCommand"})
    found = crictl_pulls(SUITE, "test/e2e/containerd_test.go", wrappers)
    assert [(item.text, item.line) for item in found] == [("ghcr.io/acme/manager:v2.3.0", 5)]
    assert crictl_pulls(SUITE, "test/e2e/containerd_test.go", frozenset()) == []
