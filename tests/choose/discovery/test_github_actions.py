"""GitHub Actions: the job's own matrix expanded into services, containers and docker:// steps; actions."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import action_images, combinations, workflow_images

WORKFLOW = """\
on: [push]
jobs:
  databases:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        db: ["postgres:16", "postgres:15", "mysql:8.4"]
        go: [stable, oldstable]
        exclude:
          - db: "postgres:15"
            go: oldstable
        include:
          - db: "mariadb:11.4"
            go: stable
    services:
      database:
        image: ${{ matrix.db }}
  containers:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        target:
          - {name: debian, image: "debian:bookworm"}
          - {name: alpine, image: "alpine:3.20"}
        python: [3.12, 3.13]
        include:
          - target: {name: fedora, image: "fedora:41"}
            python: 3.13
    container:
      image: ${{ matrix.target.image }}
    services:
      cache:
        image: "redis:${{ matrix.python == '3.13' && '8' || '7' }}"
    steps:
      - uses: docker://python:${{ matrix.python }}-slim
  optional:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include:
          - os: linux
            container: "ubuntu:24.04"
          - os: bare
    container: ${{ matrix.container }}
  dynamic:
    needs: plan
    runs-on: ubuntu-latest
    strategy:
      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}
    services:
      db:
        image: ${{ matrix.image }}
  input:
    runs-on: ubuntu-latest
    container: ${{ inputs.builder }}
"""


def _ok(found: list[Found]) -> list[str]:
    return [f.text for f in found if f.problem is None]


def test_same_file_matrices_expand_services_containers_and_steps() -> None:
    found = workflow_images(WORKFLOW, ".github/workflows/ci.yml")
    assert _ok(found) == [
        "postgres:16",
        "postgres:15",
        "mysql:8.4",
        "mariadb:11.4",
        "debian:bookworm",
        "alpine:3.20",
        "fedora:41",
        "redis:7",
        "redis:8",
        "python:3.12-slim",
        "python:3.13-slim",
        "ubuntu:24.04",
    ]
    assert all(f.line for f in found)


def test_what_the_file_cannot_say_stays_unresolved_with_the_reason_and_line() -> None:
    problems = {(f.text, f.line): f.problem for f in workflow_images(WORKFLOW, "ci.yml") if f.problem}
    assert "not written in the file" in problems[("${{ matrix.image }}", 52)]
    assert "workflow input" in problems[("${{ inputs.builder }}", 55)]
    assert len(problems) == 2


DATABASES = """\
on: [pull_request]
jobs:
  oracle:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        php: ["8.2", "8.3"]
        oracle: ["19", "21", "23"]
    services:
      oracle:
        image: example/oracle-${{ matrix.oracle < 23 && 'xe' || 'free' }}:${{ matrix.oracle }}
      cache:
        image: "${{ format('valkey/valkey:{0}-alpine', matrix.php == '8.3' && '8.1' || '7.2') }}"
  flavours:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        db: [MariaDB, mysql]
        version: ["10.11", "8.4"]
        exclude:
          - {db: MariaDB, version: "8.4"}
          - {db: mysql, version: "10.11"}
    container: ${{ matrix.db == 'mariadb' && 'mariadb' || 'mysql' }}:${{ matrix.version }}
    services:
      proxy:
        image: ${{ startsWith(matrix.version, '10.') && 'proxysql/proxysql:2.6' || '' }}
  elsewhere:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        pg: [15, 16]
    services:
      db:
        image: postgres:${{ matrix.pg > 15 && vars.PG_NEXT || matrix.pg }}
      other:
        image: ${{ matrix.pg == 16 && toJSON(matrix) || 'x' }}
"""


def test_expressions_over_the_jobs_own_matrix_are_evaluated_for_each_combination() -> None:
    found = workflow_images(DATABASES, ".github/workflows/db.yml")
    assert _ok(found) == [
        "example/oracle-xe:19",
        "example/oracle-xe:21",
        "example/oracle-free:23",
        "valkey/valkey:7.2-alpine",
        "valkey/valkey:8.1-alpine",
        "mariadb:10.11",
        "mysql:8.4",
        "proxysql/proxysql:2.6",
    ]
    problems = {f.text: f.problem for f in found if f.problem}
    assert "configuration variable" in problems["postgres:${{ matrix.pg > 15 && vars.PG_NEXT || matrix.pg }}"]
    assert "known only when the workflow runs" in problems["${{ matrix.pg == 16 && toJSON(matrix) || 'x' }}"]
    assert len(problems) == 2


def test_redis_tag_from_a_comparison_with_a_number_written_as_a_string() -> None:
    found = workflow_images(WORKFLOW, "ci.yml")
    assert [f.text for f in found if f.text.startswith("redis:")] == ["redis:7", "redis:8"]


def test_combinations_follow_githubs_include_rules() -> None:
    matrix = {"os": ["linux", "mac"], "include": [{"os": "linux", "extra": "x"}, {"os": "bsd"}]}
    assert combinations(matrix) == [{"os": "linux", "extra": "x"}, {"os": "mac"}, {"os": "bsd"}]
    assert combinations({"v": [3.10, 12]}) == [{"v": 3.1}, {"v": 12}]  # YAML 3.10 is the number 3.1, as on GitHub


def test_docker_actions_name_their_image() -> None:
    action = "name: lint\nruns:\n  using: docker\n  image: docker://ghcr.io/org/linter:2\n"
    composite = "runs:\n  using: composite\n  steps:\n    - uses: docker://alpine:3.20\n"
    built = "runs:\n  using: docker\n  image: Dockerfile\n"
    assert _ok(action_images(action, "action.yml")) == ["ghcr.io/org/linter:2"]
    assert _ok(action_images(composite, "action.yml")) == ["alpine:3.20"]
    assert action_images(built, "action.yml") == []


CHOSEN_BY_CONDITION = """\
on: [push]
jobs:
  modules:
    runs-on: ubuntu-24.04
    outputs:
      list: ${{ steps.list.outputs.modules }}
    steps:
      - id: list
        run: echo "modules=$(scripts/modules.sh)" >> "$GITHUB_OUTPUT"
  test:
    needs: [modules]
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        module: ${{ fromJSON(needs.modules.outputs.list) }}
    services:
      mssql:
        image: ${{ ( matrix.module == 'mssql' ) && 'mcr.microsoft.com/mssql/server:2022-latest' || '' }}
      db:
        image: ${{ matrix.module == 'pg' && 'postgres:16' || matrix.module == 'my' && 'mysql:8.4' || '' }}
      cache:
        image: ${{ inputs.valkey && 'valkey/valkey:8.1' || 'redis:7.4' }}
      other:
        image: ${{ matrix.image || 'alpine:3.20' }}
"""


def test_literal_images_an_unknowable_condition_chooses_between_are_each_listed() -> None:
    # the matrix comes from another job's output: each literal the condition can give is an image some job pulls
    found = workflow_images(CHOSEN_BY_CONDITION, ".github/workflows/test.yml")
    assert [(f.text, f.line) for f in found if f.problem is None] == [
        ("mcr.microsoft.com/mssql/server:2022-latest", 18),
        ("postgres:16", 20),
        ("mysql:8.4", 20),
        ("valkey/valkey:8.1", 22),
        ("redis:7.4", 22),
    ]
    assert [(f.text, f.line) for f in found if f.problem] == [("${{ matrix.image || 'alpine:3.20' }}", 24)]


REUSABLE = """\
on:
  workflow_call:
    inputs:
      server_tag:
        type: string
        default: latest
      db_version:
        type: string
        default: "8.4"
      scanned:
        type: string
        required: true
  workflow_dispatch:
    inputs:
      db_version:
        type: string
        default: "8.4"
      scanned:
        type: string
        default: ghcr.io/acme/app:main
jobs:
  e2e:
    runs-on: ubuntu-latest
    services:
      server:
        image: acme/server:${{ inputs.server_tag }}
      db:
        image: mysql:${{ inputs.db_version }}
      scan:
        image: ${{ inputs.scanned }}
      other:
        image: redis:${{ inputs.redis_tag }}
"""


def test_a_workflow_inputs_default_gives_the_image_when_every_trigger_defaults_it_alike() -> None:
    found = workflow_images(REUSABLE, ".github/workflows/e2e.yml")
    assert [(f.text, f.line) for f in found if f.problem is None] == [("acme/server:latest", 26), ("mysql:8.4", 28)]
    problems = {f.text: f.problem or "" for f in found if f.problem}
    # required by workflow_call: its callers give it, whatever the manual run's default
    assert "workflow input" in problems["${{ inputs.scanned }}"]
    assert "workflow input" in problems["redis:${{ inputs.redis_tag }}"]  # declared nowhere


def test_a_job_container_or_service_written_with_docker_scheme_is_the_image_after_it() -> None:
    text = """\
on: [pull_request]
jobs:
  fuzz:
    runs-on: ubuntu-24.04
    container: docker://rust:1.88.0
    services:
      cache:
        image: docker://ghcr.io/acme/cache:v3
  release:
    runs-on: ubuntu-24.04
    container:
      image: docker://ghcr.io/acme/dev:v12-musl
"""
    found = workflow_images(text, ".github/workflows/fuzz.yml")
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("rust:1.88.0", 5, "container", None),
        ("ghcr.io/acme/cache:v3", 8, "services", None),
        ("ghcr.io/acme/dev:v12-musl", 12, "container", None),
    ]


def test_an_expression_over_inputs_takes_their_defaults() -> None:
    """`${{ inputs.docker_tag || 'nightly-test' }}` in a workflow a person dispatches (or a schedule runs, where
    inputs are empty and the literal after `||` is taken): the input's default is what a dispatch runs with; an input
    without one stays a workflow input."""
    text = """\
on:
  workflow_dispatch:
    inputs:
      docker_tag:
        required: true
        type: string
        default: 'nightly-test-cu12.8'
      registry:
        type: string
        default: docker.io/acme
      free:
        type: string
  schedule:
    - cron: '00 14 * * 0-4'
jobs:
  test:
    runs-on: [self-hosted]
    container:
      image: acme/lmdeploy:${{ inputs.docker_tag || 'nightly-test-cu12.8' }}
    services:
      tool:
        image: ${{ format('{0}/tool:{1}', inputs.registry, inputs.docker_tag) }}
      other:
        image: acme/other:${{ inputs.free || 'main' }}
"""
    found = workflow_images(text, ".github/workflows/daily.yml")
    assert [(f.text, f.line) for f in found if f.problem is None] == [
        ("acme/lmdeploy:nightly-test-cu12.8", 19),
        ("docker.io/acme/tool:nightly-test-cu12.8", 22),
    ]
    assert [f.text for f in found if f.problem and "workflow input" in f.problem] == [
        "acme/other:${{ inputs.free || 'main' }}"
    ]
