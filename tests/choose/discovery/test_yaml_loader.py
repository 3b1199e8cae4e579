"""The YAML loader: lines on every string, any tag, libyaml when PyYAML has it."""

from __future__ import annotations

import pytest
import yaml

from ecr_mirror.choose.discovery import yaml_loader
from ecr_mirror.choose.discovery.yaml_loader import Reference, line_of, load_documents
from ecr_mirror.errors import ConfigError


def test_strings_carry_their_line_through_anchors_and_merge_keys() -> None:
    [doc] = load_documents("base: &b\n  image: redis:7\njob:\n  <<: *b\n  other: 1\n", "f.yml")
    assert doc["job"]["image"] == "redis:7"
    assert line_of(doc["job"]["image"]) == 2


def test_unknown_tags_are_read_as_their_plain_value_and_reference_is_kept() -> None:
    [doc] = load_documents("a: !Ref [x, y]\nb: !Sub 'z'\nc: !reference [.job, image]\nd: !Tag {k: v}\n", "f.yml")
    assert doc["a"] == ["x", "y"] and doc["b"] == "z" and doc["d"] == {"k": "v"}
    assert doc["c"] == Reference((".job", "image"), 3)


def test_the_c_loader_is_used_when_pyyaml_has_libyaml() -> None:
    assert yaml.__with_libyaml__, "the test machine's PyYAML is built with libyaml"
    assert issubclass(yaml_loader._Loader, yaml.CSafeLoader)


def test_python_object_tags_build_no_objects() -> None:
    [doc] = load_documents("x: !!python/object/apply:os.system ['echo hi']\n", "f.yml")
    assert doc == {"x": ["echo hi"]}


def test_bad_yaml_names_the_file() -> None:
    with pytest.raises(ConfigError, match=r"k8s/x\.yaml: not valid YAML"):
        load_documents("a: [\n", "k8s/x.yaml")


def test_a_merge_key_whose_value_is_no_mapping_is_dropped_and_the_rest_read() -> None:
    # Woodpecker's own workflows merge a list of paths into a list item (`- <<: *when_path`), which YAML's merge
    # key does not define; the file is still read, the other merges of the same mapping applied
    text = (
        "variables:\n  - &paths ['**/*.go', go.mod]\n  - &env {A: '1'}\n"
        "steps:\n  test:\n    image: golang:1.27\n    <<: *env\n    when:\n      path:\n        - <<: *paths\n"
        "        - '.woodpecker/**'\n"
    )
    [doc] = load_documents(text, "test.yaml")
    assert doc["steps"]["test"]["image"] == "golang:1.27"
    assert doc["steps"]["test"]["A"] == "1"
    assert doc["steps"]["test"]["when"]["path"][1] == ".woodpecker/**"
