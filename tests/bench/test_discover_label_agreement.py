"""bench/discover_label_agreement.py: two labellings of one repository compared, their disputes settled by the third
reader's decisions, and discover's listing counted against each; a dispute left undecided or a second label of a
commit no set labels is an error naming it. The stored study itself is checked for the same."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench.discover_label_agreement import STUDY, main, measure

REPO = "clambin/tado-exporter"  # set GM: labelled alpine:latest and golang:1.26
COMMIT = "72a4d76f3b658cc3f5bc9b67b0f2b739d99f1bc8"


def _study(expected: list[str], decisions: list[dict[str, Any]]) -> dict[str, Any]:
    second = {"repository": REPO, "commit": COMMIT, "expected": expected, "indirect": [], "notes": ""}
    return {"about": "test", "second": [second], "decisions": decisions}


def _decision(image: str, decision: str) -> dict[str, Any]:
    return {"repository": REPO, "image": image, "decision": decision, "right": "", "why": "", "brief_unclear": True}


def test_disputes_are_settled_and_each_labeller_and_discover_counted() -> None:
    """The second labeller misses alpine:latest (decided expected) and adds busybox:latest (decided indirect);
    discover listed golang:1.26, alpine:latest and busybox:latest."""
    study = _study(
        ["golang:1.26", "busybox:latest"],
        [_decision("alpine:latest", "expected"), _decision("busybox:latest", "indirect")],
    )
    row = {"repository": REPO, "missed": [], "extra": ["busybox:latest"], "hits": 2}
    totals = measure(study, {REPO: row})
    assert (totals["first"], totals["second"], totals["both"], totals["disputed"]) == (2, 2, 1, 2)
    assert totals["adjudicated"] == 2
    assert (totals["first_right"], totals["second_right"]) == (2, 1)
    assert (totals["tool_hits_first"], totals["tool_listed_first"]) == (2, 2)  # busybox is indirect, not an extra
    assert (totals["tool_hits_second"], totals["tool_listed_second"]) == (2, 3)  # the second labels expect busybox
    assert (totals["tool_hits_adjudicated"], totals["tool_listed_adjudicated"]) == (2, 2)


def test_an_undecided_dispute_is_named() -> None:
    with pytest.raises(SystemExit, match="no decision on alpine:latest"):
        measure(_study(["golang:1.26"], []), {})


def test_a_second_label_of_another_commit_is_named() -> None:
    study = _study(["golang:1.26", "alpine:latest"], [])
    study["second"][0]["commit"] = "0" * 40
    with pytest.raises(SystemExit, match="not a labelled repository at that commit"):
        measure(study, {})


def test_the_stored_study_decides_every_dispute(capsys: pytest.CaptureFixture[str]) -> None:
    study = json.loads(STUDY.read_text())
    assert len(study["second"]) >= 16
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "adjudicated labels:" in out and "discover against the adjudicated labels: recall" in out


def test_the_stored_study_of_sets_ia_to_id_decides_every_dispute(capsys: pytest.CaptureFixture[str]) -> None:
    study_file = STUDY.with_name("discover_label_agreement_i.json")
    study = json.loads(study_file.read_text())
    assert len(study["second"]) == 16
    assert main(["--study", str(study_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("16 repositories: first labels")
    assert "adjudicated labels:" in out


def test_the_stored_study_of_sets_ja_to_jd_decides_every_dispute(capsys: pytest.CaptureFixture[str]) -> None:
    study_file = STUDY.with_name("discover_label_agreement_j.json")
    assert len(json.loads(study_file.read_text())["second"]) == 14
    assert main(["--study", str(study_file)]) == 0
    assert capsys.readouterr().out.startswith("14 repositories: first labels")


def test_the_stored_study_of_sets_ka_to_kc_decides_every_dispute(capsys: pytest.CaptureFixture[str]) -> None:
    study_file = STUDY.with_name("discover_label_agreement_k.json")
    assert len(json.loads(study_file.read_text())["second"]) == 12
    assert main(["--study", str(study_file)]) == 0
    assert capsys.readouterr().out.startswith("12 repositories: first labels")
