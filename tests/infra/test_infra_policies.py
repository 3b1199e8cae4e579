"""The stack's side of the policy gate: read access to exactly the keys the policies name (KMS keys, aliases under
kms:RequestAlias, SSM parameters), for the planner and the worker; the rejected alarm; the held/rejected graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.settings import SettingsError
from tests.infra.stack_support import flatten, make_template, resources

KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
LIST = f"""\
policies:
  release: {{key: "awskms:///{KEY_ARN}"}}
  ours: {{key: "awskms:///alias/release-signing"}}
  team: {{key: "ssm:/ecr-mirror/keys/team"}}
  cooling: {{minAge: 48h}}
defaultPolicy: cooling
images:
  - {{source: alpine:3.20, policy: release}}
  - {{source: busybox:1.36, policy: [ours, team]}}
  - python:3.13-slim
"""


def _key_statements(template: Template) -> list[dict[str, Any]]:
    """The key statements of every role (the fan-out worker's too), Resource and Roles flattened."""
    out = []
    for policy in template.find_resources("AWS::IAM::Policy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if str(statement.get("Sid", "")).startswith("VerifyKey"):
                found = flatten(statement["Resource"])
                roles = [flatten(role) for role in policy["Properties"].get("Roles", [])]
                out.append({**statement, "Resource": found if isinstance(found, list) else [found], "Roles": roles})
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    images = tmp_path_factory.mktemp("list") / "images.yaml"
    images.write_text(LIST)
    return make_template(imagesFile=str(images))


def test_the_named_keys_and_only_they_are_readable_by_both_functions(template: Template) -> None:
    found = {s["Sid"]: s for s in _key_statements(template)}
    assert set(found) == {"VerifyKeys", "VerifyKeyAliases0", "VerifyKeyParameters"}
    assert found["VerifyKeys"]["Resource"] == [KEY_ARN]
    alias = found["VerifyKeyAliases0"]
    assert alias["Resource"][0].endswith(":key/*")
    assert alias["Condition"] == {"StringEquals": {"kms:RequestAlias": ["alias/release-signing"]}}
    assert found["VerifyKeyParameters"]["Action"] == "ssm:GetParameter"
    assert found["VerifyKeyParameters"]["Resource"][0].endswith(":parameter/ecr-mirror/keys/team")
    roles = [r for s in _key_statements(template) for r in s["Roles"]]
    assert len(set(roles)) == 2  # the planner and the fan-out worker


def test_without_key_policies_nothing_about_keys_is_granted(default_template: Template) -> None:
    assert _key_statements(default_template) == []


def test_verify_key_arns_context_adds_keys_and_refuses_anything_else(tmp_path: Path) -> None:
    template = make_template(verifyKeyArns=f"{KEY_ARN}, arn:aws:kms:eu-west-1:111122223333:alias/later")
    found = {s["Sid"]: s for s in _key_statements(template)}
    assert found["VerifyKeys"]["Resource"] == [KEY_ARN]
    condition = found["VerifyKeyAliases0"]["Condition"]["StringEquals"]["kms:RequestAlias"]
    assert "alias/later" in condition
    assert found["VerifyKeyAliases0"]["Resource"] == ["arn:aws:kms:eu-west-1:111122223333:key/*"]
    with pytest.raises(SettingsError, match="verifyKeyArns: 'alias/x' is not a KMS key ARN"):
        make_template(verifyKeyArns="alias/x")


def test_a_rejected_image_raises_an_alarm_on_the_first_run(default_template: Template) -> None:
    alarms = [a["Properties"] for a in resources(default_template, "AWS::CloudWatch::Alarm")]
    (rejected,) = [a for a in alarms if a.get("MetricName") == "ImagesRejected"]
    assert rejected["Threshold"] == 1 and rejected["EvaluationPeriods"] == 1
    assert rejected["Namespace"] == "EcrMirror"


def test_trusted_root_parameter_is_readable_and_named_in_both_functions_environment() -> None:
    template = make_template(trustedRootParameter="/ecr-mirror/sigstore/trusted_root")
    found = [s for s in _key_statements(template) if s["Sid"] == "VerifyKeyParameters"]
    assert len(found) == 2  # the planner and the worker
    assert all(s["Resource"][0].endswith(":parameter/ecr-mirror/sigstore/trusted_root") for s in found)
    functions = template.find_resources("AWS::Lambda::Function").values()
    named = [
        f
        for f in functions
        if f["Properties"].get("Environment", {}).get("Variables", {}).get("ECR_MIRROR_TRUSTED_ROOT_PARAMETER")
        == "/ecr-mirror/sigstore/trusted_root"
    ]
    assert len(named) == 2
    with pytest.raises(SettingsError, match="trustedRootParameter"):
        make_template(trustedRootParameter="not a//name")
