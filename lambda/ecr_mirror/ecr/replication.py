"""The mirror's rule in the registry's ECR replication configuration, merged with the rules others put there.

A registry has one replication configuration (PutReplicationConfiguration creates or replaces it whole:
https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutReplicationConfiguration.html), so the mirror
never writes it blindly: it reads it (DescribeRegistry), replaces or adds only its own rule (the one whose single
repository filter is the mirror's prefix, PREFIX_MATCH), and keeps every other rule as it was. A configuration
holds at most 10 rules (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationConfiguration.html):
when the mirror's rule would be the 11th, nothing is written and the error says so.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from botocore.exceptions import ClientError

from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.errors import MirrorError

log = logging.getLogger(__name__)

MAX_RULES = 10


class ReplicationError(MirrorError):
    """The replication configuration cannot take the mirror's rule (limits, or ECR refused)."""


def mirror_rule(prefix: str, destinations: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    """Replicate repositories under `prefix` to `destinations` ({"region", "registryId"} each)."""
    return {
        "destinations": [{"region": d["region"], "registryId": d["registryId"]} for d in destinations],
        "repositoryFilters": [{"filter": prefix, "filterType": "PREFIX_MATCH"}],
    }


def is_mirror_rule(rule: Mapping[str, Any], prefix: str) -> bool:
    return rule.get("repositoryFilters") == [{"filter": prefix, "filterType": "PREFIX_MATCH"}]


def merged(existing: Mapping[str, Any], prefix: str, rule: Mapping[str, Any] | None) -> dict[str, Any]:
    """`existing` with the mirror's rule replaced by `rule` (or removed when None); other rules kept, in order."""
    others = [r for r in existing.get("rules") or [] if not is_mirror_rule(r, prefix)]
    rules = [*others, *([dict(rule)] if rule is not None else [])]
    if len(rules) > MAX_RULES:
        raise ReplicationError(
            f"the registry's replication configuration already has {len(others)} rules of its own; ECR allows "
            f"{MAX_RULES}, so the mirror's rule for {prefix}/ cannot be added. Nothing was changed: merge rules "
            "by hand, or remove replicateTo"
        )
    return {"rules": rules}


def apply_rule(ecr: Any, prefix: str, destinations: Sequence[Mapping[str, str]] | None) -> dict[str, Any]:
    """Put the mirror's rule (None: take it out) into the registry's configuration; returns what was written."""
    try:
        current = ecr.describe_registry().get("replicationConfiguration") or {"rules": []}
        wanted = merged(current, prefix, mirror_rule(prefix, destinations) if destinations else None)
        if wanted == {"rules": list(current.get("rules") or [])}:
            return wanted
        ecr.put_replication_configuration(replicationConfiguration=wanted)
    except ClientError as exc:
        raise ReplicationError(f"cannot update the registry's replication configuration: {aws_error(exc)}") from exc
    log.info("replication rules now: %s", wanted)
    return wanted
