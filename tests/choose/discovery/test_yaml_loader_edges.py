"""The YAML loader at its edges: text that is no YAML is a template for `{%` (Jinja) and `<%` (ERB) markup alone, and
a mapping holding a merge key of a list of scalars keeps its good merge key and its plain keys."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.yaml_loader import TemplateText, load_documents


@pytest.mark.parametrize("text", ["{% if x %}\nimage: [a\n{% endif %}\n", "<% if a %>\nimage: [a\n"])
def test_text_that_is_no_yaml_with_jinja_or_erb_markup_is_a_template(text: str) -> None:
    with pytest.raises(TemplateText):
        load_documents(text, "deploy.yaml")


def test_a_merge_key_of_scalars_is_dropped_and_the_rest_kept() -> None:
    text = """\
base: &base {image: "app:1"}
paths: &paths [src, docs]
job:
  <<: *base
  <<: *paths
  name: build
"""
    [document] = load_documents(text, "ci.yaml")
    assert document["job"] == {"image": "app:1", "name": "build"}
