"""cdk-nag (AWS Solutions) and cfn-lint accept the stack, with the defaults and with every option on.

cdk-nag 3 is a CDK policy-validation plugin: its findings are a report (validation-report.json in the
output directory), not annotations, and an unacknowledged finding makes `app.synth()` fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App, Validations
from aws_cdk.assertions import Template
from cdk_nag import AwsSolutionsChecks

from infra import EcrMirrorStack
from tests.infra.stack_support import CDK_CONTEXT, ROOT, make_stack

EVERY_OPTION: dict[str, Any] = {
    "dockerHubSecret": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub",
    "alarmEmail": "ops@example.com",
    "encryption": "KMS",
    "destroyRepositories": True,
    "reservedConcurrency": "none",
    "schedule": "cron(0 3 * * ? *)",
    "pullOrganizationId": "o-a1b2c3d4e5",
    "pullAccountIds": ["111122223333"],
    "replicateTo": [{"region": "eu-west-1"}, {"region": "us-east-1", "account": "111122223333"}],
}
# W3005 (DependsOn duplicating a GetAtt): aws-cdk-lib's Function always adds a DependsOn on its role.
CFN_LINT_IGNORED = "W3005"


@pytest.fixture(scope="module")
def every_option_stack() -> EcrMirrorStack:
    return make_stack(**EVERY_OPTION)


def _nag_report(tmp_path: Path, **context: Any) -> dict[str, Any]:
    """Synthesize with the AWS Solutions pack as app.py does; return the validation report."""
    stack = make_stack(outdir=str(tmp_path), **context)
    app = stack.node.root
    assert isinstance(app, App)
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    try:
        app.synth()
    except RuntimeError as exc:  # unacknowledged findings: the report says which
        assert "ValidationFailed" in str(exc)
    report: dict[str, Any] = json.loads((tmp_path / "validation-report.json").read_text(encoding="utf-8"))
    # Warnings (the anonymous Docker Hub one) come as a second report, "Construct Annotations".
    (plugin,) = [p for p in report["pluginReports"] if p["pluginName"] == "AwsSolutions"]
    return dict(plugin)


@pytest.mark.parametrize("context", [{}, EVERY_OPTION], ids=["defaults", "every-option"])
def test_nag_finds_nothing_unacknowledged(tmp_path: Path, context: dict[str, Any]) -> None:
    report = _nag_report(tmp_path, **context)
    assert [violation["ruleName"] for violation in report["violations"]] == []
    assert report["conclusion"] == "success"
    for acknowledged in report["suppressedViolations"]:
        assert len(acknowledged["reason"]) > 40, acknowledged["ruleName"]


def _cfn_lint(stack: EcrMirrorStack, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "EcrMirror.template.json"
    path.write_text(json.dumps(Template.from_stack(stack).to_json()), encoding="utf-8")
    cfn_lint = shutil.which("cfn-lint") or "cfn-lint"
    return subprocess.run(
        [cfn_lint, "--ignore-checks", CFN_LINT_IGNORED, "--", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cfn_lint_passes(default_stack: EcrMirrorStack, tmp_path: Path) -> None:
    result = _cfn_lint(default_stack, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cfn_lint_passes_with_every_option(every_option_stack: EcrMirrorStack, tmp_path: Path) -> None:
    result = _cfn_lint(every_option_stack, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_app_py_synthesizes_with_the_nag_plugin(tmp_path: Path) -> None:
    """Runs app.py as the CDK CLI does (cdk.json context and output directory in the environment)."""
    env = {
        **os.environ,
        "CDK_OUTDIR": str(tmp_path),
        "CDK_CONTEXT_JSON": json.dumps({**CDK_CONTEXT, "aws:cdk:bundling-stacks": []}),
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "validation-report.json").read_text(encoding="utf-8"))
    conclusions = {plugin["pluginName"]: plugin["conclusion"] for plugin in report["pluginReports"]}
    assert conclusions["AwsSolutions"] == "success"
    assert set(conclusions.values()) == {"success"}
    assert (tmp_path / "EcrMirror.template.json").exists()
