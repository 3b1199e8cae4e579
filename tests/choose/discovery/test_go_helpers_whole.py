"""A Go project's own Testcontainers helpers read whole: the functions and methods a helper package declares, a
file's imports, and the images a file hands them, each finding compared with its line and use (go_helpers.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_helpers import helper_calls, helper_functions, helper_methods, imports, module_path

HELPER = """\
package testredis

import (
\t"testing"

\ttcredis "github.com/testcontainers/testcontainers-go/modules/redis"
)

func Start(t testing.TB, img string) *Redis { return nil }
func StartWith[T any](t testing.TB, opts T, image string) {}
func NoString(t testing.TB, n int) {}
func unexported(img string) {}
func (s *Stack) WithSidecar(name, sidecarImage string) *Stack { return s }
func (s *Stack) WithInferenceImage(imageRef string, n int) *Stack { return s }
func (s Stack) WithImg(img string) Stack { return s }
func (s *Stack) WithImg(ctx context.Context, img string) *Stack { return s }
func (s *Stack) WithName(name string) *Stack { return s }
func (s *Stack) WithImages(img, sidecarImage string) *Stack { return s }
func (s *Stack) WithNothing() *Stack { return s }
func (s *Stack) WithTyped(image Image) *Stack { return s }
func (s *Stack) withLower(image string) *Stack { return s }
"""

USER = """\
package app_test

import (
\t"testing"

\t_ "github.com/lib/pq"
\t. "github.com/onsi/gomega"
\ttestredis "github.com/acme/app/testhelpers/redis"
\t"github.com/acme/app/testhelpers/stack/v2"
\tother "github.com/acme/other"
)

import single "github.com/acme/app/testhelpers/single"
import "github.com/acme/app/testhelpers/bare"

const valkey = "public.ecr.aws/valkey/valkey:8"

func TestX(t *testing.T) {
\timg := valkey
\ttestredis.Start(t, img)
\ttestredis.Start(t, "redis:7")
\t// testredis.Start(t, "commented:1")
\ttestredis.StartWith(t, opts, "redis:7.4")
\ttestredis.NotAHelper(t, "nothelper:1")
\tother.Start(t, "other:1")
\tstack.New().WithSidecar("proxy:1", "envoyproxy/envoy:v1.31").WithInferenceImage("vllm/vllm:0.6", "skip:1")
\t// .WithSidecar("x", "commented:2")
\ts.WithImg(ctx, "img:2")
\tsingle.Run("single:1")
\tbare.Run("bare:1")
\ttestredis.Start(t, "valkey-benchmark")
\ttestredis.Start(t, "Not A Reference:1")
\ttestredis.Start(t, "pinned@DIGEST")
\tStart(t, "own:1")
\ttestredis.Start(t,"nospace:1")
\ttestredis.Start(t,
"next-line:1")
//testredis.Start(t, "commented:3")
//s.WithSidecar("x", "commented:4")
\tdbImage := "declared:1"
\tfmt.Println(dbImage)
}

func Start(dbImage, tag string) {}
""".replace("DIGEST", "sha256:" + "a" * 64)

HELPERS = {
    "github.com/acme/app/testhelpers/redis": frozenset({"Start", "StartWith"}),
    "github.com/acme/app/testhelpers/stack/v2": frozenset(),
    "github.com/acme/app/testhelpers/single": frozenset({"Run"}),
    "github.com/acme/app/testhelpers/bare": frozenset({"Run"}),
    "github.com/acme/app/testhelpers/own": frozenset({"Start"}),
}


def test_a_helper_package_declares_exported_functions_taking_a_string_and_methods_taking_an_image() -> None:
    assert helper_functions(HELPER) == {"Start", "StartWith"}
    # by place: `name, sidecarImage string` are both strings; methods of one name on two receivers merge
    assert helper_methods(HELPER) == {
        "WithSidecar": frozenset({1}),
        "WithInferenceImage": frozenset({0}),
        "WithImg": frozenset({0, 1}),
        "WithImages": frozenset({0, 1}),
    }
    assert helper_methods("func (s *S) WithImage(, image string) {}\n") == {}


def test_the_module_path_of_a_go_mod() -> None:
    assert module_path("module github.com/acme/app\n\ngo 1.22\n") == "github.com/acme/app"
    assert module_path('// comment\nmodule "example.com/quoted"\n') == "example.com/quoted"
    assert module_path("go 1.22\n") is None


def test_imports_by_alias_or_last_element_without_a_major_version() -> None:
    assert imports(USER) == {
        "testing": "testing",
        "testredis": "github.com/acme/app/testhelpers/redis",
        "stack": "github.com/acme/app/testhelpers/stack/v2",
        "other": "github.com/acme/other",
        "single": "github.com/acme/app/testhelpers/single",
        "bare": "github.com/acme/app/testhelpers/bare",
    }


def test_the_images_a_file_hands_its_helpers_in_order() -> None:
    methods = {"github.com/acme/app/testhelpers/stack/v2": helper_methods(HELPER)}
    found = helper_calls(USER, "app/x_test.go", HELPERS, "github.com/acme/app/testhelpers/own", methods)
    assert found == [
        Found(text, "app/x_test.go", line, None, f"testcontainers ({use})", "Go source")
        for text, line, use in [
            ("public.ecr.aws/valkey/valkey:8", 16, "testredis.Start"),  # the literal the name is bound to
            ("redis:7", 21, "testredis.Start"),
            ("redis:7.4", 23, "testredis.StartWith"),
            ("envoyproxy/envoy:v1.31", 26, "WithSidecar"),
            ("vllm/vllm:0.6", 26, "WithInferenceImage"),
            ("img:2", 28, "WithImg"),
            ("single:1", 29, "single.Run"),
            ("bare:1", 30, "bare.Run"),
            ("pinned@sha256:" + "a" * 64, 33, "testredis.Start"),
            ("own:1", 34, "Start"),
            ("nospace:1", 35, "testredis.Start"),
            ("next-line:1", 37, "testredis.Start"),  # the line of the literal
        ]
    ]


def test_a_file_starting_with_a_blank_line_counts_it() -> None:
    text = '\npackage x\n\nimport r "github.com/acme/app/testhelpers/redis"\n\nfunc a() { r.Start(t, "redis:7") }\n'
    assert [(item.text, item.line) for item in helper_calls(text, "x_test.go", HELPERS)] == [("redis:7", 6)]
