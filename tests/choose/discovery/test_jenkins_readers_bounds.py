"""Time bounds of jenkins_parameters.py and jenkins_matrix.py on hostile pipelines: about linear time."""

from __future__ import annotations

import time

from ecr_mirror.choose.discovery.jenkins_matrix import axis_values
from ecr_mirror.choose.discovery.jenkins_parameters import parameter_images


def test_many_image_parameters_are_read_in_linear_time() -> None:
    text = "".join(f"string(name: 'db{i}_image', defaultValue: 'postgres:{i}')\n" for i in range(3_000))
    text += "".join(f'sh "docker pull ${{params.db{i}_image}}"\n' for i in range(0, 3_000, 2))
    started = time.perf_counter()
    found = parameter_images(text, "Jenkinsfile")
    assert time.perf_counter() - started < 3.0
    assert len(found) == 1_500
    assert found[0].text == "postgres:0"


def test_a_parameter_used_only_inside_another_reference_is_still_read() -> None:
    text = "string(name: 'server_image', defaultValue: 'cb/server:7.6.0')\nsh \"run ${env.X}${params.server_image}\"\n"
    assert [item.text for item in parameter_images(text, "Jenkinsfile")] == ["cb/server:7.6.0"]


def test_many_nested_unclosed_axes_are_read_in_linear_time() -> None:
    started = time.perf_counter()
    assert axis_values("axis {\n" * 20_000) == {}
    assert time.perf_counter() - started < 3.0
