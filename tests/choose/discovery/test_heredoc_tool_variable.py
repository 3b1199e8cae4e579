"""A heredoc handed to kubectl whose command word is a variable defaulting to the tool (`${KUBECTL:-kubectl}`, so
that a caller can give `oc` or a wrapper) and whose options before the verb come from an array expansion."""

from __future__ import annotations

from ecr_mirror.choose.discovery.cluster_inputs import handed_files
from ecr_mirror.choose.discovery.heredoc_dockerfiles import heredoc_dockerfiles

SCRIPT = """\
#!/usr/bin/env bash
flags=(--context "$1")
${KUBECTL:-kubectl} "${flags[@]}" apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
    - name: sleeper
      image: busybox:1.37
EOF
echo "${KUBECTL:-kubectl} apply -f - is what runs"
"""


def test_a_tool_given_by_a_variable_default_reads_its_heredoc() -> None:
    found = heredoc_dockerfiles(SCRIPT, "tests/e2e/blocker.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [("busybox:1.37", 11, None)]


def test_the_tool_variable_and_option_arrays_before_the_verb() -> None:
    assert handed_files('${KUBECTL_CMD:-kubectl} "${flags[@]}" create -f -') == ["-"]
    assert handed_files("${HELM-helm} $HELM_OPTS upgrade app ./chart --values values.yaml") == ["values.yaml"]
    assert handed_files('echo "${KUBECTL:-kubectl} apply -f -"') == []
    assert handed_files("${KUBECTL:-kubectl} ${VERB} -f -") == []  # the verb itself is not known
