"""Constants and small helpers shared by the handler tests."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from tests.support.proxy import Action, Seen

ACCOUNT = "123456789012"
REGION = "us-east-1"
ECR_HOST = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com"
ECR_CREDENTIALS = ("AWS", f"{ACCOUNT}-auth-token")  # what moto's GetAuthorizationToken hands out
PARAMETER = "/ecr-mirror/images"
SCHEDULED_EVENT: dict[str, Any] = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": ACCOUNT,
    "time": "2026-01-01T00:00:00Z",
    "region": REGION,
    "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/ecr-mirror-schedule"],
    "detail": {},
}
PARAMETER_CHANGE_EVENT: dict[str, Any] = {
    **SCHEDULED_EVENT,
    "detail-type": "Parameter Store Change",
    "source": "aws.ssm",
    "resources": [f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{PARAMETER}"],
    "detail": {"name": PARAMETER, "type": "String", "operation": "Update"},
}


@dataclass
class FakeContext:
    """A Lambda context; `remaining_ms` is consumed one value per call, the last one sticks."""

    remaining_ms: list[int] = field(default_factory=lambda: [900_000])
    clock: Callable[[], int] | None = None  # when set, the remaining time comes from it instead
    function_name: str = "ecr-mirror-test"
    memory_limit_in_mb: int = 1769
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:ecr-mirror-test"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))  # one per invocation, as in Lambda
    calls: int = 0

    def get_remaining_time_in_millis(self) -> int:
        self.calls += 1
        if self.clock is not None:
            return self.clock()
        return self.remaining_ms.pop(0) if len(self.remaining_ms) > 1 else self.remaining_ms[0]


def mirrored(source: str) -> str:
    """Where the handler puts a Docker Hub repository:tag in the ECR stand-in (registry host filled in later)."""
    return f"mirror/docker-hub/{source}"


def target_digest(ecr: LocalRegistry, source: str) -> str:
    """The digest of the mirrored image, read back from the ECR stand-in by skopeo."""
    return inspect_digest(f"{ecr.host}/{mirrored(source)}", creds=(ECR_CREDENTIALS[0], ECR_CREDENTIALS[1]))


def emf_metrics(stdout: str) -> dict[str, Any]:
    """Metric values of the (single) EMF document on stdout, plus its namespace under "_namespace"."""
    documents = [doc for doc in _json_lines(stdout) if "_aws" in doc]
    assert len(documents) == 1, f"expected one EMF document, got {len(documents)}"
    doc = documents[0]
    directive = doc["_aws"]["CloudWatchMetrics"][0]
    values = {m["Name"]: _single(doc[m["Name"]]) for m in directive["Metrics"]}
    dimensions = {d: doc[d] for d in directive["Dimensions"][0]}
    return {**values, "_namespace": directive["Namespace"], "_dimensions": dimensions}


def _single(value: Any) -> Any:
    """Powertools writes each value as a one-element list: [3.0] -> 3.0."""
    if isinstance(value, list):
        assert len(value) == 1, value
        return value[0]
    return value


def log_records(stdout: str) -> list[dict[str, Any]]:
    return [doc for doc in _json_lines(stdout) if "level" in doc and "message" in doc]


def writes(registry: LocalRegistry) -> int:
    """Requests that could change what a registry holds."""
    counts: Counter[tuple[str, str]] = registry.request_counts()
    return sum(n for (method, _), n in counts.items() if method in ("PUT", "POST", "PATCH", "DELETE"))


def _json_lines(text: str) -> list[dict[str, Any]]:
    out = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                doc = json.loads(line)
            except ValueError:
                continue
            if isinstance(doc, dict):
                out.append(doc)
    return out


def refuse_pushes_of(repository: str) -> Callable[[Seen], Action | None]:
    """A proxy rule for the ECR stand-in: uploads to repositories ending in `repository` are denied (403 DENIED),
    as a repository policy would; HEADs still answer, so the entry is checked and found behind."""
    denied = json.dumps({"errors": [{"code": "DENIED", "message": "requested access to the resource is denied"}]})

    def rule(seen: Seen) -> Action | None:
        if seen.method in ("POST", "PUT", "PATCH") and f"{repository}/" in seen.path:
            return Action(status=403, body=denied.encode(), headers={"Content-Type": "application/json"})
        return None

    return rule
