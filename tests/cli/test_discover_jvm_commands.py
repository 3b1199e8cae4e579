"""`ecr-mirror discover` reads the docker commands a Java or Kotlin test helper runs as an argument list: the
program and its arguments as separate strings, the form `ProcessBuilder` and `Runtime.exec(String[])` take."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SERVICES_JAVA = """\
package io.acme.test;

public final class TestServices {
    private static final String PG_NAME = "pg_" + System.getProperty("worker", "base");

    public static void startPostgres(boolean stats) throws Exception {
        String[] cmd;
        if (stats) {
            cmd = new String[] {
                    "docker", "run", "--rm", "--name", PG_NAME,
                    "-e", "POSTGRES_PASSWORD=root",
                    "-d", "-p", PG_PORT + ":5432",
                    "ghcr.io/acme/postgres-stats:13",
                    "-c", "max_connections=1000"
            };
        } else {
            cmd = new String[] {"docker", "run", "-d", "--name", PG_NAME, "postgres:16"};
        }
        CmdHelper.runCommand(cmd);
    }

    public static void startMysql() throws Exception {
        Process p = new ProcessBuilder(
                "docker", "run", "--rm", "-d", "-e", "MYSQL_ROOT_PASSWORD=root",
                "mysql").start();
        new ProcessBuilder("docker", "exec", PG_NAME, "psql", "-c", "select 1").start();
        // new ProcessBuilder("docker", "run", "commented/out:1").start();
    }
}
"""

HELPER_KT = """\
package io.acme.test

fun startCache() {
    val args = listOf("podman", "run", "-d", cacheImage())
    ProcessBuilder(args).start()
    ProcessBuilder("docker", "pull", "redis:7.2").start()
}
"""


def test_argument_lists_of_docker_commands_in_jvm_sources_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"src/test/java/io/acme/test/TestServices.java": SERVICES_JAVA, "src/test/kotlin/Helper.kt": HELPER_KT},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    java, kotlin = "src/test/java/io/acme/test/TestServices.java", "src/test/kotlin/Helper.kt"
    assert rows == {
        (java, 13, "ghcr.io/acme/postgres-stats:13", "public"),
        (java, 17, "postgres:16", "public"),
        (java, 25, "mysql:latest", "public"),
        (kotlin, 4, None, "unresolved"),  # the image is a call's result, known only when it runs
        (kotlin, 6, "redis:7.2", "public"),
    }


def test_a_list_whose_first_string_is_not_the_program_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "src/test/java/Log.java": (
                "class Log {\n"
                '    void f() { log.info("starting", "docker", "run", "postgres:16"); }\n'
                '    String[] words = {"echo", "docker", "run", "redis:7"};\n'
                "}\n"
            )
        },
    )
    assert discover_records(tmp_path, monkeypatch, capsys) == []
