"""dockertest options read from a struct's fields (`Repository: setting.ImageName, Tag: setting.ImageVersion`), the
fields given literals row by row in the same file: a test's database settings, one per driver, each pulled by the
run that picks it. Each row pairs its own name and version; a row without a name starts no container."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SETTINGS_TEST = """\
package repo_test

import (
\t"os"
\t"testing"

\t"github.com/ory/dockertest/v3"
)

type testDBSetting struct {
\tDriver       string
\tImageName    string
\tImageVersion string
\tENV          []string
}

var (
\tmysqlSetting = testDBSetting{
\t\tDriver:       "mysql",
\t\tImageName:    "mariadb",
\t\tImageVersion: "10.11.8",
\t\tENV:          []string{"MYSQL_ROOT_PASSWORD=root"},
\t}
\tpostgresSetting = testDBSetting{
\t\tDriver:       "postgres",
\t\tImageVersion: "16.3",
\t\tImageName:    "postgres",
\t}
\tcacheSetting  = testDBSetting{Driver: "redis", ImageName: "redis"}
\tsqliteSetting = testDBSetting{Driver: "sqlite3"}
\tsettings      = map[string]testDBSetting{"mysql": mysqlSetting, "postgres": postgresSetting}
)

func TestMain(m *testing.M) {
\tsetting := settings[os.Getenv("TEST_DB_DRIVER")]
\tpool, _ := dockertest.NewPool("")
\tresource, _ := pool.RunWithOptions(&dockertest.RunOptions{
\t\tRepository: setting.ImageName,
\t\tTag:        setting.ImageVersion,
\t\tEnv:        setting.ENV,
\t})
\t_ = resource
\tos.Exit(m.Run())
}
"""


def test_each_settings_row_gives_its_own_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"internal/repo/repo_test/main_test.go": SETTINGS_TEST})
    records = discover_records(tmp_path, monkeypatch, capsys)
    shown = "internal/repo/repo_test/main_test.go"
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        (shown, 20, "mariadb:10.11.8", "public", "dockertest"),
        (shown, 27, "postgres:16.3", "public", "dockertest"),
        (shown, 29, "redis:latest", "public", "dockertest"),
    }


def test_pool_run_with_a_rows_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run = SETTINGS_TEST.replace(
        "pool.RunWithOptions(&dockertest.RunOptions{\n\t\tRepository: setting.ImageName,\n"
        "\t\tTag:        setting.ImageVersion,\n\t\tEnv:        setting.ENV,\n\t})",
        "pool.Run(setting.ImageName, setting.ImageVersion, setting.ENV)",
    )
    write_tree(tmp_path, {"db_test.go": run})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted(r["reference"] for r in records) == ["mariadb:10.11.8", "postgres:16.3", "redis:latest"]


def test_fields_the_file_gives_no_literal_add_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = SETTINGS_TEST.replace("setting.ImageName", "setting.Image").replace("setting.ImageVersion", "setting.Tag")
    mixed = SETTINGS_TEST.replace("Tag:        setting.ImageVersion", "Tag:        other.ImageVersion")
    write_tree(tmp_path, {"a/db_test.go": other, "b/db_test.go": mixed})
    assert discover_records(tmp_path, monkeypatch, capsys) == []
