"""Dockerfile lines a script or a Makefile recipe writes with `echo` or `printf` before building the file."""

from __future__ import annotations

from ecr_mirror.choose.discovery.echo_dockerfiles import echoed_dockerfiles

MAKEFILE = """\
DEBIAN = bookworm

debian_x86_64: $(DEB_PACKAGE)
\techo "FROM debian:$(DEBIAN)" > Dockerfile.tmp
\techo "RUN apt-get update" >> Dockerfile.tmp
\tdocker build -f Dockerfile.tmp -t test .

rocky:
\techo "FROM rockylinux:8" > Dockerfile.tmp
\tprintf 'FROM redhat/ubi9:latest AS base\\nRUN true\\n' > build/Dockerfile
\techo 'FROM base' >> build/Dockerfile
\techo "FROM alpine:3.20" > notes.txt
\techo "FROM alpine:3.20" | tee Dockerfile.log
\t# echo "FROM commented:1" > Dockerfile.tmp
\techo "FROM $(UNSET_IMAGE)" > Dockerfile.tmp
"""


def _found(text: str, origin: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in echoed_dockerfiles(text, origin)]


def test_a_from_line_echoed_into_a_dockerfile_is_its_base_image() -> None:
    found = _found(MAKEFILE, "packages/test/Makefile")
    resolved = [(text, line) for text, line, problem in found if problem is None]
    assert resolved == [("debian:bookworm", 4), ("rockylinux:8", 9), ("redhat/ubi9:latest", 10)]
    unresolved = [(line, problem) for _, line, problem in found if problem is not None]
    assert [line for line, _ in unresolved] == [15]
    assert "UNSET_IMAGE" in str(unresolved[0][1])


def test_the_use_names_the_written_file_and_a_script_s_variables_are_substituted() -> None:
    script = 'BASE=python:3.13-slim\necho "FROM ${BASE}" > "$WORK/Dockerfile"\necho "FROM $BASE" > /dev/null\n'
    (item,) = echoed_dockerfiles(script, "scripts/build.sh")
    assert (item.text, item.line, item.problem) == ("python:3.13-slim", 2, None)
    assert "echo" in item.use and "Dockerfile" in item.use


def test_nothing_without_an_echoed_from() -> None:
    assert echoed_dockerfiles("echo hello > Dockerfile\n", "x.sh") == []
