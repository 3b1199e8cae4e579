"""An installer that asks its user for a value (`read -r TAG_READ`, then `export TAG=$TAG_READ` when given) or takes
it as its argument (`export TAG=$1`), and otherwise keeps its own default (`export TAG="${TAG:-latest-release}"`):
a run that takes the default pulls that value, as with an option's `IMAGE="$2"` (test_discover_option_defaults.py).
deepchecks/monitoring's `deploy-oss.sh` (set ZZZQ, 1 miss: `public.ecr.aws/deepchecks/monitoring:latest-release`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

INSTALLER = """\
#!/usr/bin/env bash
set -e
export APP_TAG="${APP_TAG:-latest-release}"

if ! [ -z "$1" ]
then
export APP_TAG=$1
else
echo "What version would you like to install? (Press enter for latest-release)"
read -r APP_TAG_READ
if [ -z "$APP_TAG_READ" ]
then
    echo "Using default and installing $APP_TAG"
else
    export APP_TAG=$APP_TAG_READ
fi
fi
read -p "Pick a database image: " -r DB_IMAGE
docker pull "public.ecr.aws/acme/app:$APP_TAG"
docker pull "$DB_IMAGE"
"""


def test_a_value_read_from_the_user_beside_the_scripts_own_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"deploy.sh": INSTALLER}, tmp_path, monkeypatch, capsys)
    assert {(row[0], row[1], row[4], row[5]) for row in rows} == {
        ("deploy.sh", 19, "public.ecr.aws/acme/app:latest-release", "public"),
        ("deploy.sh", 20, None, "unresolved"),  # only the user gives it: known when the script runs
    }
