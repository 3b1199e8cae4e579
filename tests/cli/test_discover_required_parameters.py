"""`discover` reads a script function that binds a name to a required positional parameter (`local v="${1:?}"`,
bash's "display an error if null or unset" expansion, which otherwise is the parameter's value) as it reads one
bound with `local v="$1"`: at each call, over a loop of the script's array."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PREPARE = """\
#!/usr/bin/env bash
set -euo pipefail
PHP_versions=(8.1 8.2)

download_packages_for_version() {
    local PHP_version="${1:?}"
    local dest="${2:?destination is required}"
    docker run --rm \\
        -v "${dest}:/app/vendor" \\
        "php:${PHP_version}"-cli sh -c "composer install"
}

for PHP_version in "${PHP_versions[@]}" ; do
    download_packages_for_version "${PHP_version}" "/tmp/out"
done
"""


def test_a_name_bound_to_a_required_parameter_takes_each_call_s_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"autoinstrumentation/php/prepare.sh": PREPARE})
    rows = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert rows == {
        ("autoinstrumentation/php/prepare.sh", 14, "php:8.1-cli", "public"),
        ("autoinstrumentation/php/prepare.sh", 14, "php:8.2-cli", "public"),
        ("autoinstrumentation/php/prepare.sh", 8, None, "unresolved"),  # the function's own line, as for `$1`
    }


def test_a_default_is_taken_only_when_the_call_gives_no_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `${1:-8.0}` is the call's word when it gives one (8.1, 8.2 at the call), 8.0 only when it gives none (the
    # function's own line, read without a call): shell_functions.py binds a name with a default since ba5cdd6a
    write_tree(tmp_path, {"prepare.sh": PREPARE.replace('local PHP_version="${1:?}"', 'local PHP_version="${1:-8.0}"')})
    rows = {(r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert {(14, "php:8.1-cli"), (14, "php:8.2-cli"), (8, "php:8.0-cli")} <= rows
    assert (14, "php:8.0-cli") not in rows
