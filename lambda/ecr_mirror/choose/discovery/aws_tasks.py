"""Images of AWS deployment files (pure): ECS task definitions (`containerDefinitions[].image`, also as `aws ecs
describe-task-definition` prints them, under `taskDefinition`), Elastic Beanstalk's `Dockerrun.aws.json` (version 1:
`Image.Name`; version 2: `containerDefinitions[].image`), and CloudFormation / SAM / `cdk synth` templates (YAML or
JSON): `ContainerDefinitions[].Image` of every `AWS::ECS::TaskDefinition` resource. Only strings are images: an
intrinsic function (`!Sub`, `!Ref`, `Fn::Join`) is unresolved, known when the stack is deployed, and so is a
placeholder a deploy step fills in (`<IMAGE1_NAME>` for CodeDeploy, `${IMAGE}` for envsubst).
"""

from __future__ import annotations

import json
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

TASK_DEFINITION = "AWS::ECS::TaskDefinition"
_INTRINSIC = "a CloudFormation function, known when the stack is deployed"
_PLACEHOLDER = "a placeholder the deployment fills in (CodeDeploy's <IMAGE1_NAME>, envsubst's ${IMAGE})"


def _load(text: str, origin: str) -> list[Any]:
    if not origin.lower().endswith(".json"):
        return load_documents(text, origin)
    try:
        return [json.loads(text)]
    except ValueError as exc:
        raise ConfigError(f"{origin}: not valid JSON: {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{origin}: JSON nested deeper than discover reads") from exc


def _json_line(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _found(value: object, text: str, origin: str, use: str, kind: str) -> Found | None:
    line = line_of(value)
    tag = getattr(value, "tag", "")
    if isinstance(value, str) and not tag:
        if not value.strip():
            return None
        line = line or _json_line(text, json.dumps(value))
        problem = _PLACEHOLDER if any(mark in value for mark in ("${", "<", "{{")) else None
        return Found(value.strip(), origin, line, problem, use, kind)
    if isinstance(value, str):  # `!Sub "..."`, `!Ref Name`
        shown = value if tag == "!Sub" else f"{tag} {value}"
        return Found(shown, origin, line, _INTRINSIC, use, kind)
    if isinstance(value, dict) and len(value) == 1:  # {"Fn::Sub": ...}, {"Ref": "Name"}
        name = str(next(iter(value)))
        return Found(name, origin, line or _json_line(text, json.dumps(name)), _INTRINSIC, use, kind)
    if isinstance(value, list | dict):
        return Found("(a CloudFormation function)", origin, line, _INTRINSIC, use, kind)
    return None


def _containers(definitions: object, key: str) -> list[object]:
    if not isinstance(definitions, list):
        return []
    return [container[key] for container in definitions if isinstance(container, dict) and key in container]


def _images(document: Any) -> list[tuple[object, str, str]]:
    """(image value, use, kind) of one document."""
    if not isinstance(document, dict):
        return []
    out: list[tuple[object, str, str]] = []
    if isinstance(document.get("taskDefinition"), dict):
        document = document["taskDefinition"]
    beanstalk = "AWSEBDockerrunVersion" in document
    kind = "Elastic Beanstalk Dockerrun file" if beanstalk else "ECS task definition"
    if beanstalk and isinstance(document.get("Image"), dict) and "Name" in document["Image"]:
        out.append((document["Image"]["Name"], "Image.Name", kind))
    out += [(image, "image", kind) for image in _containers(document.get("containerDefinitions"), "image")]
    resources = document.get("Resources")
    for resource in resources.values() if isinstance(resources, dict) else []:
        if isinstance(resource, dict) and resource.get("Type") == TASK_DEFINITION:
            properties = resource.get("Properties")
            definitions = properties.get("ContainerDefinitions") if isinstance(properties, dict) else None
            out += [(image, "Image", "CloudFormation template") for image in _containers(definitions, "Image")]
    return out


def aws_images(text: str, origin: str) -> list[Found]:
    """The images of an ECS task definition, a Dockerrun.aws.json or a CloudFormation template, in file order."""
    found: list[Found] = []
    for document in _load(text, origin):
        for value, use, kind in _images(document):
            if (item := _found(value, text, origin, use, kind)) is not None:
                found.append(item)
    return found
