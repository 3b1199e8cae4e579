"""Hang guards of jenkins_parameters.py and jenkins_matrix.py on hostile pipelines (tests/support/hang_guard.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jenkins_matrix import axis_values
from ecr_mirror.choose.discovery.jenkins_parameters import parameter_images
from tests.support.hang_guard import finishes


def test_many_image_parameters_are_read_in_linear_time() -> None:
    text = "".join(f"string(name: 'db{i}_image', defaultValue: 'postgres:{i}')\n" for i in range(12_000))
    text += "".join(f'sh "docker pull ${{params.db{i}_image}}"\n' for i in range(0, 12_000, 2))
    found = finishes(parameter_images, text, "Jenkinsfile")
    assert len(found) == 6_000
    assert found[0].text == "postgres:0"


def test_a_parameter_used_only_inside_another_reference_is_still_read() -> None:
    text = "string(name: 'server_image', defaultValue: 'cb/server:7.6.0')\nsh \"run ${env.X}${params.server_image}\"\n"
    assert [item.text for item in parameter_images(text, "Jenkinsfile")] == ["cb/server:7.6.0"]


def test_many_nested_unclosed_axes_are_read_in_linear_time() -> None:
    assert finishes(axis_values, "axis {\n" * 80_000) == {}
