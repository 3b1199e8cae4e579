"""YAML a script writes in a heredoc for a tool that makes a cluster pull: Helm values given to `helm install
--values FILE` (or `--values -`), manifests piped to `kubectl apply -f -`, a kind config given to `kind create
cluster --config FILE`. Their images are pulled by the cluster; a YAML heredoc no such command reads is not."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

WORKFLOW_STEP = """\
      - name: Write values
        run: |
          cat <<EOF > test-values.yaml
          image:
            operator:
              tag: main
          podIdentity:
            enabled: ${{ matrix.identity }}
          extraInitContainers:
            - name: hello-once
              image: 'busybox:glibc'
          extraContainers:
            - name: local
              image: probe:dev
              imagePullPolicy: Never
          EOF
      - name: Install
        run: helm install op ./chart --namespace ops --values test-values.yaml --wait
"""


def test_a_values_file_written_in_a_heredoc_for_helm_lists_its_image_strings() -> None:
    found = heredoc_dockerfiles(WORKFLOW_STEP, ".github/workflows/ci.yml")
    assert [(item.text, item.line, item.problem) for item in found] == [("busybox:glibc", 11, None)]
    assert found[0].use == "image (a YAML file in a heredoc)"


SCRIPT = """\
#!/usr/bin/env bash
BUSYBOX=busybox:1.36.1
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: echo
spec:
  template:
    spec:
      containers:
        - name: echo
          image: ealen/echo-server:0.9.2
        - name: sidecar
          image: ${BUSYBOX}
        - name: unknown
          image: ${AGENT_IMAGE}
EOF
cat <<'EOF' | kubectl --context kind-e2e create -f-
apiVersion: v1
kind: Pod
metadata:
  name: probe
spec:
  containers:
    - name: probe
      image: curlimages/curl:8.11.1
EOF
helm upgrade --install cache bitnami/redis --values=- <<EOF
image:
  pullPolicy: IfNotPresent
metrics:
  image: 'oliver006/redis_exporter:v1.67.0'
EOF
cat > "$WORK/kind.yaml" <<EOF
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    image: kindest/node:v1.33.1
EOF
kind create cluster --config "$WORK/kind.yaml"
cat <<'EOF' > notes.yaml
image: not-read-by-anything:1
EOF
cat <<EOF > other-values.yaml
image: never-installed:1
EOF
echo "done"
"""


def test_manifests_piped_to_kubectl_values_fed_to_helm_and_a_kind_config_list_their_images() -> None:
    found = heredoc_dockerfiles(SCRIPT, "hack/e2e.sh")
    assert [(item.text, item.line) for item in found if item.problem is None] == [
        ("ealen/echo-server:0.9.2", 13),
        ("busybox:1.36.1", 15),
        ("curlimages/curl:8.11.1", 27),
        ("oliver006/redis_exporter:v1.67.0", 33),
        ("kindest/node:v1.33.1", 40),
    ]
    unresolved = [item for item in found if item.problem is not None]
    assert [(item.line, "AGENT_IMAGE" in (item.problem or "")) for item in unresolved] == [(17, True)]
    assert not any("not-read" in item.text or "never-installed" in item.text for item in found)
