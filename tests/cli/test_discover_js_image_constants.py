"""`ecr-mirror discover` reads the images a JavaScript or TypeScript program keeps in constants named for them and
runs: `const ORYX_BUILDER_IMAGE: string = 'mcr.microsoft.com/oryx/builder:20230208.1'` handed to `pack build
--builder`, `ORYX_CLI_IMAGE` to `docker run`. A constant the file never names again, an untagged or bare value, a
test file's and a lowercase name are not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

HELPER = """\
import * as tl from 'azure-pipelines-task-lib/task';

const ORYX_CLI_IMAGE: string = 'mcr.microsoft.com/oryx/cli:builder-debian-buster-20230208.1';
export const ORYX_BUILDER_IMAGE = "mcr.microsoft.com/oryx/builder:20230208.1";
const SPARE_IMAGE = 'mcr.microsoft.com/oryx/spare:1.0';
const BASE_IMAGE = 'ubuntu:22.04';
const RUNTIME_IMAGE = 'mcr.microsoft.com/oryx/runtime';
const defaultImage = 'acme/lower:1.0';

export function build(path: string): void {
    tl.execSync('pack', ['build', 'app', '--path', path, '--builder', `${ORYX_BUILDER_IMAGE}`]);
    tl.execSync('docker', ['run', '--rm', ORYX_CLI_IMAGE, BASE_IMAGE, RUNTIME_IMAGE, defaultImage]);
}
"""

HELPER_PATH = "Tasks/Deploy/src/ContainerAppHelper.ts"

TEST = """\
const FIXTURE_IMAGE = 'acme/fixture:1.0';
it('runs', () => expect(run(FIXTURE_IMAGE)).toBe(FIXTURE_IMAGE));
"""


def test_a_programs_image_constants_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {HELPER_PATH: HELPER, "Tasks/Deploy/src/helper.test.ts": TEST}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    constants = [
        (file, line, kind, reference) for file, line, kind, use, reference, _ in rows if use == "image constant"
    ]
    assert sorted(constants) == [
        (HELPER_PATH, 3, "TypeScript source", "mcr.microsoft.com/oryx/cli:builder-debian-buster-20230208.1"),
        (HELPER_PATH, 4, "TypeScript source", "mcr.microsoft.com/oryx/builder:20230208.1"),
    ]
