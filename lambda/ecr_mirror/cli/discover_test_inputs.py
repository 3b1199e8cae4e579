"""The files a walk finds that tests only feed to a program or compare with its results, by reason: not read."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_argocd_lua_tests import ARGOCD_LUA_TESTS, argocd_lua_test_inputs
from ecr_mirror.cli.discover_chainsaw_inputs import CHAINSAW_INPUTS, chainsaw_inputs
from ecr_mirror.cli.discover_concourse import UNRUN_TASKS, unrun_task_files
from ecr_mirror.cli.discover_envtest_fixtures import ENVTEST_FIXTURES, envtest_fixtures
from ecr_mirror.cli.discover_gator_suites import GATOR_DENIED, gator_denied_objects
from ecr_mirror.cli.discover_go_fixture_dirs import GO_FIXTURE_DIRS, go_fixture_dirs
from ecr_mirror.cli.discover_go_golden import GO_GOLDEN, go_golden_outputs
from ecr_mirror.cli.discover_go_ignored_fixtures import GO_IGNORED_FIXTURES, go_ignored_fixtures
from ecr_mirror.cli.discover_go_unit_fixtures import GO_UNIT_FIXTURES, go_unit_fixtures
from ecr_mirror.cli.discover_kyverno_tests import KYVERNO_TESTS, kyverno_test_inputs
from ecr_mirror.cli.discover_parser_fixtures import PARSER_FIXTURES, parser_fixtures

Files = list[tuple[str, Path, Kind]]


def test_inputs(
    files: Files, sources: list[tuple[str, Path]], top: Path, scripts: list[tuple[str, Path]]
) -> list[tuple[str, Files]]:
    """(reason, the files of `files` left out for it): the Dockerfiles a module's own parser is tested on
    (cli/discover_parser_fixtures.py), Kyverno CLI tests' inputs (cli/discover_kyverno_tests.py), the objects gator
    suites expect a Gatekeeper policy to deny (cli/discover_gator_suites.py), the inputs of Argo
    CD's Lua health and action tests (cli/discover_argocd_lua_tests.py), and what Chainsaw
    tests only assert or expect to be denied (cli/discover_chainsaw_inputs.py), the `testdata/` files a Go test of
    their package rewrites, its expected outputs (cli/discover_go_golden.py), the manifests a Go package's tests
    apply to envtest (cli/discover_envtest_fixtures.py), and those only its unit tests read
    (cli/discover_go_unit_fixtures.py), also from a test fixture directory of another name
    (cli/discover_go_fixture_dirs.py), and the `testdata/` of a package no build compiles
    (cli/discover_go_ignored_fixtures.py); and, not a test's, the Concourse task files no pipeline of the tree runs
    (cli/discover_concourse.py)."""
    return [
        (PARSER_FIXTURES, parser_fixtures(files, sources, top)),
        (KYVERNO_TESTS, kyverno_test_inputs(files)),
        (GATOR_DENIED, gator_denied_objects(files)),
        (ARGOCD_LUA_TESTS, argocd_lua_test_inputs(files)),
        (CHAINSAW_INPUTS, chainsaw_inputs(files)),
        (GO_GOLDEN, go_golden_outputs(files, sources)),
        (ENVTEST_FIXTURES, envtest_fixtures(files, sources, top)),
        (GO_UNIT_FIXTURES, go_unit_fixtures(files, sources, top)),
        (GO_FIXTURE_DIRS, go_fixture_dirs(files, sources, top)),
        (GO_IGNORED_FIXTURES, go_ignored_fixtures(files, sources)),
        (UNRUN_TASKS, unrun_task_files(files, scripts, top)),
    ]
