"""`--deadline DURATION` on copy and sync: the run stops in time, unfinished images are deferred and untagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.arguments import duration
from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from tests.support.proxy import Action, InterposingProxy, Seen

STALL = 120.0  # far longer than the deadline: only the deadline can end the run in time


def _stall_blobs(seen: Seen) -> Action | None:
    if seen.method == "GET" and "/blobs/sha256:" in seen.path:
        return Action(stall_after=512, stall=STALL)
    return None


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("10m", 600), ("1h", 3600), ("45", 45), ("1.5", 1.5), ("1h30m", 5400), ("2m30s", 150),
     ("1h0m5s", 3605), ("1H30M", 5400), ("0.5h", 1800)],
)  # fmt: skip
def test_durations(text: str, seconds: float) -> None:
    assert duration(text) == seconds


@pytest.mark.parametrize("bad", ["5x", "-3", "", "m", "30m1h", "1h 30m", "1h30", "ten", "h"])
def test_a_bad_deadline_is_a_usage_error_naming_it(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["copy", "alpine:3.20", "127.0.0.1:5000/m/alpine", "--deadline", bad])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--deadline" in err and repr(bad) in err and "1h30m" in err


def test_copy_with_a_deadline_defers_the_unfinished_image_and_tags_nothing(
    source_registry: LocalRegistry, target_registry: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    push_image(source_registry, "lib/slow", oci_image(layers=(256 * 1024,), seed="cli-deadline"), tags=["1"])
    with InterposingProxy(source_registry.host) as source:
        source.rules.append(_stall_blobs)
        argv = ["copy", f"{source.host}/lib/slow:1", f"{target_registry.host}/m/slow:1", "--plain-http", "--json"]
        code = main([*argv, "--deadline", "1s"])

    out, err = capsys.readouterr()
    (image,) = json.loads(out)["images"]
    assert image["status"] == "deferred", image
    assert "run deadline reached" in image["detail"]
    assert code == 0, err  # as for any deferred image: nothing failed, the next run goes on
    assert target_registry.request_counts()[("PUT", "manifest")] == 0


def test_sync_with_a_spent_deadline_defers_every_image(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    push_image(source_registry, "lib/a", oci_image(seed="cli-deadline-a"), tags=["1"])
    images = tmp_path / "images.txt"
    images.write_text(f"{source_registry.host}/lib/a:1\n")

    code = main(
        ["sync", "--images", str(images), "--to", target_registry.host, "--plain-http", "--json", "--deadline", "0"]
    )

    report = json.loads(capsys.readouterr().out)
    assert [i["status"] for i in report["images"]] == ["deferred"]
    assert code == 0


def test_a_compound_deadline_is_taken_on_the_command_line(
    source_registry: LocalRegistry, target_registry: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    push_image(source_registry, "lib/a", oci_image(seed="cli-deadline-compound"), tags=["1"])
    argv = ["copy", f"{source_registry.host}/lib/a:1", f"{target_registry.host}/m/a:1", "--plain-http", "--json"]
    assert main([*argv, "--deadline", "1h30m"]) == 0
    assert [i["status"] for i in json.loads(capsys.readouterr().out)["images"]] == ["copied"]
