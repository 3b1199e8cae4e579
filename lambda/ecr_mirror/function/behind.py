"""Since when each entry has been behind upstream, kept across runs in a DynamoDB table of the stack's.

Why a table: the function keeps no state between runs, and "behind since" must survive them. Only entries that
are behind have an item (key: the target reference), so the table stays as small as the problem: a warm mirror
holds no item, and a run reads it with one Scan page. An SSM parameter (8 KB) could not hold a first deploy's
2,000 entries, and ECR repository tags would cost an API call per repository per run.

A failed, deferred or (in a dry run) would-be-copied entry is behind once both registries answered its check;
copied or skipped ones are not. An entry not checked (time budget, a registry down, the source tag not found) is
neither: its item, if any, is kept as it is, and nothing is recorded from a guess. Dry runs read the table and
never write it. Trouble with the table is logged and never fails the run: "since" then starts now.

The item also keeps `announced`, the outcome and upstream digest of the last Held or Rejected event the bus
accepted for it (function/image_events.py), so a held image is announced once, not every run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import ClientError

from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.mirror.report import ImageResult

log = logging.getLogger(__name__)

KEY = "target"


@dataclass(frozen=True)
class BehindEntry:
    result: ImageResult
    since: float

    def to_dict(self, now: float) -> dict[str, Any]:
        return {
            "source": self.result.source,
            "target": self.result.target,
            "status": str(self.result.status),
            "upstream_digest": self.result.upstream_digest,
            "mirror_digest": self.result.previous_digest,
            "since": datetime.fromtimestamp(self.since, UTC).isoformat(timespec="seconds"),
            "behind_seconds": max(0, int(now - self.since)),
        }


@dataclass
class BehindState:
    now: float
    entries: list[BehindEntry] = field(default_factory=list)
    announced: dict[str, str] = field(default_factory=dict)  # target -> gate mark last announced (as loaded)

    @property
    def oldest_seconds(self) -> int:
        return max((max(0, int(self.now - e.since)) for e in self.entries), default=0)

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict(self.now) for e in sorted(self.entries, key=lambda e: e.since)]


class BehindLedger:
    """The table `table_name` through a boto3 DynamoDB client."""

    def __init__(self, client: Any, table_name: str, clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.table = table_name
        self.clock = clock

    def update(self, results: Iterable[ImageResult], *, write: bool, complete: bool) -> BehindState:
        """Record this run's results. `complete`: the run covered the whole list, so items of entries no longer
        listed are dropped too. Returns every behind entry of this run with the time it was first seen behind."""
        now = self.clock()
        known, announced = self._load()
        state = BehindState(now=now, announced=announced)
        seen: set[str] = set()
        for result in results:
            seen.add(result.target)
            if result.behind:
                since = known.get(result.target)
                if since is None and write:
                    self._put(result, now)
                state.entries.append(BehindEntry(result, since if since is not None else now))
            elif result.checked and result.target in known and write:  # not checked: still unknown, kept
                self._delete(result.target)
        if write and complete:
            for target in known.keys() - seen:
                self._delete(target)
        return state

    def record_announced(self, marks: dict[str, str]) -> None:
        """Keep on each entry's item the gate outcome the bus accepted (only on items that exist: a mirrored
        image's item is gone, and with it what was announced)."""
        for target, mark in marks.items():
            try:
                self.client.update_item(
                    TableName=self.table,
                    Key={KEY: {"S": target}},
                    UpdateExpression="SET announced = :m",
                    ConditionExpression="attribute_exists(#k)",
                    ExpressionAttributeNames={"#k": KEY},
                    ExpressionAttributeValues={":m": {"S": mark}},
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                    log.warning("cannot record what was announced for %s: %s", target, aws_error(exc))

    def _load(self) -> tuple[dict[str, float], dict[str, str]]:
        known: dict[str, float] = {}
        announced: dict[str, str] = {}
        request: dict[str, Any] = {"TableName": self.table, "ProjectionExpression": "#k, since, announced"}
        request["ExpressionAttributeNames"] = {"#k": KEY}
        try:
            while True:
                page = self.client.scan(**request)
                for item in page.get("Items", []):
                    known[item[KEY]["S"]] = float(item["since"]["N"])
                    if "S" in item.get("announced", {}):
                        announced[item[KEY]["S"]] = item["announced"]["S"]
                if "LastEvaluatedKey" not in page:
                    return known, announced
                request["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        except ClientError as exc:
            log.warning("cannot read the behind table %s: %s; counting from now", self.table, aws_error(exc))
            return known, announced

    def _put(self, result: ImageResult, now: float) -> None:
        item = {KEY: {"S": result.target}, "since": {"N": str(int(now))}, "source": {"S": result.source}}
        try:
            # Only the first sighting counts: a concurrent run must not move "since" forward.
            self.client.put_item(
                TableName=self.table,
                Item=item,
                ConditionExpression="attribute_not_exists(#k)",
                ExpressionAttributeNames={"#k": KEY},
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                log.warning("cannot record %s as behind: %s", result.target, aws_error(exc))

    def _delete(self, target: str) -> None:
        try:
            self.client.delete_item(TableName=self.table, Key={KEY: {"S": target}})
        except ClientError as exc:
            log.warning("cannot clear %s from the behind table: %s", target, aws_error(exc))
