"""OpenShift's `oc`, which carries kubectl's commands (`oc apply|create|replace -f FILE`,
https://docs.redhat.com/en/documentation/openshift_container_platform/4.18/html/cli_tools/openshift-cli-oc), hands a
cluster the manifests of a heredoc as kubectl does (cluster_inputs.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.cluster_inputs import handed_files
from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

LIBRARY = """\
function install_tracing_backend {
  oc create namespace "${TRACING_NAMESPACE}" || true
  cat <<EOF | oc apply -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: jaeger
  namespace: ${TRACING_NAMESPACE}
spec:
  selector:
    matchLabels: {app: jaeger}
  template:
    metadata:
      labels: {app: jaeger}
    spec:
      containers:
      - name: jaeger
        image: docker.io/jaegertracing/all-in-one:1.62.0
EOF
  oc -n "${TRACING_NAMESPACE}" create -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
  - name: probe
    image: quay.io/acme/probe:2.1
EOF
}
"""


def test_a_heredoc_piped_to_oc_apply_is_read_as_manifests() -> None:
    found = heredoc_dockerfiles(LIBRARY, "hack/lib/tracing.bash")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("docker.io/jaegertracing/all-in-one:1.62.0", 18, None),
        ("quay.io/acme/probe:2.1", 28, None),
    ]


def test_oc_verbs_that_make_no_cluster_pull_and_words_that_only_look_like_oc() -> None:
    assert handed_files("oc apply -f deploy.yaml") == ["deploy.yaml"]
    assert handed_files("oc delete -f deploy.yaml") == []
    assert handed_files("oc process -f template.yaml") == []  # renders a template, creates nothing
    assert handed_files("echo oc apply -f x.yaml") == []
    assert handed_files("./bin/oc-mirror apply -f x.yaml") == []
