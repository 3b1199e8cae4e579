"""A manifest heredoc handed to kubectl that is YAML only once the shell has expanded it: a line holding only a
variable (`${node_affinity}`, a block another heredoc of the script assigned) pastes lines in, so the body as written
does not parse; its `image:` lines are read one by one, as a compose heredoc's are (heredoc_dockerfiles.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

SCRIPT = """\
#!/usr/bin/env bash
node_affinity=""
if [[ -n "${DEDICATED_NODE:-}" ]]; then
  node_affinity=$(cat <<-EOF
      affinity:
        nodeAffinity: {}
EOF
)
fi
cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: otel
spec:
  selector:
    matchLabels: {app: otel}
  template:
    metadata:
      labels: {app: otel}
    spec:
      containers:
      - name: otel
        image: docker.io/otel/opentelemetry-collector:0.115.0
        resources:
          requests:
            memory: ${memory}
${node_affinity}
---
EOF
"""


def test_the_image_lines_of_a_manifest_heredoc_shaped_by_a_pasted_block() -> None:
    found = heredoc_dockerfiles(SCRIPT, "hack/lib/otel.bash")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("docker.io/otel/opentelemetry-collector:0.115.0", 24, None)
    ]
    assert found[0].use == "image (a YAML file in a heredoc, its line)"


def test_a_manifest_heredoc_broken_otherwise_is_not_read() -> None:
    broken = SCRIPT.replace("${node_affinity}\n", "\tbroken: [\n")
    assert heredoc_dockerfiles(broken, "hack/lib/otel.bash") == []
