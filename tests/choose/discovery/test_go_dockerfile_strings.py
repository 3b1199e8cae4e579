"""Dockerfiles a Go test writes from a raw string before building them (go_dockerfile_strings.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_dockerfile_strings import MARK, dockerfile_strings

SOURCE = """\
package provider

func TestSecrets(t *testing.T) {
\tconst withSecret = `
\tFROM python:3.12-bookworm AS base

\tRUN --mount=type=secret,id=TOKEN \\
\t\tapt-get update -qq
\tFROM base
\tCOPY --from=ghcr.io/astral-sh/uv:0.5.1 /uv /bin/uv`

\tdfPath := filepath.Join(wd, "Dockerfile")
\tif err := os.WriteFile(dfPath, []byte(withSecret), 0o644); err != nil {
\t\tt.Fatal(err)
\t}
}

const example = `
ARG BASE=alpine:3.20
FROM ${BASE}
RUN echo hi
`

const notWritten = `
FROM golang:1.23
`

var manifest = `
apiVersion: v1
kind: Pod
`

func TestOutside(t *testing.T) {
\t_ = ioutil.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(example), 0o644)
\t_ = os.WriteFile("pod.yaml", []byte(manifest), 0o644)
\t// _ = os.WriteFile("Dockerfile", []byte(notWritten), 0o644)
}
"""


def test_a_raw_string_dockerfile_written_to_a_file_is_read_at_the_go_lines() -> None:
    found = dockerfile_strings(SOURCE, "internal/provider/image_test.go")
    assert [(item.text, item.line, item.use, item.kind) for item in found] == [
        ("python:3.12-bookworm", 5, "FROM", "Go source"),
        ("ghcr.io/astral-sh/uv:0.5.1", 10, "COPY --from", "Go source"),
        ("alpine:3.20", 20, "FROM", "Go source"),
    ]


def test_nothing_without_a_write_of_a_dockerfile_shaped_string() -> None:
    assert dockerfile_strings(SOURCE.replace("WriteFile", "Printf"), "x_test.go") == []
    assert MARK == b"WriteFile("
