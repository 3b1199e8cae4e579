"""`ecr-mirror discover` on AWS CDK apps: the images their ECS/Fargate containers pull, named with
`ContainerImage.fromRegistry(...)` (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ecs.ContainerImage.html),
listed from the app's sources and not from its tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

STACK = """\
from aws_cdk import Stack
from aws_cdk import aws_ecs as ecs


class JumpStack(Stack):
    def __init__(self, scope, construct_id, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        task = ecs.FargateTaskDefinition(self, "Task")
        task.add_container(
            "jump",
            image=ecs.ContainerImage.from_registry(
                "public.ecr.aws/docker/library/alpine:3.20"
            ),
        )
"""

# the app's unit test compares the stack's template with the same name: no pull of its own
STACK_TEST = """\
from aws_cdk.assertions import Template
from aws_cdk import aws_ecs as ecs


def test_image() -> None:
    image = ecs.ContainerImage.from_registry("example/only-compared:1")
    assert image
"""

TS_STACK = """\
import * as ecs from 'aws-cdk-lib/aws-ecs';

export class WebStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    task.addContainer('web', { image: ecs.ContainerImage.fromRegistry('nginx:1.27-alpine') });
  }
}
"""


def test_images_cdk_apps_give_from_registry_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "infra/cdk/app/stacks/jump_stack.py": STACK,
            "infra/cdk/tests/unit/test_jump_stack.py": STACK_TEST,
            "web/lib/web-stack.ts": TS_STACK,
            "web/test/web-stack.test.ts": TS_STACK.replace("nginx:1.27-alpine", "example/only-compared:2"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["use"]) for r in records} == {
        (
            "infra/cdk/app/stacks/jump_stack.py",
            12,
            "public.ecr.aws/docker/library/alpine:3.20",
            "image (AWS CDK ContainerImage.fromRegistry)",
        ),
        ("web/lib/web-stack.ts", 6, "nginx:1.27-alpine", "image (AWS CDK ContainerImage.fromRegistry)"),
    }
