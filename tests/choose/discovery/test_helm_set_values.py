"""The values a script's `helm install|upgrade` sets on its command line (`--set`, `--set-string`), nested by their
dotted keys and typed as `--set` types them; `helm template` is not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_set_values import helm_sets, set_values

SCRIPT = """\
#!/usr/bin/env bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helm upgrade --install vectordb "${ROOT}"/charts/vectordb -n it \\
  --set replicaCount=3,image.tag=v1.7.3 --set=image.unprivileged=true
helm template vectordb "${ROOT}"/charts/vectordb --set image.tag=v0.0.1
helm install vectordb charts/vectordb --values ci.yaml
echo "helm install vectordb charts/vectordb --set image.tag=v0.0.2"
"""


def test_set_values_are_nested_and_typed_as_helm_types_them() -> None:
    given = [
        ("--set", "replicaCount=3,image.tag=v1.7.3"),
        ("--set", "image.slim=True,image.digest=null"),
        ("--set-string", "image.tag=1.10,labels.team=a\\,b"),
        ("--set", "tolerations[0].key=x,extra={a,b},image.registry=$REGISTRY"),
    ]
    # a value from a variable no script gives is kept as written: the image it makes is unresolved, not the default
    assert set_values(given) == {
        "replicaCount": 3,
        "image": {"tag": "1.10", "slim": True, "digest": None, "registry": "$REGISTRY"},
        "labels": {"team": "a,b"},
    }
    assert set_values([("--set", "image.registry=$REGISTRY")], lambda word: ("ghcr.io", None)) == {
        "image": {"registry": "ghcr.io"}
    }


def test_an_install_or_upgrade_that_sets_values_is_read_with_its_chart_words() -> None:
    sets = helm_sets(SCRIPT)
    assert [(each.line, each.values) for each in sets] == [
        (3, {"replicaCount": 3, "image": {"tag": "v1.7.3", "unprivileged": True}})
    ]
    assert ("F", ".self/../../charts/vectordb") in sets[0].charts  # sourced_paths.source_target
