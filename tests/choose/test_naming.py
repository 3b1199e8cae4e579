from __future__ import annotations

import pytest

from ecr_mirror.choose.naming import registry_alias, target_for
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

D = "sha256:" + "b" * 64


@pytest.mark.parametrize(
    ("source", "to", "expected"),
    [
        (
            "alpine:3.20",
            "123.dkr.ecr.eu-west-1.amazonaws.com",
            "123.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/alpine:3.20",
        ),
        ("alpine:3.20", "127.0.0.1:5001/mirror", "127.0.0.1:5001/mirror/docker-hub/library/alpine:3.20"),
        ("ghcr.io/astral-sh/uv:0.5", "r.example.com/m/", "r.example.com/m/ghcr/astral-sh/uv:0.5"),
        ("quay.io/prometheus/node-exporter:v1", "r.example.com", "r.example.com/quay/prometheus/node-exporter:v1"),
        ("registry.k8s.io/pause:3.9", "r.example.com", "r.example.com/k8s/pause:3.9"),
        ("public.ecr.aws/nginx/nginx:1", "r.example.com", "r.example.com/ecr-public/nginx/nginx:1"),
        ("gcr.io/distroless/static:nonroot", "r.example.com", "r.example.com/gcr/distroless/static:nonroot"),
        ("mcr.microsoft.com/dotnet/runtime:8.0", "r.example.com", "r.example.com/mcr/dotnet/runtime:8.0"),
        ("localhost:5000/team/app:v1", "r.example.com", "r.example.com/localhost-5000/team/app:v1"),
        (f"python@{D}", "r.example.com", f"r.example.com/docker-hub/library/python@{D}"),
    ],
)
def test_target_keeps_path_under_alias(source: str, to: str, expected: str) -> None:
    assert str(target_for(parse_reference(source), to)) == expected


def test_alias_of_unknown_host_is_repository_safe() -> None:
    assert registry_alias("Registry.Example.COM:8443") == "registry-example-com-8443"


@pytest.mark.parametrize("to", ["", "https://r.example.com", "notahost/prefix", "r.example.com/Bad"])
def test_bad_destination_is_named(to: str) -> None:
    with pytest.raises(ReferenceError_) as caught:
        target_for(parse_reference("alpine"), to)
    assert repr(to) in str(caught.value) or "Bad" in str(caught.value)


def test_target_names_too_long_to_use_are_refused_naming_the_source() -> None:
    source = parse_reference("quay.io/" + "a" * 230 + ":1")  # a valid source name: 238 of Docker's 255
    assert len(target_for(source, "r.example.com").repository) == 235
    with pytest.raises(ReferenceError_) as caught:
        target_for(source, "r.example.com/team-a/mirror")  # 263 characters with the host: Docker's limit is 255
    assert str(source) in str(caught.value) and "255" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("mirror/docker-hub/library/alpine", True),
        ("registry-example-com-8443/x", True),
        ("a__b/c--d/e.f_g", True),  # ECR's model allows `__` and runs of `-` (as Docker does)
        ("a", False),
        ("Mirror/x", False),
        ("mirror//x", False),
        ("mirror/x-", False),
        ("-mirror/x", False),
        ("m/" + "x" * 254, True),
        ("m/" + "x" * 255, False),
    ],
)
def test_ecr_repository_name_grammar(name: str, ok: bool) -> None:
    from ecr_mirror.choose.naming import ecr_name_problem

    assert (ecr_name_problem(name) is None) is ok
