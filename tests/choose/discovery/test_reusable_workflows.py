"""Reusable workflows (`on: workflow_call`) called by a job of the same repository (`uses:
./.github/workflows/db-tests.yml` with `with:`): the inputs each call gives, over the caller's matrix, and the
called workflow's images read with them."""

from __future__ import annotations

from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.choose.discovery.reusable_workflows import UNKNOWN, called_inputs, declared_inputs, workflow_calls

CALLER = """\
on: [push]
jobs:
  setup:
    runs-on: ubuntu-latest
    steps:
      - run: echo "v=1" >> "$GITHUB_OUTPUT"
  unit:
    uses: ./.github/workflows/db-tests.yml
    with:
      group: Unit
  live:
    strategy:
      matrix:
        php: ['8.2', '8.3']
        db-version: ['8.0']
        include:
          - php: '8.2'
            db-version: '5.7'
    uses: ./.github/workflows/db-tests.yml
    with:
      db-version: ${{ matrix.db-version }}
      coverage: ${{ matrix.php == needs.setup.outputs.v }}
      retries: 3
  elsewhere:
    uses: acme/shared/.github/workflows/lint.yml@v1
"""

CALLED = """\
on:
  workflow_call:
    inputs:
      group:
        type: string
        required: false
      db-version:
        description: Version of the database image
        type: string
        required: false
      cache-image:
        type: string
        default: acme/cache:7
      coverage:
        type: boolean
jobs:
  tests:
    runs-on: ubuntu-latest
    services:
      db:
        image: acme/db:${{ inputs.db-version || '8.0' }}
      cache:
        image: ${{ inputs.cache-image }}
      extra:
        image: ${{ inputs.coverage && 'acme/coverage:1' || '' }}
    steps:
      - run: true
"""


def test_the_calls_of_a_local_reusable_workflow_with_their_inputs_per_combination() -> None:
    calls = workflow_calls(CALLER, ".github/workflows/ci.yml")
    assert [(call.path, call.line) for call in calls] == [
        ("./.github/workflows/db-tests.yml", 8),
        ("./.github/workflows/db-tests.yml", 19),
    ]
    assert calls[0].inputs == [{"group": "Unit"}]
    assert calls[1].inputs == [
        {"db-version": "8.0", "coverage": UNKNOWN, "retries": 3},
        {"db-version": "8.0", "coverage": UNKNOWN, "retries": 3},
        {"db-version": "5.7", "coverage": UNKNOWN, "retries": 3},
    ]


def test_the_called_workflow_is_read_with_each_call_inputs_over_its_declared_defaults() -> None:
    declared = declared_inputs(CALLED, "db-tests.yml")
    assert declared == {"group": "", "db-version": "", "cache-image": "acme/cache:7", "coverage": False}
    contexts = called_inputs(declared, [{"group": "Unit"}, {"db-version": "5.7", "coverage": UNKNOWN}])
    assert contexts == [
        {"group": "Unit", "db-version": "", "cache-image": "acme/cache:7", "coverage": False},
        {"group": "", "db-version": "5.7", "cache-image": "acme/cache:7"},
    ]
    found = workflow_images(CALLED, ".github/workflows/db-tests.yml", contexts)
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("acme/db:8.0", 21, True),
        ("acme/db:5.7", 21, True),
        ("acme/cache:7", 23, True),
        # the second call's `coverage` is not known: the condition idiom gives its one literal image
        ("acme/coverage:1", 25, True),
    ]


def test_read_alone_an_input_is_still_unresolved() -> None:
    found = workflow_images(CALLED, ".github/workflows/db-tests.yml")
    assert [(item.line, item.problem) for item in found][:1] == [
        (21, "${{ inputs.db-version || '8.0' }} is a workflow input, known only when the workflow runs")
    ]


def test_a_call_whose_input_is_not_known_leaves_the_others_resolved() -> None:
    contexts = called_inputs(
        declared_inputs(CALLED, "db-tests.yml") or {}, [{"db-version": UNKNOWN}, {"db-version": "5.7"}]
    )
    found = [item for item in workflow_images(CALLED, "db-tests.yml", contexts) if item.line == 21]
    assert [(item.text, item.problem) for item in found] == [
        (
            "acme/db:${{ inputs.db-version || '8.0' }}",
            "${{ inputs.db-version || '8.0' }} is a workflow input, known only when the workflow runs",
        ),
        ("acme/db:5.7", None),
    ]
    caller = CALLER.replace("        php: ['8.2', '8.3']", "        php: ${{ fromJSON(needs.setup.outputs.php) }}")
    assert workflow_calls(caller, "ci.yml")[1].inputs == [{"db-version": UNKNOWN, "coverage": UNKNOWN, "retries": 3}]
