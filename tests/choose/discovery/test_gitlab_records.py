"""GitLab CI findings compared whole, and the limits GitLab sets on `extends` and `!reference` (mutation survivors
of choose/discovery/gitlab_ci.py: the earlier tests compared texts only, and no test reached a limit exactly)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images
from ecr_mirror.errors import ConfigError

PIPELINE = """\
variables:
  PY: "3.12"
  IMG: "python:${PY}"
  LIT: {value: "a:$PY", expand: false}
  COST: "ghcr.io/org/app:$$x-${PY}"
  NUM: 7
  FLAG: true
  DESC: {description: no value}
.scripts: &scripts [make]
default:
  image: $IMG
  services: [postgres:16]
.base:
  image: {name: "node:${NODE}", entrypoint: [""]}
  variables: {NODE: "20", KEEP: "k"}
  services:
    - name: redis:7
      alias: cache
test:
  extends: .base
  image: {entrypoint: [sh]}
  variables: {NODE: "22"}
  script: *scripts
lint:
  extends: [.base]
  image: $LIT
  variables: {OWN: "1"}
  script: [lint]
.hidden:
  image: "hidden:1"
cost:
  image: $COST
  services: ["org/svc:$$1"]
  script: [x]
num:
  image: "busybox:1.$NUM"
  script: [x]
flag:
  image: "x:$FLAG"
  script: [x]
runner:
  image: "${CI_REGISTRY}/runner:1"
  script: [x]
other:
  image: "${OTHER}/x:1"
  script: [x]
included:
  extends: .from_another_file
  image: "inc:1"
  script: [x]
matrix:
  image: "python:${V}"
  parallel:
    matrix:
      - not a mapping
      - V: ["3.11", "3.12"]
      - V: 3.13
      - V: null
  script: [x]
---
- not a mapping
---
second:
  image: "second:1"
  script: [x]
"""


def test_every_image_and_service_with_its_line_use_and_reason() -> None:
    unset = "is not set in the file's variables (it may come from the project's CI/CD settings)"
    assert gitlab_images(PIPELINE, "ci.yml") == [
        Found("python:3.12", "ci.yml", 11, None, "image"),
        Found("postgres:16", "ci.yml", 12, None, "services"),
        Found("node:22", "ci.yml", 14, None, "image"),
        Found("redis:7", "ci.yml", 17, None, "services"),
        Found("a:$PY", "ci.yml", 26, None, "image"),
        Found("hidden:1", "ci.yml", 30, None, "image"),
        Found("ghcr.io/org/app:$x-3.12", "ci.yml", 32, None, "image"),
        Found("org/svc:$1", "ci.yml", 33, None, "services"),
        Found("busybox:1.7", "ci.yml", 36, None, "image"),
        Found("x:$FLAG", "ci.yml", 39, f"$FLAG {unset}", "image"),
        Found("${CI_REGISTRY}/runner:1", "ci.yml", 42, "$CI_REGISTRY is set by GitLab when the job runs", "image"),
        Found("${OTHER}/x:1", "ci.yml", 45, f"$OTHER {unset}", "image"),
        Found("inc:1", "ci.yml", 49, None, "image"),
        Found("python:3.11", "ci.yml", 52, None, "image"),
        Found("python:3.12", "ci.yml", 52, None, "image"),
        Found("python:3.13", "ci.yml", 52, None, "image"),
        Found("python:${V}", "ci.yml", 52, f"$V {unset}", "image"),
        Found("second:1", "ci.yml", 64, None, "image"),
    ]


def test_the_variables_of_the_pipeline_s_other_files_apply_under_the_file_s_own() -> None:
    text = "variables: {TAG: '2'}\njob:\n  image: $REG/app:$TAG\n  script: [x]\n"
    assert gitlab_images(text, "a.yml", {"REG": "r.example.com", "TAG": "1"}) == [
        Found("r.example.com/app:2", "a.yml", 3, None, "image")
    ]


def test_a_file_that_is_not_yaml_is_refused_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^ci/a\.yml: not valid YAML"):
        gitlab_images("job: [\n", "ci/a.yml")


def _extends_chain(levels: int) -> str:
    """`job` extends .e1, which extends .e2, ... up to .e<levels>, which alone names the image."""
    lines = ["job:\n  extends: .e1\n  script: [x]\n"]
    lines += [f".e{n}:\n  extends: .e{n + 1}\n" for n in range(1, levels)]
    lines.append(f".e{levels}:\n  image: deep:{levels}\n")
    return "".join(lines)


def test_extends_is_followed_ten_levels_deep_as_gitlab_allows_and_no_further() -> None:
    assert [f.text for f in gitlab_images(_extends_chain(10), "ci.yml")] == ["deep:10"]
    assert gitlab_images(_extends_chain(11), "ci.yml") == []


def test_extends_in_a_cycle_ends() -> None:
    text = "job:\n  extends: .a\n  image: alpine:3.20\n  script: [x]\n.a:\n  extends: .b\n.b:\n  extends: .a\n"
    assert [f.text for f in gitlab_images(text, "ci.yml")] == ["alpine:3.20"]


def _reference_chain(references: int) -> str:
    """`job.image` is a !reference to .r1.x, itself one to .r2.x, ...: `references` in all, the last to a value."""
    lines = ["job:\n  image: !reference [.r1, x]\n  script: [x]\n"]
    lines += [f".r{n}:\n  x: !reference [.r{n + 1}, x]\n" for n in range(1, references)]
    lines.append(f".r{references}:\n  x: deep:{references}\n")
    return "".join(lines)


def test_references_are_followed_as_deep_as_gitlab_allows_and_no_further() -> None:
    assert [(f.text, f.problem) for f in gitlab_images(_reference_chain(11), "ci.yml")] == [("deep:11", None)]
    (found,) = gitlab_images(_reference_chain(12), "ci.yml")
    assert (found.text, found.line) == ("!reference [.r12, x]", 25)


def test_the_top_level_image_gitlab_s_own_variables_and_an_extends_list() -> None:
    text = """\
image: top:1
.svc:
  services: [mysql:8]
listed:
  extends: [.svc]
  image: "${GITLAB_REGISTRY}/app:1"
  script: [x]
"""
    assert gitlab_images(text, "ci.yml") == [
        Found("top:1", "ci.yml", 1, None, "image"),
        Found("${GITLAB_REGISTRY}/app:1", "ci.yml", 6, "$GITLAB_REGISTRY is set by GitLab when the job runs", "image"),
        Found("mysql:8", "ci.yml", 3, None, "services"),
    ]


def _variable_chain(levels: int) -> str:
    """`job.image` is $V0, whose value is $V1, ... $V<levels>, whose value is the image."""
    values = "".join(f"  V{n}: $V{n + 1}\n" for n in range(levels))
    return f"variables:\n{values}  V{levels}: alpine:3.20\njob:\n  image: $V0\n  script: [x]\n"


def test_variables_are_expanded_ten_levels_deep_and_no_further() -> None:
    assert [(f.text, f.problem) for f in gitlab_images(_variable_chain(10), "ci.yml")] == [("alpine:3.20", None)]
    (found,) = gitlab_images(_variable_chain(11), "ci.yml")
    assert (found.text, found.problem) == ("$V0", "$V10: variables that refer to each other more than 10 levels deep")
