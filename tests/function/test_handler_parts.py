"""The planner's handler (function/handler.py) with the engine replaced by a recorder (moto for AWS): which list it
runs and how it names it, the engine call it makes (target, options, the work queue only for a scheduled run),
what it returns (report, trigger, list problems, behind entries, events), and the first sightings it saves.
The whole path against registries: test_handler_runs.py and the other test_handler_* files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest

from ecr_mirror.errors import ConfigError
from ecr_mirror.function import handler as function_handler
from ecr_mirror.function import trust_state
from ecr_mirror.function.environment import ENV_WORK_QUEUE
from ecr_mirror.function.events import Request
from ecr_mirror.function.image_lists import LoadedList, Problem, merge_lists
from ecr_mirror.mirror.report import ImageResult, Report, Status

from .conftest import Invoke
from .helpers import ECR_HOST, PARAMETER, PARAMETER_CHANGE_EVENT, SCHEDULED_EVENT, FakeContext, log_records

pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning")
NOWHERE = "127.0.0.1:9"


class Engine:
    """mirror_list and plan_and_run recorded; every listed entry reported failed (checked: behind)."""

    def __init__(self) -> None:
        self.inline: list[tuple[Any, str, Any]] = []
        self.planned: list[dict[str, Any]] = []
        self.inline_stores: list[Any] = []

    def _report(self, images: Any) -> Report:
        results = []
        for entry in images.entries:
            result = ImageResult(str(entry.source), f"{ECR_HOST}/mirror/{entry.text}", Status.FAILED, error="x")
            result.checked = True
            results.append(result)
        return Report(results, rate_limit_remaining=12)

    async def mirror_list(self, images: Any, target: str, store: Any, options: Any) -> Report:
        self.inline.append((images, target, options))
        self.inline_stores.append(store)
        return self._report(images)

    def plan_and_run(
        self, images: Any, target: str, store: Any, options: Any, settings: Any, sqs: Any, **kw: Any
    ) -> Report:
        self.planned.append(
            {"target": target, "options": options, "settings": settings, "sqs": sqs, "store": store, **kw}
        )
        return self._report(images)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch, function_env: Callable[[str, str], None]) -> Engine:
    function_env(NOWHERE, NOWHERE)
    recorder = Engine()
    monkeypatch.setattr(function_handler, "mirror_list", recorder.mirror_list)
    monkeypatch.setattr(function_handler, "plan_and_run", recorder.plan_and_run)
    return recorder


def test_a_scheduled_run_mirrors_the_parameter_under_the_prefix_and_returns_the_whole_report(
    engine: Engine, put_list: Callable[[str], None], invoke: Invoke, capsys: pytest.CaptureFixture[str]
) -> None:
    put_list("alpine:3.20\nNot An Image\n")
    out = invoke(SCHEDULED_EVENT, FakeContext(remaining_ms=[600_000]))
    ((images, target, options),) = engine.inline
    assert target == f"{ECR_HOST}/mirror"
    assert [e.text for e in images.entries] == ["alpine:3.20"]
    assert (options.image_concurrency, options.dry_run, options.deadline) == (4, False, 570.0)
    assert options.trust is not None and options.trust.record is True
    assert options.create_repository.client.meta.service_model.service_name == "ecr"  # creates through ECR
    (store,) = engine.inline_stores
    assert ECR_HOST in store  # logged in to the account's registry
    assert out["trigger"] == "schedule" and out["dry_run"] is False
    assert out["image_list"] == f"SSM parameter {PARAMETER}"
    assert out["target"] == f"{ECR_HOST}/mirror"
    (error,) = out["list_errors"]
    assert set(error) == {"list", "line", "text", "reason"}
    assert (error["list"], error["line"], error["text"]) == (f"SSM parameter {PARAMETER}", 2, "Not An Image")
    assert out["list_warnings"] == []
    assert [i["status"] for i in out["images"]] == ["failed"]
    assert out["rate_limit_remaining"] == 12
    assert [e["target"] for e in out["behind"]] == [f"{ECR_HOST}/mirror/alpine:3.20"]
    assert out["image_events"] == {"sent": 0, "failed": 0}
    records = log_records(capsys.readouterr().out)
    invoked = next(r for r in records if r["message"] == "invoked")
    assert (invoked["trigger"], invoked["dry_run"]) == ("schedule", False)
    rejected = [r for r in records if r["message"] == "image list entry rejected"]
    assert [(r["list"], r["line"], r["level"]) for r in rejected] == [(f"SSM parameter {PARAMETER}", 2, "ERROR")]
    (redirect,) = [r for r in records if r["message"] == "ECR_MIRROR_ENDPOINTS redirects registries (tests, lab)"]
    assert redirect["level"] == "WARNING" and redirect["endpoints"] == {"docker.io": NOWHERE, ECR_HOST: NOWHERE}


def test_a_manual_run_of_the_events_images_is_a_dry_run_when_asked_with_its_concurrency(
    engine: Engine, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_WORK_QUEUE, "https://sqs/work.fifo")  # the console's images never queue
    capsys.readouterr()
    out = invoke({"images": ["busybox:1.36", "busybox:1.36"], "dry_run": True, "concurrency": 3})
    (ignored,) = [r for r in log_records(capsys.readouterr().out) if r["message"] == "image list entry ignored"]
    assert (ignored["level"], ignored["list"], ignored["line"], ignored["text"]) == (
        "WARNING",
        "event key 'images'",
        2,
        "busybox:1.36",
    )
    ((images, _, options),) = engine.inline
    assert engine.planned == []
    assert [e.text for e in images.entries] == ["busybox:1.36"]
    assert (options.image_concurrency, options.dry_run) == (3, True)
    assert options.trust is not None and options.trust.record is False
    assert out["image_list"] == "event key 'images'"
    (warning,) = out["list_warnings"]
    assert (warning["list"], warning["line"]) == ("event key 'images'", 2)
    assert out["dry_run"] is True


def test_with_a_work_queue_a_scheduled_run_plans_under_the_request_id_and_a_dry_run_stays_inline(
    engine: Engine, put_list: Callable[[str], None], invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_WORK_QUEUE, "https://sqs/work.fifo")
    put_list("alpine:3.20\n")
    context = FakeContext(aws_request_id="req-42")
    invoke({"fanout": True}, context)
    (call,) = engine.planned
    assert (call["force"], call["plan_id"], call["target"]) == (True, "req-42", f"{ECR_HOST}/mirror")
    assert call["sqs"].meta.service_model.service_name == "sqs"
    assert ECR_HOST in call["store"]
    assert call["options"].trust is not None and call["options"].image_concurrency == 4
    assert call["settings"].work_queue_url == "https://sqs/work.fifo"
    invoke(SCHEDULED_EVENT)
    assert engine.planned[1]["force"] is False
    invoke({"dry_run": True})
    assert len(engine.planned) == 2 and len(engine.inline) == 1


def test_a_list_of_only_errors_runs_no_engine_and_reports_them(
    engine: Engine, put_list: Callable[[str], None], invoke: Invoke
) -> None:
    put_list("Not An Image\n")
    out = invoke(SCHEDULED_EVENT)
    assert engine.inline == [] and engine.planned == []
    assert out["images"] == [] and len(out["list_errors"]) == 1


def test_an_event_list_naming_no_image_fails_without_the_put_parameter_fix(engine: Engine, invoke: Invoke) -> None:
    with pytest.raises(ConfigError) as caught:
        invoke({"images": [" "]})
    assert str(caught.value) == (
        "event key 'images' names no images: write one image reference per line (e.g. alpine:3.20)"
    )


def test_a_parameter_naming_no_image_fails_with_the_put_parameter_fix(
    engine: Engine, put_list: Callable[[str], None], invoke: Invoke
) -> None:
    put_list("# nothing yet\n")
    with pytest.raises(ConfigError) as caught:
        invoke(SCHEDULED_EVENT)
    assert str(caught.value) == (
        f"SSM parameter {PARAMETER} names no images: write one image reference per line (e.g. alpine:3.20): "
        f"aws ssm put-parameter --name {PARAMETER} --type String --overwrite --tier Intelligent-Tiering "
        "--value file://images.txt"
    )


def test_a_change_event_for_another_parameter_is_logged_and_the_list_still_runs(
    engine: Engine,
    put_list: Callable[[str], None],
    invoke: Invoke,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    put_list("alpine:3.20\n")
    monkeypatch.setenv("ECR_MIRROR_IMAGES_PATH", "/teams/")

    def changed(name: str) -> list[dict[str, Any]]:
        capsys.readouterr()
        invoke({**PARAMETER_CHANGE_EVENT, "detail": {"name": name}})
        records = log_records(capsys.readouterr().out)
        return [r for r in records if r["message"] == "change event names another parameter"]

    boto3.client("ssm").put_parameter(Name="/teams/a", Value="busybox:1.36\n", Type="String")
    (other,) = changed("/elsewhere")
    images = engine.inline[-1][0]
    assert [e.text for e in images.entries] == ["alpine:3.20", "busybox:1.36"]  # the path's lists are read too
    assert other["event_parameter"] == "/elsewhere" and other["level"] == "WARNING"
    assert changed(PARAMETER) == []
    assert changed("/teams/a") == []
    assert len(engine.inline) == 3


def test_first_sightings_are_saved_only_when_recorded_and_changed(
    engine: Engine, put_list: Callable[[str], None], invoke: Invoke, behind_table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_list("policies:\n  cooling: {minAge: 1h}\nimages:\n  - {source: alpine:3.20, policy: cooling}\n")
    saved: list[int] = []

    def save(self: Any, state: Any, results: Any) -> None:
        saved.append(len(list(results)))

    monkeypatch.setattr(trust_state.FirstSeenTable, "save", save)
    invoke(SCHEDULED_EVENT)
    assert saved == []  # the recorder judged nothing: no sighting changed

    async def judging(images: Any, target: str, store: Any, options: Any) -> Report:
        options.trust.first_seen.since("docker.io/library/alpine:3.20", "sha256:" + "1" * 64, 1.0)
        return await engine.mirror_list(images, target, store, options)

    monkeypatch.setattr(function_handler, "mirror_list", judging)
    invoke(SCHEDULED_EVENT)
    assert saved == [1]
    invoke({"dry_run": True})  # a dry run records nothing
    assert saved == [1]
    assert boto3.client("dynamodb").scan(TableName=behind_table)["Count"] == 1


def test_the_return_value_and_each_list_line() -> None:
    loaded = merge_lists("o", [("list A", "alpine:3.20\nNot An Image\nalpine:3.20\n")])
    report = Report([ImageResult("s", "t", Status.SKIPPED)])
    out = function_handler.result(Request("manual", dry_run=True), loaded, report, "host/mirror")
    assert out == {
        **report.to_dict(),
        "trigger": "manual",
        "dry_run": True,
        "image_list": "o",
        "target": "host/mirror",
        "list_errors": [
            {"list": "list A", "line": 2, "text": "Not An Image", "reason": loaded.errors[0].error.message}
        ],
        "list_warnings": [
            {"list": "list A", "line": 3, "text": "alpine:3.20", "reason": loaded.warnings[0].error.message}
        ],
    }
    assert isinstance(loaded, LoadedList) and isinstance(loaded.errors[0], Problem)
