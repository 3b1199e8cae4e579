"""A script's wrapper functions unwritten whole: one-line and multi-line definitions, bodies at column 0, functions
back to back, calls before, after and inside definitions, several calls on a line, every form of `$@` and `$*`
(shell_functions.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_functions import unwrapped

SCRIPT = """\
kctl run early --image=early:1
kctl() { kubectl --request-timeout=30s "$@"
}
kctl run probe --image=x:1
quiet() {
"$@" >/dev/null 2>&1
}
retry() {
  for i in 1 2 3; do "$@" && break; done
  kctl get pods
}
quiet docker pull a:1 && quiet docker pull b:1
echo quiet docker && quiet docker pull c:1
kctl run after --image=y:1; kctl run again --image=z:1
one() { docker "$@"; }  \n\
one run --rm one:1
"""

UNWRAPPED = """\
kubectl run early --image=early:1
kctl() { kubectl --request-timeout=30s "$@"
}
kubectl run probe --image=x:1
quiet() {
"$@" >/dev/null 2>&1
}
retry() {
  for i in 1 2 3; do "$@" && break; done
  kctl get pods
}
      docker pull a:1 &&       docker pull b:1
echo quiet docker &&       docker pull c:1
kubectl run after --image=y:1; kubectl run again --image=z:1
one() { docker "$@"; }  \n\
docker run --rm one:1
"""


def test_every_definition_and_call_form() -> None:
    # a body line at column 0 is no closing; a `}` right after a one-line-started body closes it; the lines of a
    # wrapper's definition are not rewritten (its own call of another wrapper included); only calls where a command
    # runs are
    assert unwrapped(SCRIPT) == UNWRAPPED


def test_each_form_of_the_arguments_alone_makes_a_wrapper() -> None:
    for form in ('"$@"', '"${@}"', "$*", '"${*}"'):
        assert unwrapped(f"w() {{\n  {form}\n}}\nw docker pull f:1\n") == f"w() {{\n  {form}\n}}\n  docker pull f:1\n"
