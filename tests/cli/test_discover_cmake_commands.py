"""`ecr-mirror discover` on a CMake project's commands: a custom target a developer or CI builds (`cmake --build .
--target lint`) runs each `COMMAND` as a program with its arguments, `${DOCKER} run ... oxsecurity/megalinter:v6` with
the program `find_program(DOCKER docker)` found; `execute_process` runs its `COMMAND`s when CMake configures. Read at
the `COMMAND`'s line; a message's text, a comment and a variable not known here name no image."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.cmake_commands import cmake_lines
from tests.support.hang_guard import finishes
from tests.support.trees import tree_rows

TOOLS = """\
# Shift-left tools run in containers
function(acme_enable_docker_tools)
    find_program(DOCKER docker)
    set(LINTER_IMAGE "ghcr.io/acme/lint:2.1.0")
    if (DOCKER)
        add_custom_target(lint
            COMMAND ${DOCKER} run --rm -v ${CMAKE_SOURCE_DIR}:/workspace
                -e APPLY_FIXES=all oxsecurity/megalinter:v6
            COMMAND ${DOCKER} run --rm ${LINTER_IMAGE} --check
            COMMENT "Running docker run not/an-image:1 ..."
            USES_TERMINAL
            VERBATIM
        )
        # COMMAND ${DOCKER} run commented/out:1
        message(STATUS "try: docker run acme/message:1")
        add_custom_target(format COMMAND "${DOCKER}" run --rm "${FORMAT_IMAGE}" clang-format)
    endif()
endfunction()
"""

LISTS = """\
cmake_minimum_required(VERSION 3.20)
project(acme CXX)
include(cmake/tools.cmake)
execute_process(
    COMMAND docker pull alpine:3.20 RESULT_VARIABLE pulled
)
add_custom_command(TARGET acme POST_BUILD COMMAND ${CMAKE_COMMAND} -E echo done)
"""


def test_the_commands_of_cmake_custom_targets_and_processes_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"CMakeLists.txt": LISTS, "cmake/tools.cmake": TOOLS}, tmp_path, monkeypatch, capsys)
    assert {(file, line, kind, reference, status) for file, line, kind, _, reference, status in rows} == {
        ("CMakeLists.txt", 5, "CMake file", "alpine:3.20", "public"),
        ("cmake/tools.cmake", 7, "CMake file", "oxsecurity/megalinter:v6", "public"),
        ("cmake/tools.cmake", 9, "CMake file", "ghcr.io/acme/lint:2.1.0", "public"),
        ("cmake/tools.cmake", 16, "CMake file", None, "unresolved"),
    }


def test_cmake_lines_keep_the_files_line_count_and_stay_linear_on_hostile_input() -> None:
    assert cmake_lines(TOOLS).count("\n") == TOOLS.count("\n")
    hostile = "add_custom_target(x COMMAND docker run " + "(" * 200_000 + "\n" + '"' * 100_000 + "\n)" * 1000
    assert finishes(cmake_lines, hostile).count("\n") == hostile.count("\n")
