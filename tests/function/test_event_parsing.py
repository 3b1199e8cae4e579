"""The invocation event, parsed without I/O: what each trigger asks for, and each refusal's whole message (a user
reads it in the console's error and fixes the event from it)."""

from __future__ import annotations

from typing import Any

import pytest

from ecr_mirror.function.events import DEFAULT_CONCURRENCY, EventError, Request, parse_event

from .helpers import PARAMETER, PARAMETER_CHANGE_EVENT, SCHEDULED_EVENT

ONE_REFERENCE = "must be one image reference, without newlines or '#'"


def test_each_trigger_is_named_and_a_manual_event_keeps_its_defaults() -> None:
    assert parse_event(None) == Request("manual")
    assert parse_event({}) == Request("manual", None, False, 4, None, False)
    assert DEFAULT_CONCURRENCY == 4
    assert parse_event(SCHEDULED_EVENT) == Request("schedule")
    assert parse_event(PARAMETER_CHANGE_EVENT) == Request("parameter-change", changed_parameter=PARAMETER)
    # A change event whose name is not text still starts a parameter-change run, naming no parameter.
    odd = {**PARAMETER_CHANGE_EVENT, "detail": {"name": 7}}
    assert parse_event(odd) == Request("parameter-change", changed_parameter=None)
    # Another EventBridge event is named by its detail-type; an SSM event without a detail object too.
    other = {"source": "aws.ssm", "detail-type": "Parameter Store Policy Action", "detail": "x"}
    assert parse_event(other) == Request("Parameter Store Policy Action")
    assert parse_event({**SCHEDULED_EVENT, "source": "aws.ssm"}) == Request("schedule")
    custom = {"source": "my.app", "detail-type": "Mirror Now", "detail": {"name": PARAMETER}}
    assert parse_event(custom) == Request("Mirror Now")
    # Only an event with both keys is EventBridge's: either alone is a manual event with an unknown key.
    with pytest.raises(EventError, match=r"^unknown event key\(s\) 'source';"):
        parse_event({"source": "aws.events"})
    with pytest.raises(EventError, match=r"^unknown event key\(s\) 'detail-type';"):
        parse_event({"detail-type": "Scheduled Event"})


def test_a_manual_event_carries_its_images_dry_run_concurrency_and_fanout() -> None:
    request = parse_event({"images": ["alpine:3.20", "busybox"], "dry_run": True, "concurrency": 2})
    assert request == Request("manual", images=("alpine:3.20", "busybox"), dry_run=True, concurrency=2)
    assert parse_event({"images": ["alpine:3.20"]}).images == ("alpine:3.20",)
    assert parse_event({"dry_run": False, "fanout": False}) == Request("manual")
    assert parse_event({"fanout": True, "dry_run": True}) == Request("manual", dry_run=True, fanout=True)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            "alpine:3.20",
            "the event must be a JSON object, not a string",
        ),
        (7, "the event must be a JSON object, not a number"),
        (2.5, "the event must be a JSON object, not a number"),
        (True, "the event must be a JSON object, not a boolean"),
        ([], "the event must be a JSON object, not a list"),
        (b"x", "the event must be a JSON object, not bytes"),
        (
            {"image": ["alpine:3.20"], "dryrun": True},
            "unknown event key(s) 'dryrun', 'image'; accepted keys: images, dry_run, concurrency, fanout "
            "(or an empty event {} to mirror the image list parameter)",
        ),
        ({"dry_run": None}, "event key 'dry_run' must be true or false, not null"),
        ({"dry_run": 1}, "event key 'dry_run' must be true or false, not a number"),
        ({"dry_run": {}}, "event key 'dry_run' must be true or false, not an object"),
        ({"fanout": []}, "event key 'fanout' must be true or false, not a list"),
        ({"fanout": 1}, "event key 'fanout' must be true or false, not a number"),
        (
            {"fanout": True, "images": ["alpine:3.20"]},
            "event key 'fanout' applies to the image list parameter; 'images' always runs inline",
        ),
        ({"images": None}, "event key 'images' must be a list of image references, not null"),
        ({"images": {"a": 1}}, "event key 'images' must be a list of image references, not an object"),
        ({"images": []}, "event key 'images' is an empty list; leave it out to mirror the image list parameter"),
        ({"images": ["alpine"] * 1001}, "event key 'images' holds 1001 references; the limit is 1000"),
        ({"images": ["alpine", None]}, "event key 'images'[1] must be a string, not null"),
        ({"images": ["alpine", "busybox", True]}, "event key 'images'[2] must be a string, not a boolean"),
        ({"images": ["alpine", ["x"]]}, "event key 'images'[1] must be a string, not a list"),
        ({"images": ["alpine\rbusybox"]}, f"event key 'images'[0] {ONE_REFERENCE}"),
        ({"images": ["a", "alpine # note"]}, f"event key 'images'[1] {ONE_REFERENCE}"),
        ({"images": ["a", "b\nc"]}, f"event key 'images'[1] {ONE_REFERENCE}"),
        ({"concurrency": 0}, "event key 'concurrency' must be a whole number from 1 to 16, got 0"),
        ({"concurrency": 17}, "event key 'concurrency' must be a whole number from 1 to 16, got 17"),
        ({"concurrency": False}, "event key 'concurrency' must be a whole number from 1 to 16, got False"),
        ({"concurrency": "2"}, "event key 'concurrency' must be a whole number from 1 to 16, got '2'"),
        ({"concurrency": None}, "event key 'concurrency' must be a whole number from 1 to 16, got None"),
    ],
)
def test_each_refusal_names_the_key_and_what_it_got(event: Any, message: str) -> None:
    with pytest.raises(EventError) as caught:
        parse_event(event)
    assert str(caught.value) == message


def test_the_limits_are_inclusive() -> None:
    assert parse_event({"concurrency": 1}).concurrency == 1
    assert parse_event({"concurrency": 16}).concurrency == 16
    images = parse_event({"images": [f"alpine:{n}" for n in range(1000)]}).images
    assert images is not None and len(images) == 1000 and images[999] == "alpine:999"
