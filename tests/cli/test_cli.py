"""The command line in-process: exit statuses, the JSON report, progress lines, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.lab.skopeo import inspect_digest, inspect_raw


def test_copy_prints_json_report_and_exits_zero(
    seeded_registry: Seeded, target_registry: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    busybox = seeded_registry.images["library/busybox:1.36"]
    code = main(["copy", busybox.reference, f"{target_registry.host}/tools/busybox", "--plain-http", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    (image,) = report["images"]
    assert set(image) >= {"source", "target", "digest", "status", "error", "bytes"}
    assert image["status"] == "copied" and image["digest"] == busybox.digest and image["freshness"] == "current"
    assert image["target"].endswith("/tools/busybox:1.36")  # the source tag is kept when DST has none
    assert report["summary"] == {
        "copied": 1,
        "skipped": 0,
        "failed": 0,
        "deferred": 0,
        "behind": 0,
        "not_checked": 0,
        "bytes": image["bytes"],
    }
    assert image["bytes"] == busybox.blob_bytes
    assert inspect_digest(f"{target_registry.host}/tools/busybox:1.36") == busybox.digest
    assert "[1/1] copied" in err  # plain progress lines when stderr is not a terminal


def test_sync_reports_bad_lines_runs_the_rest_and_exits_two(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("# list\r\nalpine:3.20\r\nNOT_VALID\r\nbusybox:1.36\r\n")
    args = ["sync", "--images", str(images), "--to", f"{target_registry.host}/mirror", "--plain-http", "--json"]
    code = main([*args, "--registry-endpoint", f"docker.io={seeded_registry.registry.host}"])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{images}:3:" in err and "'NOT_VALID'" in err
    report = json.loads(out)
    assert [i["status"] for i in report["images"]] == ["copied", "copied"]
    alpine = seeded_registry.images["library/alpine:3.20"]
    assert inspect_digest(f"{target_registry.host}/mirror/docker-hub/library/alpine:3.20") == alpine.digest


def test_failed_image_exits_one(
    seeded_registry: Seeded, target_registry: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    src = f"{seeded_registry.registry.host}/library/busybox:does-not-exist"
    code = main(["copy", src, f"{target_registry.host}/x/busybox", "--plain-http"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "failed" in err and "does-not-exist" in err and "not found" in err
    assert "1 failed" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["copy", "Bad/Name", "localhost:5000/x"], "'Bad/Name'"),
        (["sync", "--images", "/nonexistent/images.txt", "--to", "localhost:5000/m"], "/nonexistent/images.txt"),
        (["sync", "--images", "README.md", "--to", "https://r.example.com"], "'https://r.example.com'"),
    ],
)
def test_usage_errors_name_the_input(argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert needle in capsys.readouterr().err


def test_bad_option_values_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["copy", "alpine", "localhost:5000/a", "--concurrency", "0"])
    assert exited.value.code == 2
    assert "'0' must be at least 1" in capsys.readouterr().err


def test_copy_with_platforms_and_referrers(
    source_registry: LocalRegistry, target_registry: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    index = oci_index(platforms=("linux/amd64", "linux/arm64/v8", "linux/s390x"), seed="cli-platforms")
    desc = push_image(source_registry, "lib/multi", index, tags=["1"])
    signature = artifacts.push_signature(source_registry, "lib/multi", index.manifests[0])  # amd64
    dst = f"{target_registry.host}/m/multi:1"
    argv = ["copy", desc.reference, dst, "--plain-http", "--json", "--platform", "linux/amd64", "--referrers"]
    code = main([*argv, "--platform", "linux/arm64"])
    out, err = capsys.readouterr()
    assert code == 0, err
    (image,) = json.loads(out)["images"]
    assert image["status"] == "copied" and image["digest"] != desc.digest  # a reduced index
    arches = sorted(m["platform"]["architecture"] for m in json.loads(inspect_raw(dst))["manifests"])
    assert "s390x" not in arches and {"amd64", "arm64"} <= set(arches)
    sig = f"{target_registry.host}/m/multi:{artifacts.cosign_tag(index.manifests[0].digest)}"
    assert inspect_digest(sig) == signature.digest


def test_a_malformed_platform_is_a_usage_error_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["copy", "alpine:3.20", "localhost:5000/x", "--platform", "linux"])
    assert exit_info.value.code == 2
    assert "'linux' is not os/arch[/variant]" in capsys.readouterr().err


def test_check_concurrency_defaults_to_the_planners_width_and_can_be_set() -> None:
    from ecr_mirror.cli.arguments import build_parser, options_from
    from ecr_mirror.mirror.run import CHECK_CONCURRENCY

    parser = build_parser()
    default = options_from(parser.parse_args(["sync", "--images", "list.txt", "--to", "127.0.0.1:5000"]))
    assert default.check_concurrency == CHECK_CONCURRENCY == 64
    narrow = parser.parse_args(["sync", "--images", "l.txt", "--to", "127.0.0.1:5000", "--check-concurrency", "3"])
    assert options_from(narrow).check_concurrency == 3
    with pytest.raises(SystemExit):
        parser.parse_args(["copy", "a", "b", "--check-concurrency", "0"])
