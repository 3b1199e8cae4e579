"""What importing the handler loads: the X-Ray SDK only when tracing is on (issue 21 item 3, cold start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, sys; import ecr_mirror.function.handler; import botocore.client as c; "
    "print(json.dumps({'xray': 'aws_xray_sdk' in sys.modules, "
    "'patched': type(c.BaseClient.__dict__['_make_api_call']).__name__ == 'FunctionWrapper'}))"
)


def _import_handler(extra_env: dict[str, str]) -> dict[str, bool]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAMBDA_", "POWERTOOLS_TRACE", "AWS_SAM"))}
    env.update({"PYTHONPATH": f"{REPO / 'lambda'}", "AWS_DEFAULT_REGION": "eu-west-1", **extra_env})
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    answer: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def test_outside_lambda_the_xray_sdk_is_not_imported() -> None:
    assert _import_handler({}) == {"xray": False, "patched": False}


@pytest.mark.parametrize("disabled", ["true", "1"])
def test_tracing_disabled_in_lambda_imports_no_xray_sdk(disabled: str, tmp_path: Path) -> None:
    answer = _import_handler({"LAMBDA_TASK_ROOT": str(tmp_path), "POWERTOOLS_TRACE_DISABLED": disabled})
    assert answer == {"xray": False, "patched": False}


def test_inside_lambda_with_tracing_boto3_calls_are_traced(tmp_path: Path) -> None:
    answer = _import_handler({"LAMBDA_TASK_ROOT": str(tmp_path)})
    assert answer == {"xray": True, "patched": True}
