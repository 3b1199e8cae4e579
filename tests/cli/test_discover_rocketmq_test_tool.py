"""`ecr-mirror discover` on a workflow step of `apache/rocketmq-test-tool` whose `yamlString` input asks it to run
the e2e tests (`action: test`): the action creates a Pod of `CONTAINER.IMAGE` in the cluster it is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

WORKFLOW = (
    "on: [pull_request]\n"
    "jobs:\n"
    "  e2e:\n"
    "    runs-on: ubuntu-latest\n"
    "    steps:\n"
    "      - uses: apache/rocketmq-test-tool@java-dev\n"
    "        name: java e2e test\n"
    "        with:\n"
    "          yamlString: |\n"
    "            action: test\n"
    "            namespace: app-${{ github.run_id }}\n"
    "            askConfig: ${{ secrets.KUBE_CONFIG }}\n"
    "            KIND: Pod\n"
    "            ENV:\n"
    "              CMD: mvn test\n"
    "            CONTAINER:\n"
    "              IMAGE: acme/test-runner:v1.2\n"
    "              RESOURCE_LIMITS:\n"
    "                cpu: 2\n"
    "      - uses: apache/rocketmq-test-tool@java-dev\n"
    "        name: deploy\n"
    "        with:\n"
    "          yamlString: |\n"
    "            action: deploy\n"
    "            CONTAINER:\n"
    "              IMAGE: acme/not-a-test-pod:v1\n"
    "      - uses: acme/other-tool@v1\n"
    "        with:\n"
    "          yamlString: |\n"
    "            action: test\n"
    "            CONTAINER:\n"
    "              IMAGE: acme/other:v1\n"
)


def test_the_test_pod_image_of_a_rocketmq_test_tool_step_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {".github/workflows/e2e.yml": WORKFLOW})
    records = discover_records(tmp_path, monkeypatch, capsys)
    # a deploy step, and another action's input of the same shape, run no test pod
    assert [(r["file"], r["line"], r["reference"], r["status"]) for r in records] == [
        (".github/workflows/e2e.yml", 17, "acme/test-runner:v1.2", "public")
    ]
