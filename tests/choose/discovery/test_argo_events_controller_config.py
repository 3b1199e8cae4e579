"""Argo Events' controller ConfigMap (`argo-events-controller-config`): its `controller-config.yaml` block lists,
per EventBus version, the images the controller deploys in the EventBus StatefulSet (`natsStreamingImage`,
`natsImage`, `metricsExporterImage`, `configReloaderImage`), which the cluster then pulls."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images

EVENTS_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: argo-events-controller-config
data:
  controller-config.yaml: |+
    eventBus:
      nats:
        versions:
        - version: 0.22.1
          natsStreamingImage: nats-streaming:0.22.1
          metricsExporterImage: natsio/prometheus-nats-exporter:0.8.0
      jetstream:
        settings: |
          max_file_store: 1TB
        versions:
        - version: latest
          natsImage: nats:2.10.29
          metricsExporterImage: natsio/prometheus-nats-exporter:0.14.0
          configReloaderImage: natsio/nats-server-config-reloader:0.14.0
          startCommand: /nats-server
        - version: 2.10.28
          natsImage: nats:2.10.28
          metricsExporterImage: natsio/prometheus-nats-exporter:0.14.0
"""


def test_the_eventbus_version_images_of_the_argo_events_controller_configmap() -> None:
    found = kubernetes_images(EVENTS_CONFIGMAP, "manifests/base/controller-manager/controller-config.yaml")
    assert {(item.text, item.line, item.problem) for item in found} == {
        ("nats-streaming:0.22.1", 11, None),
        ("natsio/prometheus-nats-exporter:0.8.0", 12, None),
        ("nats:2.10.29", 18, None),
        ("natsio/prometheus-nats-exporter:0.14.0", 19, None),
        ("natsio/nats-server-config-reloader:0.14.0", 20, None),
        ("nats:2.10.28", 23, None),
        ("natsio/prometheus-nats-exporter:0.14.0", 24, None),  # the same image, at its own entry's line
    }


def test_a_configmap_whose_block_is_not_an_eventbus_configuration_is_not_read_so() -> None:
    other = EVENTS_CONFIGMAP.replace("    eventBus:\n", "    cache:\n")
    assert kubernetes_images(other, "manifests/app-settings.yaml") == []


def test_a_version_entry_s_key_that_names_no_image_is_not_read() -> None:
    other = EVENTS_CONFIGMAP.replace("startCommand: /nats-server", "startImage: nats-server")
    found = kubernetes_images(other, "manifests/controller-config.yaml")
    assert "nats-server" not in {item.text for item in found}
