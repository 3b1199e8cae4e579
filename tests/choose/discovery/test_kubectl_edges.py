"""kubectl and kind commands at the edges of what kubectl.py reads: global options before the verb, each created
kind, `set image` pairs, `--` ending the options, a pull policy of Never, kind's other verbs, commands in prose or
comments, blank and missing values, continuations, `$(...)`; each finding compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kubectl import kubectl_images

UNSET = "has no value in this file (set by the environment, the command line or a caller)"
MAKEFILE = r"""TAG=1.2
kubectl run web --image=nginx:1.27
kubectl -n qa --context=c run api --image app:${TAG}
kubectl --namespace qa -v 4 --insecure-skip-tls-verify run x --image=busy:1 --image-pull-policy=Always
kubectl run local --image=built:dev --image-pull-policy=Never
kubectl create deployment d --image=a:1 --image=b:2
kubectl create deploy d2 --image=c:3
kubectl create cj j --image=d:4 -- --image=notme:1
kubectl create job j2 --image=e:5
kubectl create cronjob j3 --image=f:6
kubectl create secret s --image=no:1
kubectl create
kubectl set image deployment/web web=g:7 -c=no sidecar=h:8
kubectl set images deployment/web web=no:2
kubectl apply -f x --image=no:3
kind create cluster --image=kindest/node:v1.33.1
kind create cluster --name x --image kindest/node:v1.32.0
kind delete cluster --image=no:4
kind get cluster --image=no:5
echo "kubectl run e --image=no:6"
# kubectl run c --image=no:7
// kubectl run c --image=no:8
kubectl run u --image=$UNSET
kubectl run blank --image=
kubectl run last --image
mykubectl run m --image=no:9
kubectl run cont \
  --image=cont:1
OUT=$(kubectl run sub --image=sub:1)
kubectl run q --image "quoted:1"
"""


def _found(text: str, line: int, use: str, problem: str | None = None, origin: str = "Makefile") -> Found:
    return Found(text, origin, line, problem, use)


def test_every_command_form() -> None:
    assert kubectl_images(MAKEFILE, "Makefile") == [
        _found("nginx:1.27", 2, "kubectl run"),
        _found("app:1.2", 3, "kubectl run"),
        _found("busy:1", 4, "kubectl run"),
        _found("a:1", 6, "kubectl create deployment"),
        _found("b:2", 6, "kubectl create deployment"),
        _found("c:3", 7, "kubectl create deploy"),
        _found("d:4", 8, "kubectl create cj"),
        _found("e:5", 9, "kubectl create job"),
        _found("f:6", 10, "kubectl create cronjob"),
        _found("g:7", 13, "kubectl set image"),
        _found("h:8", 13, "kubectl set image"),
        _found("kindest/node:v1.33.1", 16, "kind create cluster"),
        _found("kindest/node:v1.32.0", 17, "kind create cluster"),
        _found("$UNSET", 23, "kubectl run", f"$UNSET {UNSET}"),
        _found("cont:1", 27, "kubectl run"),
        _found("sub:1", 29, "kubectl run"),
        _found("quoted:1", 30, "kubectl run"),
    ]


def test_yaml_keys_and_package_json_lines() -> None:
    ci = "build:\n  script:\n    - kubectl run a --image=$IMG\n  variables:\n    IMG: y:1\n"
    assert kubectl_images(ci, "ci.yml") == [_found("y:1", 3, "kubectl run", origin="ci.yml")]
    assert kubectl_images(ci.replace("IMG: y:1", "IMG=y:1"), "ci.txt") == [
        _found("y:1", 3, "kubectl run", origin="ci.txt")
    ]
    package = '{\n  "scripts": {\n    "k": "kubectl run a --image=pj:1",\n    "d": "x"\n  }\n}\n'
    assert kubectl_images(package, "web/package.json") == [_found("pj:1", 3, "kubectl run", origin="web/package.json")]
    assert kubectl_images("nothing here", "x") == []


def test_a_package_json_on_one_line() -> None:
    package = '{"scripts": {"k": "kubectl run a --image=pj:1", "d": "docker run pj:2"}}'
    assert kubectl_images(package, "package.json") == [_found("pj:1", 1, "kubectl run", origin="package.json")]
    assert [(item.text, item.line) for item in docker_runs(package, "package.json")] == [("pj:2", 1)]
    compact = (
        '{\n  "scripts": {"k": "kubectl run a --image=pj:3", "x": "echo \\"kubectl run b --image=no:1\\""},'
        '\n  "v": 1\n}'
    )
    assert [(item.text, item.line) for item in kubectl_images(compact, "package.json")] == [("pj:3", 2)]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("kubectl --help", []),
        ("kubectl run --image=r:1 x", [("r:1", "kubectl run")]),
        ("kubectl create deployment --image=x:1 name", [("x:1", "kubectl create deployment")]),
        ("kubectl set image nginx=i:1 -f pod.yaml", [("i:1", "kubectl set image")]),
        ("kind create cluster --image=k:1", [("k:1", "kind create cluster")]),
        ("echo kubectl; kubectl run a --image=z:1", [("z:1", "kubectl run")]),
        ("kubectl get x; kubectl run b --image=z:2", [("z:2", "kubectl run")]),
        ("kubectl create deployment d --image= --image=z:3", [("z:3", "kubectl create deployment")]),
    ],
)
def test_one_command(command: str, expected: list[tuple[str, str]]) -> None:
    assert kubectl_images(command, "x.sh") == [_found(text, 1, use, origin="x.sh") for text, use in expected]


def test_yaml_keys_in_a_yaml_file() -> None:
    assert kubectl_images("s:\n  - kubectl run a --image=$IMG\n  IMG: y:1\n", "ci.yaml") == [
        _found("y:1", 2, "kubectl run", origin="ci.yaml")
    ]


def test_the_openshift_cli_runs_kubectl_s_commands() -> None:
    script = """\
#!/bin/bash
query_catalog() {
  local BUNDLES=$(oc run grpcurl-query -n openshift-marketplace \\
    --rm=true \\
    --restart=Never \\
    --image=docker.io/fullstorydev/grpcurl:v1.7.0 \\
    -- -plaintext "${REGISTRY_IP}:50051" api.Registry.ListBundles | head -n -1)
}
oc -n qa debug node/worker-0 --image=registry.access.redhat.com/ubi9/toolbox:9.5
echo "oc run x --image=no:1"
"""
    found = kubectl_images(script, "build/scripts/catalog.sh")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("docker.io/fullstorydev/grpcurl:v1.7.0", 3, "oc run"),
        ("registry.access.redhat.com/ubi9/toolbox:9.5", 9, "oc debug"),
    ]
