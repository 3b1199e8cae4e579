"""`ecr-mirror discover` reads the images a Go test package copies from a registry through its own function that
formats a `docker://` reference (skopeo's source), and the `registry:` sources a scanner's CLI tests give it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.choose.discovery.test_go_transport_copies import TESTS, UTILS
from tests.support.trees import tree_rows


def test_the_images_a_package_copies_with_skopeo_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"test/integration/utils_test.go": UTILS, "test/integration/scan_test.go": TESTS}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    use = "skopeo/containers-image docker:// copy"
    assert records == [
        ("test/integration/scan_test.go", 10, "Go source", use, "acme/scan-fixtures:alpine-3.19", "public"),
        ("test/integration/scan_test.go", 13, "Go source", use, "acme/scan-fixtures:java", "public"),
        ("test/integration/scan_test.go", 20, "Go source", use, "acme/scan-fixtures:fallback", "public"),
        ("test/integration/scan_test.go", 21, "Go source", use, "busybox:1.36", "public"),
    ]


CLI_TEST = """\
package cli

func TestPlatformOption(t *testing.T) {
	cmd, stdout, _ := runScanner(t, nil, "--platform", "arm64", "-o", "json", "registry:busybox:1.31")
	assertInOutput(t, cmd, stdout, "sha256:")
}
"""


def test_a_registry_source_a_scanner_test_gives_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({"test/cli/cmd_test.go": CLI_TEST}, tmp_path, monkeypatch, capsys)
    assert records == [
        ("test/cli/cmd_test.go", 4, "Go source", "registry: source (stereoscope)", "busybox:1.31", "public"),
    ]


# a unit test's pod builder: the container IDs a kubelet reports (`<runtime>://<id>`), no image
POD_STATUS_TEST = """\
package resources

func TestHandle(t *testing.T) {
	containerID1 := "65a6099d"
	containerID2 := "2f9e41c0"
	pod := buildPod("p1", containerID1, containerID2)
	_ = pod
}

func buildPod(name, containerID1, containerID2 string) *v1.Pod {
	return &v1.Pod{
		Status: v1.PodStatus{
			ContainerStatuses: []v1.ContainerStatus{
				{Name: "c1", ContainerID: fmt.Sprintf("containerd://%s", containerID1)},
				{
					Name:        "c2",
					ContainerID: fmt.Sprintf("docker://%s", containerID2),
				},
			},
		},
	}
}
"""


def test_a_container_id_formatted_as_docker_is_no_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"pkg/resources/resources_test.go": POD_STATUS_TEST, "test/integration/utils_test.go": UTILS}
    tree["test/integration/scan_test.go"] = TESTS
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [record[0] for record in records] == ["test/integration/scan_test.go"] * 4


def test_the_sources_a_go_suite_gives_skopeo_copy_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.choose.discovery.test_go_skopeo_arguments import COPY
    from tests.choose.discovery.test_go_skopeo_arguments import UTILS as SKOPEO_UTILS

    tree = {"integration/utils_test.go": SKOPEO_UTILS, "integration/copy_test.go": COPY}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    copied = [(where, line, image) for where, line, _, use, image, _ in records if use == "skopeo copy (Go arguments)"]
    assert copied == [
        ("integration/copy_test.go", 12, "quay.io/acme/testimage:amd64"),
        ("integration/copy_test.go", 13, "mcr.microsoft.com/windows/nanoserver:ltsc2022"),
        ("integration/copy_test.go", 15, "registry.fedoraproject.org/fedora:40"),
        ("integration/copy_test.go", 16, "quay.io/acme/testimage:1.2.3"),
        ("integration/copy_test.go", 17, "registry.k8s.io/pause:3.10"),
        ("integration/copy_test.go", 19, "registry.k8s.io/coredns/coredns:v1.11.1"),
    ]
