"""AWS deployment files at their edges: every container image form of a CloudFormation template (YAML tags, JSON
functions, lists, numbers, blanks, resources of other types and without properties), task definitions with
placeholders and values that are not strings, a Dockerrun file, a described task definition's line, and files that
are not valid JSON or YAML; each file's findings compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.aws_tasks import aws_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

CASES = {
    "a_cloudformation_template": (
        "template.yaml",
        """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:1.27
        - Name: sub
          Image: !Sub "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1"
        - Name: ref
          Image: !Ref ImageParam
        - Name: join
          Image:
            Fn::Join: ["", [a, b]]
        - Name: getatt
          Image: !GetAtt Repo.RepositoryUri
        - Name: two
          Image: {A: 1, B: 2}
        - Name: list
          Image: [a, b]
        - Name: num
          Image: 5
        - Name: blank
          Image: ""
  Other:
    Type: AWS::S3::Bucket
    Properties:
      ContainerDefinitions:
        - Image: not:1
  NoProps:
    Type: AWS::ECS::TaskDefinition
  BadProps:
    Type: AWS::ECS::TaskDefinition
    Properties: x
  NotDict: x
""",
    ),
    "a_task_definition": (
        "task.json",
        """\
{
  "family": "x",
  "containerDefinitions": [
    {"name": "a", "image": "nginx:1.27"},
    {"name": "b", "image": "  "},
    {"name": "c", "image": "<IMAGE1_NAME>"},
    {"name": "d", "image": "acme/${TAG}"},
    {"name": "e", "image": "{{ img }}"},
    {"name": "f", "image": 5},
    {"name": "g"},
    "notadict",
    {"name": "h", "image": " padded:1 "},
    {"name": "i", "image": {"Ref": "Img"}},
    {"name": "j", "image": ["a"]},
    {"name": "k", "image": null}
  ]
}
""",
    ),
    "a_json_template": (
        "template.json",
        """\
{
  "Resources": {
    "Task": {
      "Type": "AWS::ECS::TaskDefinition",
      "Properties": {
        "ContainerDefinitions": [
          {"Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr/app:1"}},
          {"Image": {"Ref": "Img"}},
          {"Image": "busybox:1.36"}
        ]
      }
    }
  },
  "Outputs": {}
}
""",
    ),
    "a_dockerrun_v1": (
        "Dockerrun.aws.json",
        """\
{
  "AWSEBDockerrunVersion": "1",
  "Image": {
    "Name": "janedoe/image",
    "Update": "true"
  }
}
""",
    ),
    "a_described_task_definition": (
        "described.json",
        '\n{"taskDefinition": {"containerDefinitions": [{"image": "redis:7"}]}}',
    ),
    "sub_with_a_list_and_import_value": (
        "a.yaml",
        """\
Resources:
  T:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Image: !Sub
            - "${Repo}:1"
            - Repo: x
        - Image: !ImportValue shared-image
""",
    ),
}

EXPECTED = {
    "a_cloudformation_template": [
        Found("public.ecr.aws/nginx/nginx:1.27", "template.yaml", 8, None, "Image", "CloudFormation template"),
        Found(
            "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1",
            "template.yaml",
            10,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "!Ref ImageParam",
            "template.yaml",
            12,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "Fn::Join",
            "template.yaml",
            None,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "!GetAtt Repo.RepositoryUri",
            "template.yaml",
            17,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "(a CloudFormation function)",
            "template.yaml",
            None,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "(a CloudFormation function)",
            "template.yaml",
            None,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
    ],
    "a_task_definition": [
        Found("nginx:1.27", "task.json", 4, None, "image", "ECS task definition"),
        Found(
            "<IMAGE1_NAME>",
            "task.json",
            6,
            "a placeholder the deployment fills in (CodeDeploy's <IMAGE1_NAME>, envsubst's ${IMAGE})",
            "image",
            "ECS task definition",
        ),
        Found(
            "acme/${TAG}",
            "task.json",
            7,
            "a placeholder the deployment fills in (CodeDeploy's <IMAGE1_NAME>, envsubst's ${IMAGE})",
            "image",
            "ECS task definition",
        ),
        Found(
            "{{ img }}",
            "task.json",
            8,
            "a placeholder the deployment fills in (CodeDeploy's <IMAGE1_NAME>, envsubst's ${IMAGE})",
            "image",
            "ECS task definition",
        ),
        Found("padded:1", "task.json", 12, None, "image", "ECS task definition"),
        Found(
            "Ref",
            "task.json",
            13,
            "a CloudFormation function, known when the stack is deployed",
            "image",
            "ECS task definition",
        ),
        Found(
            "(a CloudFormation function)",
            "task.json",
            None,
            "a CloudFormation function, known when the stack is deployed",
            "image",
            "ECS task definition",
        ),
    ],
    "a_json_template": [
        Found(
            "Fn::Sub",
            "template.json",
            7,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "Ref",
            "template.json",
            8,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found("busybox:1.36", "template.json", 9, None, "Image", "CloudFormation template"),
    ],
    "a_dockerrun_v1": [
        Found("janedoe/image", "Dockerrun.aws.json", 4, None, "Image.Name", "Elastic Beanstalk Dockerrun file"),
    ],
    "a_described_task_definition": [
        Found("redis:7", "described.json", 2, None, "image", "ECS task definition"),
    ],
    "sub_with_a_list_and_import_value": [
        Found(
            "(a CloudFormation function)",
            "a.yaml",
            None,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
        Found(
            "!ImportValue shared-image",
            "a.yaml",
            9,
            "a CloudFormation function, known when the stack is deployed",
            "Image",
            "CloudFormation template",
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_file_s_images_whole(name: str) -> None:
    origin, text = CASES[name]
    assert aws_images(text, origin) == EXPECTED[name]


@pytest.mark.parametrize(
    ("origin", "text", "message"),
    [
        (
            "task.json",
            '{"bad json',
            "task.json: not valid JSON: Unterminated string starting at: line 1 column 2 (char 1)",
        ),
        ("template.yaml", "Resources: [\n", "template.yaml: not valid YAML"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_naming_it(origin: str, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        aws_images(text, origin)
    assert str(caught.value).startswith(message)
