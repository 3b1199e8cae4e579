"""`ecr-mirror discover` reads the images of Kubeflow Pipelines components written with the Python SDK: a
lightweight component's `@dsl.component(base_image=...)`, a container component's `dsl.ContainerSpec(image=...)` and
a v1 `dsl.ContainerOp(image=...)`, each the image a task of the compiled pipeline runs in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

PIPELINE = """\
from kfp import compiler, dsl

IMAGE = 'python:3.12'


@dsl.component(base_image='pytorch/pytorch:1.7.1-cuda11.0-cudnn8-runtime')
def train() -> str:
    import torch
    return str(torch.cuda.is_available())


@dsl.component(base_image=IMAGE)
def report(text: str):
    print(text)


@dsl.component
def plain(text: str):
    print(text)


@dsl.container_component
def echo_op(text: str):
    return dsl.ContainerSpec(
        image='library/bash:4.4.23',
        command=['sh', '-c'],
        args=['echo "$0"', text],
    )


@dsl.pipeline(name='gpu')
def gpu_pipeline():
    echo_op(text=train().output)
    report(text='done')
"""

V1_PIPELINE = """\
import kfp.dsl as dsl


def best_hp(op):
    dsl.ContainerOp(
        name="best-hp",
        image="google/cloud-sdk:279.0.0",
        command=["sh", "-c"],
    )
"""

UNIT_TEST = """\
from kfp import dsl


@dsl.component(base_image='gcr.io/my-project/my-image')
def comp():
    pass
"""

NOT_KFP = """\
from acme import component


@component(base_image='acme/runner:1.0')
def comp():
    pass
"""


def test_the_images_of_kfp_python_components_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "samples/gpu/pipeline.py": PIPELINE,
        "examples/v1/horovod.py": V1_PIPELINE,
        "sdk/python/kfp/dsl/component_decorator_test.py": UNIT_TEST,
        "tools/runner.py": NOT_KFP,
    }
    seen = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in tree_records(tree, tmp_path, capsys)
    }
    assert seen == {  # not a name's value, the SDK's default, a unit test's fixture, nor another library's decorator
        ("samples/gpu/pipeline.py", 6, "pytorch/pytorch:1.7.1-cuda11.0-cudnn8-runtime", "public"),
        ("samples/gpu/pipeline.py", 25, "bash:4.4.23", "public"),
        ("examples/v1/horovod.py", 7, "google/cloud-sdk:279.0.0", "public"),
    }


SCRATCH_OP = """\
import kfp


class Runtime:
    def apply(self, modify):
        # an op built only to be modified, never run: its image is the parameter's own name
        op = kfp.dsl.ContainerOp("name", "image")
        real = kfp.dsl.ContainerOp("train", "python:3.12-slim")
        return modify(op), real
"""


def test_an_image_that_is_the_word_image_is_a_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    seen = {
        (r["file"], r["line"], r["reference"] or r["written"], r["status"])
        for r in tree_records({"adapters/mixins.py": SCRATCH_OP}, tmp_path, capsys)
    }
    assert seen == {("adapters/mixins.py", 8, "python:3.12-slim", "public")}
