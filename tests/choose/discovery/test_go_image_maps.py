"""The images a Go test suite's helper keeps in a map of strings named for images (go_image_maps.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_image_maps import MARK, image_map_images

# shaped like a transparent-proxy suite that installs its tool in one container per distribution
CONFIG = """\
package transparentproxy

var defaultConfig = TransparentProxyConfig{
	DockerImagesToTest: map[string]string{
		"Ubuntu 24.04":      "ubuntu:noble-20240605",
		"RHEL 9":            "redhat/ubi9:9.4-1123",
		// "Fedora 37":      "fedora:37",
		"Alpine 3":          "alpine:3.20.1",
		"Local build":       "kumactl-test",
	},
	ImagePullPolicies: map[string]string{"default": "registry.example/never:1"},
	Labels: map[string]string{"app": "web:1"},
}

func images() map[string]string {
	testImages := map[string]string{"postgres": "postgres:16-alpine"}
	return testImages
}
"""


def _images(text: str, origin: str) -> list[tuple[str, int | None]]:
    assert MARK in text.encode()
    return [(found.text, found.line) for found in image_map_images(text, origin)]


def test_a_test_helper_s_map_named_for_images_lists_its_tagged_values() -> None:
    assert _images(CONFIG, "test/transparentproxy/config.go") == [
        ("ubuntu:noble-20240605", 5),
        ("redhat/ubi9:9.4-1123", 6),
        ("alpine:3.20.1", 8),
        ("postgres:16-alpine", 16),
    ]


def test_a_program_s_map_and_a_unit_test_s_map_are_not_read() -> None:
    assert _images(CONFIG, "pkg/transparentproxy/config.go") == []  # the program's own code
    assert _images(CONFIG, "test/transparentproxy/config_test.go") == []  # a unit test's fixture strings


# shaped like a functional-test framework that starts the search engine version a test asks for
VERSIONS = """\
package functional

type SearchVersion int

const (
	SearchVersion7 SearchVersion = 7
	SearchVersion8 SearchVersion = 8
)

var versionToImage = map[SearchVersion]string{
	SearchVersion7: "quay.io/acme/search:7.17.1",
	// SearchVersion6: "quay.io/acme/search:6.8.0",
	SearchVersion8: "quay.io/acme/search:8.10.2",
}

var versionToTag = map[SearchVersion]string{SearchVersion8: "quay.io/acme/not-an-image-map:1"}
"""


def test_a_map_keyed_by_a_named_type_lists_its_tagged_values() -> None:
    assert _images(VERSIONS, "test/framework/functional/output_search.go") == [
        ("quay.io/acme/search:7.17.1", 11),
        ("quay.io/acme/search:8.10.2", 13),
    ]


DEFAULT_FACTS = """\
package facts

const (
\tKubeVersionFactName            = "kube_version"
\tCorednsImageFactName           = "coredns_image"
\tKubeImageRepositoryFactName    = "kube_image_repository"
\tPodInfraContainerImageFactName = "pod_infra_container_image"
\tEvictionHardImagefsFactName    = "eviction_hard_imagefs_available"
\tDebugImageFactName             = "debug_image"
)

var DefaultFacts = map[string]string{
\tKubeVersionFactName:            "v1.18.6",
\tCorednsImageFactName:           "docker.io/kubeoperator/coredns:1.6.7",
\tKubeImageRepositoryFactName:    "docker.io/kubeoperator",
\tPodInfraContainerImageFactName: "docker.io/kubeoperator/pause:3.1",
\tEvictionHardImagefsFactName:    "15%",
\tDebugImageFactName:             "busybox:1.36",
}
"""


def test_a_program_s_map_of_defaults_lists_the_values_of_its_keys_named_for_images() -> None:
    found = image_map_images(DEFAULT_FACTS, "pkg/service/cluster/adm/facts/default.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("docker.io/kubeoperator/coredns:1.6.7", 14, "default image (Go program)"),
        ("docker.io/kubeoperator/pause:3.1", 16, "default image (Go program)"),
    ]
    other = DEFAULT_FACTS.replace("var DefaultFacts", "var KnownFacts")
    assert image_map_images(other, "pkg/service/cluster/adm/facts/default.go") == []
