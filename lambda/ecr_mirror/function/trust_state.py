"""The function's side of the policy gate: the policies' keys from KMS or SSM, and first-seen times kept in the
stack's behind table (function/behind.py) beside each behind entry.

A held image is behind, so it has an item in that table (key: its target reference); its first sighting lives on
that item (`first_seen_digest`, `first_seen`), read before the run and written after it. When the image is
mirrored, the ledger deletes the item and its first-seen time with it: nothing else is kept. Reading or writing
the table never fails the run (a lost first sighting only starts the cooling-off again); a key that cannot be read
fails the images of its policies, naming the key.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import boto3
from botocore.exceptions import ClientError

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.ecr.keys import read_aws_key
from ecr_mirror.errors import MirrorError, TrustError
from ecr_mirror.function.after_run import ENV_BEHIND_TABLE
from ecr_mirror.function.behind import KEY
from ecr_mirror.mirror.report import ImageResult
from ecr_mirror.trust.first_seen import FirstSeen, Seen
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.policy import KeyRef, Policy

if TYPE_CHECKING:
    from ecr_mirror.trust.keys import PublicKey

log = logging.getLogger(__name__)
ENV_TRUSTED_ROOT = "ECR_MIRROR_TRUSTED_ROOT_PARAMETER"  # SSM parameter with a newer trusted_root.json (optional)
# `since` only when the ledger has not written the item (it then belongs to the ledger, which never reads these).
_UPDATE = "SET first_seen_digest = :d, first_seen = :t, #s = :s, since = if_not_exists(since, :n)"


def list_policies(images: ImageList) -> list[Policy]:
    found = [p for e in images.entries for p in e.policies] + [p for r in images.rules for p in r.options.policies]
    return list(dict.fromkeys(found))


def load_keys(policies: Iterable[Policy], *, kms: Any = None, ssm: Any = None) -> dict[KeyRef, PublicKey | TrustError]:
    refs = list(dict.fromkeys(p.key for p in policies if p.key is not None))
    if not refs:
        return {}  # no key: `cryptography` is never imported
    from ecr_mirror.trust.keys import load_public_key

    keys: dict[KeyRef, PublicKey | TrustError] = {}
    for ref in refs:
        if ref.kind == "file":
            keys[ref] = TrustError(f"key {ref}: the function reads keys from awskms:/// or ssm: only, not files")
            continue
        try:
            keys[ref] = load_public_key(read_aws_key(ref, kms=kms, ssm=ssm), f"key {ref}")
        except MirrorError as exc:
            keys[ref] = exc if isinstance(exc, TrustError) else TrustError(f"key {ref}: {exc}")
    return keys


class FirstSeenTable:
    """First-seen times on the behind table's items, through a boto3 DynamoDB client."""

    def __init__(self, client: Any, table_name: str) -> None:
        self.client = client
        self.table = table_name

    def load(self) -> FirstSeen:
        state = FirstSeen()
        request: dict[str, Any] = {
            "TableName": self.table,
            "ProjectionExpression": "#s, first_seen_digest, first_seen",
            "ExpressionAttributeNames": {"#s": "source"},
            "FilterExpression": "attribute_exists(first_seen_digest)",
        }
        try:
            while True:
                page = self.client.scan(**request)
                for item in page.get("Items", []):
                    seen = Seen(item["first_seen_digest"]["S"], float(item["first_seen"]["N"]))
                    state.records[item["source"]["S"]] = seen
                if "LastEvaluatedKey" not in page:
                    return state
                request["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        except (ClientError, KeyError, ValueError) as exc:
            reason = aws_error(exc) if isinstance(exc, ClientError) else f"unexpected item ({exc})"
            log.warning("cannot read first-seen times from %s: %s; cooling-off counts from now", self.table, reason)
            return state

    def save(self, state: FirstSeen, results: Iterable[ImageResult]) -> None:
        """The sightings recorded this run, for images still behind (held or rejected): those mirrored need none."""
        now = time.time()
        for result in results:
            seen = state.records.get(result.source)
            if seen is None or result.source not in state.changed or not result.behind:
                continue
            try:
                self.client.update_item(
                    TableName=self.table,
                    Key={KEY: {"S": result.target}},
                    UpdateExpression=_UPDATE,
                    ExpressionAttributeNames={"#s": "source"},
                    ExpressionAttributeValues={
                        ":d": {"S": seen.digest},
                        ":t": {"N": repr(seen.since)},
                        ":s": {"S": result.source},
                        ":n": {"N": str(int(now))},
                    },
                )
            except ClientError as exc:
                log.warning("cannot record the first sighting of %s: %s", result.target, aws_error(exc))


def first_seen_table(environ: Mapping[str, str] | None = None) -> FirstSeenTable | None:
    """The behind table named by the stack's environment, if any (a stack from before it has none)."""
    name = (os.environ if environ is None else environ).get(ENV_BEHIND_TABLE)
    return FirstSeenTable(boto3.client("dynamodb"), name) if name else None


def trusted_root_file(parameter: str, *, ssm: Any = None, directory: str | None = None) -> str:
    """A newer Sigstore trusted_root.json kept in SSM (for when Sigstore rotates), written to a file for the
    verifier. Raises TrustError naming the parameter: keyless policies must not fall back to another root."""
    try:
        answer = (ssm or boto3.client("ssm")).get_parameter(Name=parameter, WithDecryption=True)
    except ClientError as exc:
        raise TrustError(f"trusted root parameter {parameter}: {aws_error(exc)}") from exc
    fd, path = tempfile.mkstemp(prefix="trusted_root.", suffix=".json", dir=directory)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(str(answer["Parameter"]["Value"]))
    return path


def worker_trust(policies: tuple[Policy, ...], environ: Mapping[str, str] | None = None) -> TrustContext:
    """A fan-out worker's context: the signature parts of its item's policies (the planner judged the age)."""
    root_parameter = (os.environ if environ is None else environ).get(ENV_TRUSTED_ROOT)
    keyless = any(p.identity is not None for p in policies)
    root = trusted_root_file(root_parameter) if root_parameter and keyless else None
    return TrustContext(keys=load_keys(policies), record=False, trusted_root=root)


def trust_context(
    images: ImageList,
    table: FirstSeenTable | None,
    *,
    dry_run: bool,
    environ: Mapping[str, str] | None = None,
) -> TrustContext:
    env = os.environ if environ is None else environ
    policies = list_policies(images)
    keys = load_keys(policies) if any(p.key is not None for p in policies) else {}
    needs_state = table is not None and any(p.min_age is not None for p in policies)
    first_seen = table.load() if needs_state and table is not None else FirstSeen()
    root_parameter = env.get(ENV_TRUSTED_ROOT)
    root = None
    if root_parameter and any(p.identity is not None for p in policies):
        root = trusted_root_file(root_parameter)
    return TrustContext(keys=keys, first_seen=first_seen, record=not dry_run, trusted_root=root)
