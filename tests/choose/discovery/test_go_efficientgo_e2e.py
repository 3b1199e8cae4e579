"""The efficientgo/e2e reader (go_efficientgo_e2e.py) on odd and large sources."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_efficientgo_e2e import efficientgo_images


def test_a_single_line_import_is_the_package_not_an_alias_named_import() -> None:
    source = 'package e2e\n\nimport "github.com/efficientgo/e2e"\n\nvar o = e2e.StartOptions{Image: "quay.io/a/b:1"}'
    assert [(item.text, item.line) for item in efficientgo_images(source, "x_test.go")] == [("quay.io/a/b:1", 5)]


def test_many_literals_and_unclosed_ones_are_read_in_a_time_that_grows_with_the_file() -> None:
    # each image's line was counted from the file's start, and each unclosed literal's end looked for to the file's
    # end: 200,000 literals took minutes
    opened = "\tr.Init(e2e.StartOptions{Image: x,\n" * 100_000
    closed = '\tr.Init(e2e.StartOptions{Image: "quay.io/a/b:1"})\n' * 100_000
    source = f'package x\n\nimport (\n\t"github.com/efficientgo/e2e"\n)\n\nfunc F() {{\n{closed}{opened}}}\n'
    found = efficientgo_images(source, "x_test.go")
    assert len(found) == 100_000
    assert [item.line for item in found[:2]] == [8, 9]
    assert found[-1].line == 100_007
