"""Images of AWS deployment files: ECS task definitions, Elastic Beanstalk's Dockerrun.aws.json, CloudFormation's
AWS::ECS::TaskDefinition."""

from __future__ import annotations

from ecr_mirror.choose.discovery.aws_tasks import aws_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of


def _pairs(text: str, origin: str) -> list[tuple[str, int | None, bool]]:
    return [(item.text, item.line, item.problem is None) for item in aws_images(text, origin)]


def test_files_are_known_by_name() -> None:
    assert kind_of("deploy/Dockerrun.aws.json") is Kind.AWS
    assert kind_of("task-definition.json") is Kind.AWS
    assert kind_of(".aws/taskdef.json") is Kind.AWS
    assert kind_of("ecs/web-task-def.prod.json") is Kind.AWS
    assert kind_of("package.json") is None


def test_ecs_task_definition_container_images() -> None:
    text = """{
  "family": "web",
  "containerDefinitions": [
    {"name": "app", "image": "<IMAGE1_NAME>", "essential": true},
    {"name": "proxy",
     "image": "public.ecr.aws/nginx/nginx:1.27"},
    {"name": "log", "image": "amazon/aws-for-fluent-bit:2.32.0"}
  ]
}
"""
    assert _pairs(text, "task-definition.json") == [
        ("<IMAGE1_NAME>", 4, False),
        ("public.ecr.aws/nginx/nginx:1.27", 6, True),
        ("amazon/aws-for-fluent-bit:2.32.0", 7, True),
    ]
    wrapped = '{"taskDefinition": {"family": "w", "containerDefinitions": [{"image": "redis:7"}]}}'
    assert _pairs(wrapped, "taskdef.json") == [("redis:7", 1, True)]


def test_dockerrun_v1_and_v2() -> None:
    v1 = '{\n  "AWSEBDockerrunVersion": "1",\n  "Image": {\n    "Name": "acme/shop:latest",\n'
    v1 += '    "Update": "true"\n  }\n}\n'
    assert _pairs(v1, "Dockerrun.aws.json") == [("acme/shop:latest", 4, True)]
    v2 = '{"AWSEBDockerrunVersion": 2, "containerDefinitions": [{"name": "php", "image": "php:8.3-fpm"}]}'
    assert _pairs(v2, "Dockerrun.aws.json") == [("php:8.3-fpm", 1, True)]


def test_cloudformation_task_definitions_with_intrinsics_unresolved() -> None:
    text = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Tag: {Type: String}
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}"
        - Name: sidecar
          Image: datadog/agent:7
        - Name: other
          Image: !Ref OtherImage
  Bucket:
    Type: AWS::S3::Bucket
"""
    found = aws_images(text, "template.yaml")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:${Tag}", 10, False),
        ("datadog/agent:7", 12, True),
        ("!Ref OtherImage", 14, False),
    ]
    assert "CloudFormation" in (found[0].problem or "")
    as_json = '{"Resources": {"T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [\n'
    as_json += '{"Image": {"Fn::Sub": "x:${Tag}"}}, {"Image": "busybox:1.37"}]}}}}'
    assert _pairs(as_json, "cdk.out/Stack.template.json") == [("Fn::Sub", 2, False), ("busybox:1.37", 2, True)]
