"""An anchor defined again later in a file names the later node from there on: "an alias node refers to the most
recent preceding node having the same anchor" (https://yaml.org/spec/1.2.2/#3222-anchors-and-aliases), as Go's
yaml.v3 (Helm's reader) loads it; a chart's `values.yaml` writing `imagePullSecrets: &imagePullSecrets []` in two
sections is read, not skipped as invalid YAML."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

TEXT = (
    "operator:\n  pullSecrets: &secrets []\n  image: &image acme/operator:1.0\n  same: *image\n"
    "webhook:\n  pullSecrets: &secrets [regcred]\n  image: &image acme/webhook:2.0\n  same: *image\n"
    "both: *secrets\n"
)


def test_an_anchor_defined_again_names_the_later_node() -> None:
    document = load_documents(TEXT, "values.yaml")[0]
    assert document["operator"]["same"] == "acme/operator:1.0"
    assert document["webhook"]["same"] == "acme/webhook:2.0"
    assert document["both"] == ["regcred"]
    assert line_of(document["webhook"]["image"]) == 7
