"""From a YAML value to a finding: the reason each unresolvable value gives, with its file, line and use kept
(mutation survivors of choose/discovery/collect.py and yaml_loader.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import Reference, line_of, load_documents, located
from ecr_mirror.errors import ConfigError

WHEN_RUN = "known only when the workflow runs"
RENDER = "render the template first (`helm template` for a Helm chart)"


def _resolve(text: str) -> str:
    return expand(text, {"TAG": "3.12"})


def _explain(name: str) -> str:
    return f"{name} is nowhere"


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("python:${TAG}", Found("python:3.12", "f.yml", 4, None, "image")),
        ("python:${NOPE}", Found("python:${NOPE}", "f.yml", 4, "NOPE is nowhere", "image")),
        ("python:${TAG", Found("python:${TAG", "f.yml", 4, "'${' without a closing '}' in 'python:${TAG'", "image")),
        (
            "python:${{ matrix.v }}",
            Found("python:${{ matrix.v }}", "f.yml", 4, f"a GitHub Actions expression, {WHEN_RUN}", "image"),
        ),
        (
            "python:{{ .Values.tag }}",
            Found("python:{{ .Values.tag }}", "f.yml", 4, f"a template expression: {RENDER}", "image"),
        ),
    ],
    ids=["resolved", "unset", "malformed", "github-expression", "template"],
)  # fmt: skip
def test_a_value_is_found_resolved_or_with_the_reason_it_cannot_be(value: str, found: Found) -> None:
    assert found_item(located(f"  {value} ", 4), "f.yml", "image", _resolve, _explain) == found


def test_by_default_a_value_is_taken_as_written_and_a_variable_has_no_value_in_the_file() -> None:
    assert found_item(located("a:$1", 2), "f.yml", "services") == Found("a:$1", "f.yml", 2, None, "services")

    def unset(text: str) -> str:
        return expand(text, {})

    found = found_item(located("a:${V}", 2), "f.yml", "services", unset)
    assert found == Found("a:${V}", "f.yml", 2, "${V} has no value in this file", "services")


def test_a_reference_outside_the_file_is_found_with_its_path() -> None:
    (doc,) = load_documents("job:\n  image: !reference [.base, image]\n", "ci.yml")
    found = found_item(doc["job"]["image"], "ci.yml", "image")
    why = ".base is not in this file (an `include:` may define it)"
    assert found == Found("!reference [.base, image]", "ci.yml", 2, why, "image")


def test_blank_and_non_text_values_are_not_found() -> None:
    assert [found_item(v, "f.yml", "image") for v in (None, 3, "  ", ["a"], {"name": "a"})] == [None] * 5


def test_a_value_without_a_line_has_none() -> None:
    assert line_of(located("a", None)) is None
    assert found_item(located("a", None), "f.yml", "image") == Found("a", "f.yml", None, None, "image")


def test_any_tag_is_read_as_the_value_under_it() -> None:
    (doc,) = load_documents("a: !ENV {b: {c: [d]}}\nb: !custom [[x], {y: z}]\nc: !reference job\n", "f.yml")
    assert doc == {"a": {"b": {"c": ["d"]}}, "b": [["x"], {"y": "z"}], "c": "job"}
    assert line_of(doc["c"]) == 3
    (doc,) = load_documents("a: !reference [job, image]\n", "f.yml")
    assert doc["a"] == Reference(("job", "image"), 1)


def test_text_that_is_not_yaml_is_refused_naming_the_file_and_the_first_line_of_the_reason() -> None:
    with pytest.raises(ConfigError) as caught:
        load_documents("a: [b\n", "f.yaml")
    assert str(caught.value) == "f.yaml: not valid YAML: while parsing a flow sequence"
    with pytest.raises(ConfigError) as caught:
        load_documents("image: {{ .x }}\n", "f.yaml")
    assert str(caught.value) == (
        "f.yaml: not valid YAML: while constructing a mapping"
        " (a template: render it first, with `helm template` for a Helm chart)"
    )
