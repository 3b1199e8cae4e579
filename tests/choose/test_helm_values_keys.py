"""The chain of keys above a line of a chart's values file (choose/discovery/helm_values_keys.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values_keys import key_chain

VALUES = """\
global:
  registry: docker.io
monitoring:
  exporter:
    enabled: false
    image:
      repository: prom/statsd-exporter
      tag: v0.26.0
  sidecars:
    - name: reloader
      image: jimmidyson/configmap-reload:v0.13.1
"""


def test_the_chain_runs_from_the_top_key_down_to_the_line_itself() -> None:
    assert key_chain(VALUES, 7) == (["monitoring", "exporter", "image", "repository"], True)
    assert key_chain(VALUES, 2) == (["global", "registry"], True)
    assert key_chain(VALUES, 1) == (["global"], True)


def test_a_list_items_key_counts_only_when_asked() -> None:
    assert key_chain(VALUES, 11, list_items=True) == (["monitoring", "sidecars", "name", "image"], True)
    assert key_chain(VALUES, 11) == (["monitoring", "sidecars", "image"], True)


def test_a_line_under_no_top_level_key_is_not_rooted() -> None:
    text = "  orphan:\n    image: busybox:1.36\n"
    assert key_chain(text, 2) == (["orphan", "image"], False)
    assert key_chain("", 1) == ([], False)


def test_keys_at_the_same_depth_above_the_line_are_siblings_not_parents() -> None:
    text = "app:\n  other: 1\n  image: nginx:1.27\n"
    assert key_chain(text, 3) == (["app", "image"], True)
