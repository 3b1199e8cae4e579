"""A CloudFormation custom resource (Custom::EcrReplication): the mirror's rule in the registry's replication
configuration, merged with the rules already there (ecr/replication.py), taken out again on delete.

Properties: `Prefix`, `Destinations` ([{"region", "registryId"}]). The answer goes to the pre-signed
`ResponseURL` CloudFormation gives
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html); a failure is answered
FAILED with the reason, so the deploy stops with it instead of waiting an hour.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from collections.abc import Mapping
from typing import Any

import boto3

from ecr_mirror.ecr.replication import apply_rule
from ecr_mirror.errors import MirrorError

log = logging.getLogger(__name__)


def handler(event: Mapping[str, Any], context: Any) -> None:
    handle(event, boto3.client("ecr"))


def handle(event: Mapping[str, Any], ecr: Any) -> None:
    """Apply the request to the registry through `ecr`, then answer CloudFormation."""
    props = event.get("ResourceProperties") or {}
    prefix = str(props.get("Prefix", ""))
    physical = f"ecr-replication/{prefix}"
    status, reason = "SUCCESS", ""
    try:
        kind = event.get("RequestType")
        old_prefix = str((event.get("OldResourceProperties") or {}).get("Prefix", prefix))
        if kind == "Delete":
            if event.get("PhysicalResourceId") == physical:  # never touch rules when the create itself failed
                apply_rule(ecr, prefix, None)
        else:
            if kind == "Update" and old_prefix != prefix:
                apply_rule(ecr, old_prefix, None)
            apply_rule(ecr, prefix, list(props.get("Destinations") or []))
    except MirrorError as exc:
        status, reason = "FAILED", str(exc)
        log.error("replication rule not applied: %s", exc)
    _respond(event, status, reason, physical if status == "SUCCESS" else f"{physical}/failed")


def _respond(event: Mapping[str, Any], status: str, reason: str, physical: str) -> None:
    body = json.dumps(
        {
            "Status": status,
            "Reason": reason[:3000] or "ok",
            "PhysicalResourceId": event.get("PhysicalResourceId") if event.get("RequestType") == "Delete" else physical,
            "StackId": event.get("StackId"),
            "RequestId": event.get("RequestId"),
            "LogicalResourceId": event.get("LogicalResourceId"),
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the URL CloudFormation handed us
        str(event["ResponseURL"]), data=body, method="PUT", headers={"Content-Type": ""}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        answer.read()
