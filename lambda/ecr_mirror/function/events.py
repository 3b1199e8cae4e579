"""What the function was asked to do, from its event (pure, no I/O).

    EventBridge schedule       {"source": "aws.events", "detail-type": "Scheduled Event", ...}
    image-list parameter edit  {"source": "aws.ssm", "detail-type": "Parameter Store Change", "detail": {"name": ...}}
    manual (console, CLI)      {} or {"images": ["alpine:3.20"], "dry_run": true, "concurrency": 2}
                               or {"fanout": true}: send the work to the queue even when it would fit inline

A manual event with an unknown key or a wrong type fails with an EventError naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ecr_mirror.errors import MirrorError

MANUAL_KEYS = ("images", "dry_run", "concurrency", "fanout")
MAX_IMAGES = 1000
MAX_CONCURRENCY = 16
DEFAULT_CONCURRENCY = 4


class EventError(MirrorError, ValueError):
    """The invocation event is not one the function accepts; the message names the key."""


@dataclass(frozen=True)
class Request:
    trigger: str  # "schedule", "parameter-change", "manual" or the EventBridge detail-type
    images: tuple[str, ...] | None = None  # manual override of the image list parameter
    dry_run: bool = False
    concurrency: int = DEFAULT_CONCURRENCY
    changed_parameter: str | None = None  # from a Parameter Store Change event
    fanout: bool = False  # force the work queue (when the stack has one)


def parse_event(event: object) -> Request:
    if event is None:
        return Request("manual")
    if not isinstance(event, Mapping):
        raise EventError(f"the event must be a JSON object, not {_json_type(event)}")
    if "detail-type" in event and "source" in event:
        return _eventbridge(event)
    return _manual(event)


def _eventbridge(event: Mapping[str, Any]) -> Request:
    kind = str(event["detail-type"])
    if kind == "Scheduled Event":
        return Request("schedule")
    detail = event.get("detail")
    if event["source"] == "aws.ssm" and isinstance(detail, Mapping):
        name = detail.get("name")
        return Request("parameter-change", changed_parameter=name if isinstance(name, str) else None)
    return Request(kind)


def _manual(event: Mapping[str, Any]) -> Request:
    unknown = sorted(str(k) for k in event if k not in MANUAL_KEYS)
    if unknown:
        raise EventError(
            f"unknown event key(s) {', '.join(map(repr, unknown))}; accepted keys: {', '.join(MANUAL_KEYS)} "
            "(or an empty event {} to mirror the image list parameter)"
        )
    dry_run = event.get("dry_run", False)
    if not isinstance(dry_run, bool):
        raise EventError(f"event key 'dry_run' must be true or false, not {_json_type(dry_run)}")
    fanout = event.get("fanout", False)
    if not isinstance(fanout, bool):
        raise EventError(f"event key 'fanout' must be true or false, not {_json_type(fanout)}")
    if fanout and "images" in event:
        raise EventError("event key 'fanout' applies to the image list parameter; 'images' always runs inline")
    return Request(
        "manual",
        images=_images(event["images"]) if "images" in event else None,
        dry_run=dry_run,
        concurrency=_concurrency(event.get("concurrency", DEFAULT_CONCURRENCY)),
        fanout=fanout,
    )


def _images(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise EventError(f"event key 'images' must be a list of image references, not {_json_type(value)}")
    if not value:
        raise EventError("event key 'images' is an empty list; leave it out to mirror the image list parameter")
    if len(value) > MAX_IMAGES:
        raise EventError(f"event key 'images' holds {len(value)} references; the limit is {MAX_IMAGES}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise EventError(f"event key 'images'[{index}] must be a string, not {_json_type(item)}")
        if "\n" in item or "\r" in item or "#" in item:
            raise EventError(f"event key 'images'[{index}] must be one image reference, without newlines or '#'")
    return tuple(value)


def _concurrency(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CONCURRENCY:
        raise EventError(f"event key 'concurrency' must be a whole number from 1 to {MAX_CONCURRENCY}, got {value!r}")
    return value


def _json_type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
