"""`Mirrored Image Held` and `Mirrored Image Rejected` once per upstream digest and outcome, not once per run: a
schedule every hour must not announce the same held image 168 times over a week's minAge. The behind table keeps
what was announced; an event the bus refused is sent again on the next run."""

from __future__ import annotations

from collections.abc import Callable

import boto3
import pytest

from ecr_mirror.function.after_run import ENV_EVENT_BUS
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import generate_key, public_pem, push_cosign_signature

from .conftest import EventReader, Invoke
from .helpers import SCHEDULED_EVENT, emf_metrics

KEY_PARAMETER = "/ecr-mirror/keys/team"
LIST = f"policies:\n  team: {{key: 'ssm:{KEY_PARAMETER}'}}\nimages:\n  - {{source: app:1, policy: team}}\n"


def _team_key() -> None:
    boto3.client("ssm").put_parameter(
        Name=KEY_PARAMETER, Value=public_pem(generate_key("p256")).decode(), Type="String"
    )


def test_a_held_image_is_announced_once_per_digest_and_again_when_its_digest_or_outcome_changes(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    behind_table: str,
    gate_events: EventReader,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(hub.host, ecr_registry.host)
    _team_key()
    first = push_image(hub, "library/app", oci_image(seed="app-1"), tags=["1"]).digest
    put_list(LIST)

    (image,) = invoke(SCHEDULED_EVENT)["images"]
    assert image["status"] == "held"
    assert [(e["type"], e["upstream_digest"]) for e in gate_events()] == [("Mirrored Image Held", first)]

    capsys.readouterr()
    for _ in range(2):  # still held, same digest: counted in the metric, not announced again
        (image,) = invoke(SCHEDULED_EVENT)["images"]
        assert image["status"] == "held" and emf_metrics(capsys.readouterr().out)["ImagesHeld"] == 1
        assert gate_events() == []

    second = push_image(hub, "library/app", oci_image(seed="app-2"), tags=["1"]).digest
    (image,) = invoke(SCHEDULED_EVENT)["images"]
    assert image["status"] == "held"
    assert [(e["type"], e["upstream_digest"]) for e in gate_events()] == [("Mirrored Image Held", second)]

    push_cosign_signature(hub, "library/app", second, generate_key("p256"))  # signed, by someone else
    (image,) = invoke(SCHEDULED_EVENT)["images"]
    assert image["status"] == "rejected"
    assert [(e["type"], e["upstream_digest"]) for e in gate_events()] == [("Mirrored Image Rejected", second)]
    (image,) = invoke(SCHEDULED_EVENT)["images"]
    assert image["status"] == "rejected" and gate_events() == []


def test_an_announcement_the_bus_refused_is_sent_on_the_next_run(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    behind_table: str,
    gate_events: EventReader,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    function_env(hub.host, ecr_registry.host)
    _team_key()
    digest = push_image(hub, "library/app", oci_image(seed="app-1"), tags=["1"]).digest
    put_list(LIST)
    monkeypatch.setenv(ENV_EVENT_BUS, "no-such-bus")

    out = invoke(SCHEDULED_EVENT)
    assert out["images"][0]["status"] == "held" and out["image_events"] == {"sent": 0, "failed": 1}

    monkeypatch.setenv(ENV_EVENT_BUS, "default")
    out = invoke(SCHEDULED_EVENT)
    assert out["image_events"] == {"sent": 1, "failed": 0}
    assert [(e["type"], e["upstream_digest"]) for e in gate_events()] == [("Mirrored Image Held", digest)]
    assert invoke(SCHEDULED_EVENT)["image_events"] == {"sent": 0, "failed": 0}


def test_without_a_behind_table_each_run_announces_what_it_holds(
    hub: LocalRegistry,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    gate_events: EventReader,
) -> None:
    function_env(hub.host, ecr_registry.host)
    _team_key()
    push_image(hub, "library/app", oci_image(seed="app-1"), tags=["1"])
    put_list(LIST)
    for _ in range(2):  # nothing to remember with: at least once, as before
        invoke(SCHEDULED_EVENT)
        assert [e["type"] for e in gate_events()] == ["Mirrored Image Held"]
