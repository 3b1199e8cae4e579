"""The images a Go file hands its project's own Testcontainers helper (`testredis.Start(t, "redis:7")`): each
top-level argument of the call is read, nested calls, raw strings and brackets kept whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_helpers import helper_calls

HELPERS = {"github.com/acme/app/testhelpers/redis": frozenset({"Start"})}


def _images(body: str) -> list[tuple[str, int | None]]:
    text = f'package x\n\nimport testredis "github.com/acme/app/testhelpers/redis"\n\n{body}'
    return [(item.text, item.line) for item in helper_calls(text, "x_test.go", HELPERS)]


def test_every_top_level_argument_is_read_and_nested_calls_stay_whole() -> None:
    body = (
        'const image = "valkey/valkey:8"\n'
        'func a() { testredis.Start(t, fmt.Sprintf("%s,%s", a, b), "redis:7", opts{x: []int{1, 2}}, image) }\n'
        'func b() { testredis.Start(t, `ghcr.io/acme/raw:1`, testredis.With("a,b")) }\n'
    )
    assert _images(body) == [("valkey/valkey:8", 5), ("redis:7", 6), ("ghcr.io/acme/raw:1", 7)]


def test_a_call_that_does_not_close_or_holds_an_escaped_string_gives_nothing() -> None:
    assert _images('func a() { testredis.Start(t, "redis:7"\n') == []
    assert _images('func a() { testredis.Start(t, "say \\"hi\\"", "redis:7") }\n') == []
    assert _images('func a() { testredis.Start(t, "redis:7"]\n') == []
