"""An image a Go e2e suite gives a custom resource as a struct of a repository and a tag (or version), as operators
type their image fields: `Image: v1.ImageSpec{Repository: "acme/broker", Tag: "2.4.1"}`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_e2e_images import e2e_images

SUITE = """\
//go:build e2e

package e2e

const brokerRepository = "ghcr.io/acme/broker"

func broker() *v1.Broker {
	return &v1.Broker{
		Spec: v1.BrokerSpec{
			Image: v1.BrokerImage{
				Repository: "acme/broker-enterprise",
				Version:    "4.4.18",
			},
			Exporter: v1.Exporter{
				Image: &v1.ImageSpec{Repository: brokerRepository + "-exporter", Tag: "0.3.0"},
			},
			Sidecar: v1.Sidecar{
				Image: v1.ImageSpec{
					Repository: "acme/sidecar",
				},
			},
			Proxy: v1.Proxy{
				Image: v1.ImageSpec{Repository: "acme/proxy", Tag: proxyTag()},
			},
		},
	}
}
"""


def test_an_image_struct_of_a_repository_and_a_tag_or_version_is_read() -> None:
    found = e2e_images(SUITE, "test/e2e/broker_test.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("acme/broker-enterprise:4.4.18", 11, "Image (e2e test)"),
        ("ghcr.io/acme/broker-exporter:0.3.0", 15, "Image (e2e test)"),
    ]


def test_a_unit_test_s_image_struct_is_not_read() -> None:
    assert e2e_images(SUITE.replace("//go:build e2e\n", ""), "apis/v1/broker_types_test.go") == []
