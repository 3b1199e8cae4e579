"""The kind node images of the Kubernetes CSI repositories' Prow jobs: `.prow.sh` sourcing `release-tools/prow.sh`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.csi_prow import csi_prow_images
from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

NODE_A = "kindest/node:v1.34.0@sha256:" + "a" * 64
NODE_B = "kindest/node:v1.33.4@sha256:" + "b" * 64
LIBRARY = f"""\
#! /bin/bash
configvar () {{
    eval : \\$\\{{"$1":="\\$2"\\}}
}}
configvar CSI_PROW_KIND_IMAGES "{NODE_A}
{NODE_B}" "kind images"
configvar CSI_PROW_TESTS "unit parallel serial $(if [ "$V" = "latest" ]; then echo serial-alpha; fi) sanity" "tests"
start_cluster () {{
    for i in ${{CSI_PROW_KIND_IMAGES}}; do image="$i"; done
    run kind create cluster --name csi-prow --image "$image"
}}
main () {{
    start_cluster
}}
"""
ENTRY = "#! /bin/bash -e\n. release-tools/prow.sh\n\nmain\n"


def _names(entry: str, library: str = LIBRARY) -> list[tuple[str, str, int | None]]:
    found = csi_prow_images(entry, library, ".prow.sh", "release-tools/prow.sh")
    return [(item.text, item.origin, item.line) for item in found]


def test_each_listed_node_image_is_booted_by_a_job_at_the_library_line() -> None:
    assert _names(ENTRY) == [(NODE_A, "release-tools/prow.sh", 5), (NODE_B, "release-tools/prow.sh", 6)]


@pytest.mark.parametrize(
    "entry",
    [
        ': ${CSI_PROW_TESTS:="unit"}\n. release-tools/prow.sh\nmain\n',  # csi-driver-nfs: unit tests only
        'CSI_PROW_TESTS="unit"\nsource ./release-tools/prow.sh\nmain\n',
        ". release-tools/prow.sh\n# main\n",  # never calls main
        "main\n",  # does not source the library
    ],
)
def test_an_entry_that_boots_no_cluster_gives_nothing(entry: str) -> None:
    assert _names(entry) == []


def test_the_entry_s_own_tests_and_node_list_come_before_the_library_defaults() -> None:
    entry = 'export CSI_PROW_TESTS="unit sanity"\nCSI_PROW_KIND_IMAGES="kindest/node:v1.30.0"\n'
    entry += ". release-tools/prow.sh\nmain\n"
    assert _names(entry) == [("kindest/node:v1.30.0", ".prow.sh", 2)]


def test_a_library_without_a_node_list_gives_nothing() -> None:
    assert _names(ENTRY, 'configvar CSI_PROW_TESTS "unit serial" "tests"\nmain () { :; }\n') == []


def test_discover_lists_the_node_images_for_the_entry_and_not_for_a_unit_only_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def public(tree: dict[str, str]) -> set[str]:
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        write_tree(root, tree)
        monkeypatch.chdir(root)
        code = main(["discover", ".", "--json"])
        out, err = capsys.readouterr()
        assert code == 0, err
        return {record["reference"] for record in json.loads(out) if record["status"] == "public"}

    assert public({".prow.sh": ENTRY, "release-tools/prow.sh": LIBRARY}) >= {NODE_A, NODE_B}
    unit_only = ': ${CSI_PROW_TESTS:="unit"}\n. release-tools/prow.sh\nmain\n'
    assert public({".prow.sh": unit_only, "release-tools/prow.sh": LIBRARY}).isdisjoint({NODE_A, NODE_B})
    assert public({"release-tools/prow.sh": LIBRARY}).isdisjoint({NODE_A, NODE_B})  # vendored, never run
