"""A YAML file no reader of its kind took (cli/discover_found.py reads it so): the values of a chart in the tree,
else Ansible tasks' containers, else an Ansible role's variables, else a chart's values elsewhere named as values
files are, else its container specs, Micronaut Test Resources' images and Renovate's pins."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.ansible_tasks import MODULE_RE as _ANSIBLE_MODULE_RE
from ecr_mirror.choose.discovery.ansible_tasks import ansible_task_images
from ecr_mirror.choose.discovery.container_specs import container_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.renovate_pins import renovate_pins
from ecr_mirror.choose.discovery.test_resources import yaml_test_resources_images
from ecr_mirror.cli.discover_ansible import AnsibleValues
from ecr_mirror.cli.discover_helm import chart_values, in_chart_tests, in_fixtures, outside_chart_values


def unclaimed_yaml(shown: str, path: Path, text: str, ansible: AnsibleValues) -> list[Found]:
    """A YAML file no reader took: the values of a chart in the tree, else Ansible tasks' containers, else a chart's
    values elsewhere named as values files are (`grafana-values.yaml`), else its container specs (another file of a
    chart's values, a kustomize JSON patch; not in `testdata/`, `fixtures/`), Micronaut Test Resources' images and
    Renovate's pins (a version `# renovate: datasource=docker depName=NAME` names an image)."""
    if in_chart_tests(path):
        return []
    values = chart_values(shown, path, text)
    if values is None and _ANSIBLE_MODULE_RE.search(text):
        values = ansible_task_images(text, shown, ansible.bases(path))
    if values is None:  # an Ansible role's variables, else a chart's values elsewhere
        values = ansible.variable_images(shown, path, text) or outside_chart_values(shown, path, text)
    specs = [] if values is not None or in_fixtures(shown) else container_images(text, shown)
    pins = renovate_pins(text, shown)
    return values if values is not None else specs + yaml_test_resources_images(text, shown) + pins
