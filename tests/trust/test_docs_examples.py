"""Every list example in docs/policies.md parses as the docs say (no entry errors, the policies it names)."""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.imagelist import parse_image_list

DOC = Path(__file__).resolve().parents[2] / "docs" / "policies.md"


def _examples() -> list[str]:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    return [b for b in blocks if b.lstrip().startswith(("policies:", "images:"))]


def test_every_list_example_parses_without_errors() -> None:
    examples = _examples()
    assert len(examples) >= 5
    for text in examples:
        images = parse_image_list(text, origin="docs/policies.md")
        assert not images.errors, (text, images.errors)
        named = {p.name for e in images.entries for p in e.policies} | {
            p.name for r in images.rules for p in r.options.policies
        }
        assert named, text  # each example puts a policy to work


def test_the_kubernetes_example_names_the_release_identity() -> None:
    (k8s,) = [t for t in _examples() if "registry.k8s.io/kube-apiserver" in t and "k8s-release" in t]
    (rule,) = parse_image_list(k8s).rules
    (policy,) = rule.options.policies
    assert policy.identity is not None
    assert policy.identity.identity == "krel-trust@k8s-releng-prod.iam.gserviceaccount.com"
    assert policy.identity.issuer == "https://accounts.google.com"
