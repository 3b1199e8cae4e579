"""Which file names are those of Helm values files (helm_outside_values.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.helm_outside_values import values_named


@pytest.mark.parametrize(
    "name",
    ["values.yaml", "values.yml", "values-prod.yaml", "values.dev.yml", "grafana-values.yaml", "loki_values.yml",
     "chart.values.yaml", "Values-Staging.YAML"],
)  # fmt: skip
def test_values_file_names(name: str) -> None:
    assert values_named(name)


@pytest.mark.parametrize(
    "name",
    ["myvalues.yaml", "valuesfile.yaml", "values.json", "values.yaml.gotmpl", "eval_values_schema.yaml",
     "default_values_test.yaml", "settings.yaml"],
)  # fmt: skip
def test_other_names(name: str) -> None:
    assert not values_named(name)
