"""The images an operator's API types give their fields as defaults with kubebuilder's `+kubebuilder:default` marker,
which controller-gen writes into the generated CRD (go_kubebuilder_defaults.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_kubebuilder_defaults import kubebuilder_default_images

TYPES = """\
package v1

// ExporterSpec configures the metrics sidecar.
type ExporterSpec struct {
	// Image is the exporter image to run beside the broker.
	// It defaults to the latest supported release.
	// +kubebuilder:default="acme/broker-exporter:1.4.2"
	// +optional
	Image string `json:"image,omitempty"`

	// +kubebuilder:default:=IfNotPresent
	ImagePullPolicy corev1.PullPolicy `json:"imagePullPolicy,omitempty"`

	// The cleanup helper.
	// +kubebuilder:default:="busybox:1.36.1"
	CleanupImage string `json:"cleanupImage"`

	// An untagged default, tagged by the operator with its own version.
	// +kubebuilder:default="acme/broker-agent"
	AgentImage string `json:"agentImage,omitempty"`

	// +kubebuilder:default="acme/not-an-image:1.0"

	Name string `json:"name"`

	// +kubebuilder:default="v1.2.3"
	Version string `json:"version"`
}
"""


def test_an_image_fields_kubebuilder_default_is_the_image_the_operator_runs() -> None:
    found = kubebuilder_default_images(TYPES, "api/v1/exporter_types.go")
    assert [(item.line, item.text, item.use) for item in found] == [
        (7, "acme/broker-exporter:1.4.2", "image (kubebuilder default)"),
        (15, "busybox:1.36.1", "cleanupImage (kubebuilder default)"),
    ]


def test_test_code_is_not_read() -> None:
    assert kubebuilder_default_images(TYPES, "api/v1/exporter_types_test.go") == []
