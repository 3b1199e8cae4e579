"""The run's report as the --json output and the Lambda's return value show it: each image's fields (optional ones
only when set), its freshness, whether it moved its tag, and the summary's counts."""

from __future__ import annotations

from ecr_mirror.mirror.report import ImageResult, Report, Status

A, B = "sha256:" + "a" * 64, "sha256:" + "b" * 64


def _result(status: Status, **fields: object) -> ImageResult:
    return ImageResult("docker.io/library/app:1", "mirror.test/app:1", status, **fields)  # type: ignore[arg-type]


def test_a_bare_result_has_only_the_fixed_keys() -> None:
    assert _result(Status.FAILED, error="boom").to_dict() == {
        "source": "docker.io/library/app:1",
        "target": "mirror.test/app:1",
        "digest": None,
        "status": "failed",
        "error": "boom",
        "bytes": 0,
        "freshness": "not checked",
    }


def test_every_optional_field_is_shown_when_set() -> None:
    result = _result(
        Status.HELD,
        digest=A,
        bytes=12,
        detail="held until 2026-01-01T00:00:00Z by policy rel: too young",
        upstream_digest=A,
        previous_digest=B,
        checked=True,
        policy="rel",
        held_reason="too young",
        eligible_at="2026-01-01T00:00:00Z",
        pulls=3,
        platforms=["linux/amd64"],
    )
    assert result.to_dict() == {
        "source": "docker.io/library/app:1",
        "target": "mirror.test/app:1",
        "digest": A,
        "status": "held",
        "error": None,
        "bytes": 12,
        "freshness": "behind",
        "detail": "held until 2026-01-01T00:00:00Z by policy rel: too young",
        "upstream_digest": A,
        "previous_digest": B,
        "policy": "rel",
        "held_reason": "too young",
        "eligible_at": "2026-01-01T00:00:00Z",
    }


def test_freshness_is_observed_only_for_checked_images() -> None:
    """Behind: checked, and the mirror does not hold what upstream has (copied and skipped are current)."""
    behind = {Status.FAILED, Status.DEFERRED, Status.PLANNED, Status.QUEUED, Status.HELD, Status.REJECTED}
    for status in Status:
        checked = _result(status, checked=True)
        assert checked.behind is (status in behind)
        assert checked.freshness == ("behind" if status in behind else "current")
        unchecked = _result(status)
        assert unchecked.behind is False and unchecked.freshness == "not checked"


def test_a_copy_moved_the_tag_only_to_new_content() -> None:
    assert _result(Status.COPIED, digest=A, previous_digest=B).moved
    assert _result(Status.COPIED, digest=A).moved  # a new tag
    assert not _result(Status.COPIED, digest=A, previous_digest=A).moved
    assert not _result(Status.COPIED).moved
    assert not _result(Status.SKIPPED, digest=A, previous_digest=B).moved


def test_the_summary_counts_every_status_and_shows_the_rare_ones_only_when_present() -> None:
    report = Report(
        images=[
            _result(Status.COPIED, bytes=100, pulls=2, checked=True),
            _result(Status.COPIED, bytes=5, pulls=1, checked=True),
            _result(Status.SKIPPED, checked=True),
            _result(Status.DEFERRED),
            _result(Status.HELD, checked=True),
        ]
    )
    assert report.summary() == {
        "copied": 2,
        "skipped": 1,
        "failed": 0,
        "deferred": 1,
        "held": 1,
        "behind": 1,
        "not_checked": 1,
        "bytes": 105,
    }
    assert report.bytes == 105 and report.pulls == 3
    assert not report.failed  # a held image does not fail the run
    assert [r.status for r in report.behind] == [Status.HELD]
    assert [r.status for r in report.not_checked] == [Status.DEFERRED]

    report.images += [_result(s, checked=True) for s in (Status.PLANNED, Status.QUEUED, Status.REJECTED)]
    summary = report.summary()
    assert (summary["planned"], summary["queued"], summary["rejected"], summary["behind"]) == (1, 1, 1, 4)
    assert report.failed  # a rejection does


def test_a_failed_image_fails_the_run() -> None:
    assert Report(images=[_result(Status.FAILED)]).failed
    assert not Report(images=[_result(Status.SKIPPED)]).failed
    assert not Report().failed


def test_the_whole_report_shows_the_rate_limit_and_rules_only_when_known() -> None:
    bare = Report(images=[_result(Status.SKIPPED, checked=True)])
    assert bare.to_dict() == {"images": [bare.images[0].to_dict()], "summary": bare.summary()}

    rules = [{"line": 2, "source": "docker.io/library/app", "rule": "latest 1", "selected": ["1"]}]
    full = Report(images=bare.images, rate_limit_remaining=0, rules=rules)
    assert full.to_dict() == {
        "images": [bare.images[0].to_dict()],
        "summary": bare.summary(),
        "rate_limit_remaining": 0,  # none left is shown, not taken for unknown
        "rules": rules,
    }
