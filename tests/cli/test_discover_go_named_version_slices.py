"""`discover` on Go Testcontainers tests that start one container per version of a slice the test binds to a name
(`versions := []string{...}` written one element a line, then `for _, version := range versions`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

VERSIONS = """\
package ledger

import (
	"testing"

	"github.com/testcontainers/testcontainers-go"
)

func startLedger(t *testing.T, version string) {
	ctr, err := testcontainers.Run(t.Context(), "ghcr.io/acme-ledger/ledger:"+version,
		testcontainers.WithExposedPorts("3000/tcp"),
	)
	_, _ = ctr, err
}

func TestIntegrationLedger(t *testing.T) {
	versions := []string{
		"0.16.57",
		"latest",
	}

	for _, version := range versions {
		t.Run(version, func(t *testing.T) {
			startLedger(t, version)
		})
	}
}
"""

NOT_A_SLICE = (
    VERSIONS.split("func TestIntegrationLedger", maxsplit=1)[0]
    + """\
func TestIntegrationLedger(t *testing.T) {
	labels := []string{
		"0.16.57",
	}
	versions := supportedVersions(t)

	for _, version := range versions {
		startLedger(t, version)
	}
	_ = labels
}
"""
)


def test_a_loop_over_a_named_slice_of_versions_starts_one_container_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"internal/ledger/integration_test.go": VERSIONS}, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("internal/ledger/integration_test.go", 10, "ghcr.io/acme-ledger/ledger:0.16.57", "public"),
        ("internal/ledger/integration_test.go", 10, "ghcr.io/acme-ledger/ledger:latest", "public"),
    ]


def test_a_loop_over_a_call_s_result_is_not_read_from_another_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"internal/ledger/integration_test.go": NOT_A_SLICE}, tmp_path, monkeypatch, capsys)
    assert [row[4] for row in rows if row[4] is not None] == []
