"""A Taskfile task's loops and vars as taskfile_vars.py renders them: each `for:` entry with its own items, whichever
key of the entry comes first, and vars that build on one another kept to a bounded size."""

from __future__ import annotations

from ecr_mirror.choose.discovery.taskfile_vars import task_variants
from tests.support.hang_guard import finishes

LOOPS = """\
version: '3'
tasks:
  release:
    deps:
      - for: [linux, darwin]
        task: build
        vars: {GOOS: '{{.ITEM}}'}
    cmds:
      - cmd: GOOS={{.ITEM}} go build ./...
        for: [linux, windows]
      - for: ['busybox:1.36']
        cmd: docker run --rm {{.ITEM}} true
"""


def _rendered_lines(text: str) -> set[str]:
    return {
        variant.splitlines()[number - 1].strip()
        for variant, numbers in task_variants(text, "Taskfile.yml")
        for number in numbers
    }


def test_each_for_entry_loops_over_its_own_items_whichever_key_comes_first() -> None:
    # a review found the `for:` values paired with the `- for:` lines in order: `cmd:` first put the GOOS list on
    # the `docker run` line (`docker run --rm linux true`) and lost `busybox:1.36`
    assert _rendered_lines(LOOPS) == {
        "vars: {GOOS: 'linux'}",
        "vars: {GOOS: 'darwin'}",
        "- cmd: GOOS=linux go build ./...",
        "- cmd: GOOS=windows go build ./...",
        "cmd: docker run --rm busybox:1.36 true",
    }


def test_vars_that_double_one_another_stay_bounded() -> None:
    # a review found each var rendered in full with the ones before it: 24 vars doubling the last, 130 MB (40: a
    # terabyte)
    doubling = "".join(f"  X{n}: '{{{{.X{n - 1}}}}}{{{{.X{n - 1}}}}}'\n" for n in range(1, 24))
    text = f"version: '3'\nvars:\n  X0: abcdefgh\n{doubling}tasks:\n  a:\n    cmds:\n      - echo {{{{.X23}}}}\n"
    variants = task_variants(text, "Taskfile.yml")
    assert sum(len(variant) for variant, _ in variants) < 1_000_000


PULL_IMAGES = """\
version: '3'
vars:
  IMAGES:
    - quay.io/jetstack/cert-manager-controller:v1.14.2
    - docker.redpanda.com/redpandadata/redpanda:v24.1.1
tasks:
  test:pull-images:
    cmds:
      - |
        {{range .IMAGES}}
        {{- if eq $.CI "true"}}
        echo "::group::pull"
        {{- end}}
        docker pull -q "{{.}}"
        {{end}}
"""


def test_a_range_closes_at_its_own_end_not_at_an_ifs_inside_it() -> None:
    # a review found the `{{range}}` closed at the first `{{end}}`, the nested `if`'s: the `docker pull` after it was
    # never read once per image
    assert {'docker pull -q "quay.io/jetstack/cert-manager-controller:v1.14.2"'} <= _rendered_lines(PULL_IMAGES)
    assert {'docker pull -q "docker.redpanda.com/redpandadata/redpanda:v24.1.1"'} <= _rendered_lines(PULL_IMAGES)


def test_ranges_and_ifs_never_closed_are_read_in_linear_time() -> None:
    # each `{{range}}` line looked for an `{{end}}` over the rest of the task: 10,000 unclosed ones read it 10,000 times
    # (guarded at 40,000, tests/support/hang_guard.py)
    hostile = "".join(f"        {{{{range .IMAGES}}}}{{{{if .X{n}}}}}\n" for n in range(40_000))
    lines = finishes(_rendered_lines, PULL_IMAGES + "  hostile:\n    cmds:\n      - |\n" + hostile)
    assert 'docker pull -q "quay.io/jetstack/cert-manager-controller:v1.14.2"' in lines
