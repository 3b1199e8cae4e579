"""The assignments of `USE_EXISTING_CLUSTER` that put envtest on the kubeconfig's cluster (envtest_environment.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.envtest_environment import sets_existing_cluster


@pytest.mark.parametrize(
    "text",
    [
        "    env:\n      USE_EXISTING_CLUSTER: true\n",
        "      USE_EXISTING_CLUSTER: 'True'\n",
        "export USE_EXISTING_CLUSTER=true\n",
        "test-e2e:\n\tUSE_EXISTING_CLUSTER=true go test ./test/e2e/...\n",
        "USE_EXISTING_CLUSTER ?= true\n",
    ],
)
def test_an_assignment_of_true_sets_it(text: str) -> None:
    assert sets_existing_cluster(text)


@pytest.mark.parametrize(
    "text",
    [
        "ifeq (, $(USE_EXISTING_CLUSTER))\n",
        'echo "${USE_EXISTING_CLUSTER:-true}"\n',
        "USE_EXISTING_CLUSTER=false go test ./...\n",
        "USE_EXISTING_CLUSTER: trueish\n",
        "MY_USE_EXISTING_CLUSTER=true\n",
    ],
)
def test_a_reference_or_another_value_does_not(text: str) -> None:
    assert not sets_existing_cluster(text)
