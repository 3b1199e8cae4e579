"""Build EcrMirrorStack the way `cdk synth` does (cdk.json context) without bundling; read templates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aws_cdk import App
from aws_cdk.assertions import Template

from infra import EcrMirrorStack, Settings

ROOT = Path(__file__).resolve().parents[2]
CDK_CONTEXT: dict[str, Any] = json.loads((ROOT / "cdk.json").read_text(encoding="utf-8"))["context"]


def make_stack(*, outdir: str | None = None, **context: Any) -> EcrMirrorStack:
    """A fresh app with cdk.json's context, `context` on top, and bundling skipped."""
    app = App(outdir=outdir, context={**CDK_CONTEXT, **context, "aws:cdk:bundling-stacks": []})
    return EcrMirrorStack(app, "EcrMirror", settings=Settings.from_context(app.node.try_get_context))


def make_template(**context: Any) -> Template:
    return Template.from_stack(make_stack(**context))


# aws-cdk-lib's own trigger provider (the stack-wide singleton behind the first-run Trigger) is a Lambda function
# and role too, and so is the fan-out worker (tests/infra/test_infra_fanout.py checks it): the helpers below leave
# both out, so "the" function is the mirror function (the planner).
CDK_TRIGGER_PROVIDER = "AWSCDKTriggerCustomResourceProvider"
FANOUT = "Fanout"


def our_resources(template: Template, kind: str) -> dict[str, Any]:
    found = template.find_resources(kind)
    return {logical: r for logical, r in found.items() if not logical.startswith((CDK_TRIGGER_PROVIDER, FANOUT))}


def fanout_resources(template: Template, kind: str) -> dict[str, Any]:
    return {logical: r for logical, r in template.find_resources(kind).items() if logical.startswith(FANOUT)}


def resources(template: Template, kind: str) -> list[dict[str, Any]]:
    """The resources of one type, each as its full template entry (Properties, DeletionPolicy, ...)."""
    return [dict(resource) for resource in our_resources(template, kind).values()]


def logical_id(template: Template, kind: str) -> str:
    """The logical id of the one resource of a type (found, never spelled out: ids carry hashes)."""
    found = list(our_resources(template, kind))
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def only(template: Template, kind: str) -> dict[str, Any]:
    found = resources(template, kind)
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


def flatten(value: Any) -> Any:
    """Render Ref / Fn::Join / Fn::GetAtt as readable text: `arn:${AWS::Partition}:ecr:...`."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key == "Ref":
            return f"${{{inner}}}"
        if key == "Fn::GetAtt":
            return f"${{{inner[0]}.{inner[1]}}}"
        if key == "Fn::Join":
            separator, parts = inner
            return separator.join(str(flatten(part)) for part in parts)
    if isinstance(value, list):
        return [flatten(item) for item in value]
    return value


def statements(template: Template) -> Iterator[dict[str, Any]]:
    """Every statement of every AWS::IAM::Policy, Action and Resource always as lists, flattened."""
    for policy in resources(template, "AWS::IAM::Policy"):
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            found = flatten(statement["Resource"])
            yield {
                **statement,
                "Action": actions if isinstance(actions, list) else [actions],
                "Resource": found if isinstance(found, list) else [found],
                "Roles": [flatten(role) for role in policy["Properties"].get("Roles", [])],
            }
