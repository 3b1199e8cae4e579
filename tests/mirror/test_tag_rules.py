"""Tag rules through the command line against the real registry: selection, pagination, dry-run reasons."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import list_tags
from tests.support.proxy import Action, InterposingProxy, Seen

PYTHON_TAGS = [
    "3.10-slim", "3.11-slim", "3.11.11-slim", "3.12-slim", "3.12.8-slim", "3.13-slim", "3.13.1-slim",
    "3.14.0rc1-slim", "3-slim", "latest", "slim", "3.13.1",
]  # fmt: skip
NGINX_TAGS = ["1.25.9", "1.26.0", "1.27", "1.27.3", "1.28.0-rc", "1.29.1", "mainline"]


def _seed(registry: LocalRegistry) -> None:
    push_image(registry, "library/python", oci_image(seed="rules-py"), tags=PYTHON_TAGS)
    push_image(registry, "library/nginx", oci_image(seed="rules-ng"), tags=NGINX_TAGS)


RULES = """\
images:
  - source: python
    tags: {semver: ">=3.11 <3.14", match: "*-slim", latest: 3}
  - source: nginx
    tags: {regex: '^1\\.2[6-9]\\.\\d+$', exclude: ['-rc']}
"""


def _sync(tmp_path: Path, source: str, target: LocalRegistry, *extra: str) -> int:
    images = tmp_path / "images.yaml"
    images.write_text(RULES)
    argv = ["sync", "--images", str(images), "--to", f"{target.host}/mirror", "--plain-http", "--json"]
    return main([*argv, "--registry-endpoint", f"docker.io={source}", *extra])


def test_dry_run_explains_every_choice_and_writes_nothing(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(source_registry)
    assert _sync(tmp_path, source_registry.host, target_registry, "--dry-run") == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    python_rule, nginx_rule = report["rules"]
    assert python_rule["selected"] == ["3.13-slim", "3.13.1-slim", "3.12-slim"]
    outside = python_rule["rejected"]["outside '>=3.11 <3.14'"]  # counted by reason, with examples
    assert outside["count"] == 2 and sorted(outside["examples"]) == ["3-slim", "3.10-slim"]
    assert python_rule["rejected"]["pre-release"] == {"count": 1, "examples": ["3.14.0rc1-slim"]}
    assert nginx_rule["selected"] == ["1.26.0", "1.27.3", "1.29.1"]
    ((why, regex),) = nginx_rule["rejected"].items()
    assert why.startswith("does not match regex")
    assert regex["count"] == 4  # 1.25.9, 1.27, 1.28.0-rc, mainline: three of them quoted
    assert len(regex["examples"]) == 3 and set(regex["examples"]) <= {"1.25.9", "1.27", "1.28.0-rc", "mainline"}
    assert [i["status"] for i in report["images"]] == ["planned"] * 6
    assert "rule at line 2: docker.io/library/python" in err
    assert "not 3.12.8-slim, 3.11-slim, 3.11.11-slim: older than the newest 3" in err
    assert not any(method in ("PUT", "POST") for method, _ in target_registry.request_counts())


def test_selected_tags_are_copied_and_nothing_else(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(source_registry)
    assert _sync(tmp_path, source_registry.host, target_registry) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["copied"] == 6
    prefix = f"{target_registry.host}/mirror/docker-hub/library"
    assert sorted(list_tags(f"{prefix}/python")) == ["3.12-slim", "3.13-slim", "3.13.1-slim"]
    assert sorted(list_tags(f"{prefix}/nginx")) == ["1.26.0", "1.27.3", "1.29.1"]
    counts = source_registry.request_counts()
    assert counts[("GET", "tags")] == 2  # one listing per repository, only for rules


def _paginate(registry: LocalRegistry, repo: str, page: int) -> Callable[[Seen], Action | None]:
    """Serve the real tag list in pages with Link headers (distribution 2.8 itself ignores `n`)."""
    tags = sorted(httpx.get(f"{registry.url}/v2/{repo}/tags/list").json()["tags"])

    def rule(seen: Seen) -> Action | None:
        parts = urlsplit(seen.path)
        if seen.method != "GET" or parts.path != f"/v2/{repo}/tags/list":
            return None
        last = parse_qs(parts.query).get("last", [""])[0]
        rest = [t for t in tags if t > last] if last else tags
        chunk, more = rest[:page], rest[page:]
        headers = {"Content-Type": "application/json"}
        if more:
            headers["Link"] = f'</v2/{repo}/tags/list?n={page}&last={chunk[-1]}>; rel="next"'
        return Action(status=200, body=json.dumps({"name": repo, "tags": chunk}).encode(), headers=headers)

    return rule


def test_tag_listing_follows_pagination(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(source_registry)
    with InterposingProxy(source_registry.host) as proxy:
        proxy.rules.append(_paginate(source_registry, "library/python", 4))
        proxy.rules.append(_paginate(source_registry, "library/nginx", 4))
        assert _sync(tmp_path, proxy.host, target_registry, "--dry-run") == 0
        listings = proxy.requests("GET", "/tags/list")
    report = json.loads(capsys.readouterr().out)
    assert report["rules"][0]["selected"] == ["3.13-slim", "3.13.1-slim", "3.12-slim"]
    rejected = sum(group["count"] for group in report["rules"][0]["rejected"].values())
    assert len(report["rules"][0]["selected"]) + rejected == len(PYTHON_TAGS)
    assert len([r for r in listings if "library/python" in r.path]) == 3  # 12 tags in pages of 4
    assert len([r for r in listings if "library/nginx" in r.path]) == 2


def test_rule_on_an_unknown_repository_is_reported_and_the_rest_runs(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    push_image(source_registry, "library/busybox", oci_image(seed="rules-bb"), tags=["1.36"])
    images = tmp_path / "images.yaml"
    images.write_text("images:\n  - busybox:1.36\n  - source: nosuch\n    tags: {latest: 2}\n")
    argv = ["sync", "--images", str(images), "--to", f"{target_registry.host}/m", "--plain-http", "--json"]
    assert main([*argv, "--registry-endpoint", f"docker.io={source_registry.host}"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["rules"][0]["error"] and "nosuch" in report["rules"][0]["error"]
    assert "could not list tags" in err
    assert [i["status"] for i in report["images"]] == ["copied"]


def test_a_tag_selected_twice_is_mirrored_once(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(source_registry)
    images = tmp_path / "images.yaml"
    images.write_text(
        "images:\n  - python:3.12-slim\n"
        "  - source: python\n    tags: {match: '3.12*-slim'}\n"
        "  - source: python\n    tags: {semver: '=3.12.8'}\n"
    )
    argv = ["sync", "--images", str(images), "--to", f"{target_registry.host}/m", "--plain-http", "--json"]
    assert main([*argv, "--registry-endpoint", f"docker.io={source_registry.host}", "--dry-run"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sorted(i["source"].rsplit(":", 1)[1] for i in report["images"]) == ["3.12-slim", "3.12.8-slim"]
    assert report["rules"][1]["selected"] == ["3.12.8-slim"]
