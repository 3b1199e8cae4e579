"""The images `kubectl run`, `kubectl create deployment|job|cronjob` and `kubectl set image` make a cluster pull,
read where `docker run` lines are (Makefiles, scripts, CI steps), only in command position."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images


def _pairs(text: str, origin: str = "scripts/smoke.sh") -> list[tuple[str, int | None, str | None, str]]:
    return [(item.text, item.line, item.problem, item.use) for item in kubectl_images(text, origin)]


def test_kubectl_run_create_and_set_image_in_their_forms() -> None:
    text = """\
#!/usr/bin/env bash
set -euo pipefail
CURL_IMAGE="curlimages/curl:8.11.0"
kubectl run smoke --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- http://web
OUT=$(kubectl -n qa run probe --quiet=true --image "$CURL_IMAGE" \\
        --restart=Never -- curl -s http://web/health)
kubectl create deployment cache --image=redis:7.4-alpine --replicas=2
kubectl create deployment multi --image=nginx:1.27 --image=prom/statsd-exporter:v0.27.1
kubectl create job migrate --image=ghcr.io/acme/migrate:2.3 -- /migrate up
kubectl set image deployment/web web=nginx:1.27.2 sidecar=envoyproxy/envoy:v1.31.0
kubectl -n qa set image deploy web app=$NEW_IMAGE
kubectl run local --image=acme/app:dev --image-pull-policy=Never
kubectl run nothing --restart=Never
kubectl get pods --selector=app=web
echo "kubectl run demo --image=not/pulled:1"
# kubectl run commented --image=commented/out:1
"""
    assert _pairs(text) == [
        ("busybox:1.36", 4, None, "kubectl run"),
        ("curlimages/curl:8.11.0", 5, None, "kubectl run"),
        ("redis:7.4-alpine", 7, None, "kubectl create deployment"),
        ("nginx:1.27", 8, None, "kubectl create deployment"),
        ("prom/statsd-exporter:v0.27.1", 8, None, "kubectl create deployment"),
        ("ghcr.io/acme/migrate:2.3", 9, None, "kubectl create job"),
        ("nginx:1.27.2", 10, None, "kubectl set image"),
        ("envoyproxy/envoy:v1.31.0", 10, None, "kubectl set image"),
        (
            "$NEW_IMAGE",
            11,
            "$NEW_IMAGE has no value in this file (set by the environment, the command line or a caller)",
            "kubectl set image",
        ),
    ]


def test_in_a_workflow_step_with_env_values() -> None:
    workflow = """\
env:
  PROBE: curlimages/curl:8.11.0
jobs:
  k8s:
    runs-on: ubuntu-latest
    steps:
      - name: probe
        run: |
          OUT=$(kubectl run curl --quiet=true --image=$PROBE \\
                --restart=Never -- -s http://svc)
          kubectl run web --image=nginx:1.27 --port=80
"""
    assert [(text, line) for text, line, _, _ in _pairs(workflow, ".github/workflows/k8s.yml")] == [
        ("curlimages/curl:8.11.0", 9),
        ("nginx:1.27", 11),
    ]


def test_faas_cli_deploy_makes_the_openfaas_cluster_pull_its_image() -> None:
    script = (
        "#!/bin/sh\n"
        'faas-cli deploy --image=functions/alpine:latest --fprocess=cat --name "echo"\n'
        "faas-cli deploy --gateway $GW --image ghcr.io/openfaas/figlet:0.13.0 --name figlet\n"
        "faas-cli deploy -f stack.yml\n"
        'echo "faas-cli deploy --image=not/run:1"\n'
    )
    found = kubectl_images(script, "contrib/run_function.sh")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("functions/alpine:latest", 2, "faas-cli deploy"),
        ("ghcr.io/openfaas/figlet:0.13.0", 3, "faas-cli deploy"),
    ]


def test_sonobuoy_run_makes_the_cluster_pull_its_conformance_and_aggregator_images() -> None:
    script = """\
#!/usr/bin/env bash
readonly CONFORMANCE=${CONFORMANCE:-gcr.io/acme-staging/conformance@sha256:%s}
sonobuoy run \\
    --skip-preflight \\
    --kube-conformance-image=${CONFORMANCE} \\
    --plugin e2e \\
    --wait
sonobuoy run --sonobuoy-image docker.io/sonobuoy/sonobuoy:v0.57.3 --systemd-logs-image=sonobuoy/systemd-logs:v0.4
sonobuoy retrieve
echo "sonobuoy run --kube-conformance-image=not/run:1"
""" % ("0123456789abcdef" * 4)
    found = kubectl_images(script, "test/scripts/conformance.sh")
    assert [(item.text, item.line, item.use) for item in found] == [
        (
            "gcr.io/acme-staging/conformance@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            3,
            "sonobuoy run",
        ),
        ("docker.io/sonobuoy/sonobuoy:v0.57.3", 8, "sonobuoy run"),
        ("sonobuoy/systemd-logs:v0.4", 8, "sonobuoy run"),
    ]


def test_gcloud_run_deploy_makes_cloud_run_pull_its_image() -> None:
    script = """\
#!/bin/bash
REGION=europe-west1
gcloud run deploy web --image=us-docker.pkg.dev/cloudrun/container/hello --region "$REGION" --no-allow-unauthenticated
gcloud beta run deploy api --region "$REGION" \\
    --image ghcr.io/acme/api:1.4.2 \\
    --set-env-vars MODE=prod
gcloud run jobs create nightly --image=docker.io/acme/batch:2.0 --tasks 1
gcloud run deploy site --source . --region "$REGION"
gcloud run services describe web --format 'value(status.url)'
echo "gcloud run deploy x --image=not/run:1"
"""
    assert _pairs(script, "examples/cloudrun/deploy.sh") == [
        ("us-docker.pkg.dev/cloudrun/container/hello", 3, None, "gcloud run deploy"),
        ("ghcr.io/acme/api:1.4.2", 4, None, "gcloud run deploy"),
        ("docker.io/acme/batch:2.0", 7, None, "gcloud run jobs create"),
    ]


def test_kubectl_debug_makes_the_cluster_pull_its_debug_container_image() -> None:
    """`kubectl debug` adds an ephemeral container running `--image` to a running pod, runs a copy of the pod with
        it, or starts a pod on a node from it; `--set-image NAME=IMAGE,...` changes the copy's containers' images
    (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_debug/)."""
    text = """\
kubectl debug -it web-0 --image=busybox:1.36 --target=web
if kubectl -n qa debug node/worker-1 --image docker.io/library/ubuntu:24.04 -- true; then exit 0; fi
kubectl debug web-0 --copy-to=web-debug --image=ghcr.io/acme/toolbox:3.1 --share-processes
kubectl debug web-0 --copy-to=web-debug --set-image=*=ghcr.io/acme/app:debug
"""
    assert _pairs(text) == [
        ("busybox:1.36", 1, None, "kubectl debug"),
        ("docker.io/library/ubuntu:24.04", 2, None, "kubectl debug"),
        ("ghcr.io/acme/toolbox:3.1", 3, None, "kubectl debug"),
        ("ghcr.io/acme/app:debug", 4, None, "kubectl debug"),
    ]
