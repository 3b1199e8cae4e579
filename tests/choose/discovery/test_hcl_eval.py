"""The HCL expressions bake files choose values with: conditionals, the bake files' own functions, standard
functions; anything else is NotEvaluated, never a crash."""

from __future__ import annotations

from typing import Any

import pytest

from ecr_mirror.choose.discovery.bake import bake_project
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated, Scope, evaluate

VARIABLES: dict[str, Any] = {
    "OVERRIDE": "",
    "versions": ["ltsc2022", "ltsc2025"],
    "runtimes": {"21": "21.0.5_11", "25": "25.0.1_8"},
    "variant": "debian-slim",
}
FUNCTIONS = {
    "is_slim": (["variant"], 'equal("debian-slim", variant)'),
    "windows": ([], 'notequal(OVERRIDE, "") ? [OVERRIDE] : versions'),
    "runtime": (["jdk"], 'lookup(runtimes, jdk, "unknown")'),
}


def _value(text: str) -> Any:
    return evaluate(text, Scope(VARIABLES.__getitem__, FUNCTIONS))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('is_slim(variant) ? "-slim" : ""', "-slim"),
        ('is_slim("debian") ? "-slim" : ""', ""),
        ("windows()", ["ltsc2022", "ltsc2025"]),
        ("runtime(21)", "21.0.5_11"),
        ('runtime("17")', "unknown"),
        ('"jdk${runtime(25)}-${upper(\\"x\\")}"', "jdk25.0.1_8-X"),  # strings as the HCL reader gives them
        ('!is_slim(variant) || equal(OVERRIDE, "")', True),
        ('variant == "debian" && true', False),
        ("versions[1]", "ltsc2025"),
        ('runtimes["25"]', "25.0.1_8"),
        ('contains(versions, "ltsc2022") ? "yes" : regex_replace(x, "a", "b")', "yes"),
        ('"$${literal}"', "${literal}"),
    ],
)
def test_the_subset_is_evaluated(text: str, value: Any) -> None:
    assert _value(text) == value


@pytest.mark.parametrize(
    "text",
    [
        'regex_replace(variant, "a", "b")',
        "[for v in versions : v]",
        "missing",
        "runtime()",
        "1 + 2",
        '"%{ if x }y%{ endif }"',
    ],
)
def test_outside_the_subset_is_not_evaluated(text: str) -> None:
    with pytest.raises(NotEvaluated):
        _value(text)


BAKE = """\
variable "WINDOWS_VERSION_OVERRIDE" {
  default = ""
}
variable "windows_versions" {
  default = ["ltsc2022", "ltsc2025"]
}
variable "variants" {
  default = ["debian", "debian-slim"]
}
function "windowsversions" {
  params = []
  result = notequal(WINDOWS_VERSION_OVERRIDE, "") ? [WINDOWS_VERSION_OVERRIDE] : windows_versions
}
function "is_slim" {
  params = [variant]
  result = equal("debian-slim", variant)
}
target "debian" {
  matrix = {
    variant = variants
  }
  name       = "${variant}"
  dockerfile = "debian/Dockerfile"
  args = {
    VARIANT = is_slim(variant) ? "-slim" : ""
    EXTRA   = regex_replace(variant, "-", "_")
  }
}
target "windows" {
  matrix = {
    windows_version = windowsversions()
  }
  name       = "windows-${windows_version}"
  dockerfile = "windows/Dockerfile"
  args = {
    WINDOWS_VERSION = windows_version
  }
}
"""


def test_bake_args_and_matrix_lists_from_conditionals_and_functions() -> None:
    project = bake_project([("docker-bake.hcl", BAKE)])
    assert sorted((b.dockerfile, tuple(sorted(b.args.items()))) for b in project.builds) == [
        ("debian/Dockerfile", (("VARIANT", ""),)),
        ("debian/Dockerfile", (("VARIANT", "-slim"),)),
        ("windows/Dockerfile", (("WINDOWS_VERSION", "ltsc2022"),)),
        ("windows/Dockerfile", (("WINDOWS_VERSION", "ltsc2025"),)),
    ]
    assert project.warnings == []
