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


E2E_ONLY = """\
.PHONY: test
test: manifests setup-envtest
\tKUBEBUILDER_ASSETS="$(shell $(ENVTEST) use -p path)" go test $$(go list ./... | grep -v /e2e) -coverprofile cover.out

.PHONY: test-e2e-retention
test-e2e-retention:
\tPROMETHEUS_INSTALL_SKIP=true CERT_MANAGER_INSTALL_SKIP=true USE_EXISTING_CLUSTER=true \\
\tgo test ./test/e2e/ -v -ginkgo.v -timeout 90m
"""


@pytest.mark.parametrize(
    ("package", "sets"),
    [("test/e2e", True), ("test/e2e/retention", False), ("internal/controller", False), (None, True)],
)
def test_an_assignment_on_a_go_test_command_sets_it_for_the_packages_it_tests(package: str | None, sets: bool) -> None:
    assert sets_existing_cluster(E2E_ONLY, package) is sets


@pytest.mark.parametrize(
    ("command", "package"),
    [
        ("USE_EXISTING_CLUSTER=true go test ./test/...", "test/e2e"),
        ("USE_EXISTING_CLUSTER=true go test ./...", "internal/controller"),
        ("USE_EXISTING_CLUSTER=true make test", "internal/controller"),
        ("USE_EXISTING_CLUSTER=true go test $(PKGS)", "internal/controller"),
        ("export USE_EXISTING_CLUSTER=true\ngo test ./test/e2e/", "internal/controller"),
    ],
)
def test_a_command_that_may_test_the_package_sets_it(command: str, package: str) -> None:
    assert sets_existing_cluster(command + "\n", package)
