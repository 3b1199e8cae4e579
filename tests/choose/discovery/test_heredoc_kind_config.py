"""A kind cluster config a CI step writes in a heredoc for a later step to create the cluster with (the kind action's
`config:` input, https://github.com/helm/kind-action#inputs): the body says what it is (`kind: Cluster`,
`apiVersion: kind.x-k8s.io/...`), and kind pulls its nodes' images; other YAML no command reads is not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles
from ecr_mirror.cli.discover_scripts import script_pulls

STEPS = """\
name: e2e
on: push
jobs:
  e2e:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        k8s: [v1.30.4, v1.29.8]
        include:
          - k8s: v1.30.4
            digest: sha256:1111111111111111111111111111111111111111111111111111111111111111
          - k8s: v1.29.8
            digest: sha256:2222222222222222222222222222222222222222222222222222222222222222
    steps:
      - name: Write the cluster's config
        run: |
          cat > cluster.yaml <<EOF
          apiVersion: kind.x-k8s.io/v1alpha4
          kind: Cluster
          nodes:
          - role: control-plane
            image: kindest/node:${{ matrix.k8s }}@${{ matrix.digest }}
          - role: worker
            image: kindest/node:${{ matrix.k8s }}@${{ matrix.digest }}
          EOF
          cat <<EOF > notes.yaml
          image: not-read-by-anything:1
          EOF
      - name: Create the cluster
        uses: helm/kind-action@v1.13.0
        with:
          config: cluster.yaml
"""

WRITTEN = """\
tee "${TMPDIR}/multi-node.yaml" >/dev/null <<'EOF'
apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: multi
nodes:
- role: control-plane
  image: kindest/node:v1.31.2
- role: worker
EOF
"""


def test_a_kind_config_written_in_a_heredoc_is_read_without_a_later_command() -> None:
    found = heredoc_dockerfiles(WRITTEN, "hack/cluster.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [("kindest/node:v1.31.2", 7, None)]
    assert found[0].use == "image (a YAML file in a heredoc)"


def test_a_kind_config_a_step_writes_lists_each_node_image_of_the_matrix() -> None:
    found = script_pulls({}, {".github/workflows/e2e.yml": STEPS})
    listed = sorted({(item.text, item.line) for item in found if item.problem is None})
    one = "kindest/node:v1.30.4@sha256:" + "1" * 64
    two = "kindest/node:v1.29.8@sha256:" + "2" * 64
    assert listed == [(two, 22), (two, 24), (one, 22), (one, 24)]
    assert not any("not-read" in item.text for item in found)


def test_a_kind_config_in_a_step_without_a_matrix_is_read_from_the_whole_file() -> None:
    steps = STEPS.replace("${{ matrix.k8s }}@${{ matrix.digest }}", "v1.28.13")
    found = script_pulls({}, {".github/workflows/e2e.yml": steps})
    assert sorted({(item.text, item.line) for item in found}) == [
        ("kindest/node:v1.28.13", 22),
        ("kindest/node:v1.28.13", 24),
    ]
