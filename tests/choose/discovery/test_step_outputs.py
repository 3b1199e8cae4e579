"""The values a bash step writes to `$GITHUB_OUTPUT`, which later steps read as `${{ steps.ID.outputs.NAME }}`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.step_outputs import step_outputs
from tests.support.hang_guard import finishes

CASE = """\
distro="rocky-9"
case "$distro" in
  centos-9) image="quay.io/centos/centos:stream9" ;;
  rocky-8|rocky-9)
    image="rockylinux:${distro#rocky-}"
    image="rockylinux:9"
    ;;
  *) image="$distro" ;;
esac
echo "image=$image" >> $GITHUB_OUTPUT
echo "Using $image"
"""


def test_a_case_over_a_literal_word_takes_the_arm_it_matches() -> None:
    assert step_outputs(CASE) == {"image": "rockylinux:9"}


def test_the_default_arm_when_no_pattern_matches() -> None:
    assert step_outputs(CASE.replace('"rocky-9"', '"alpine:3.20"')) == {"image": "alpine:3.20"}


def test_quoted_and_braced_spellings_of_the_output_file() -> None:
    text = 'TAG=1.2\necho "a=x:${TAG}" >> "$GITHUB_OUTPUT"\necho b=y:$TAG >> ${GITHUB_OUTPUT}\n'
    assert step_outputs(text) == {"a": "x:1.2", "b": "y:1.2"}


def test_a_value_only_the_run_knows_is_not_read() -> None:
    text = (
        'image="a:1"\nif [ -n "$X" ]; then\n  image="b:2"\nfi\necho "image=$image" >> $GITHUB_OUTPUT\n'
        'echo "sha=$(git rev-parse HEAD)" >> $GITHUB_OUTPUT\necho "c=$UNSET" >> $GITHUB_OUTPUT\n'
    )
    assert step_outputs(text) == {}


def test_a_case_over_a_word_only_the_run_knows_is_not_read() -> None:
    text = 'case "$(uname -m)" in\n  x86_64) i=a:1 ;;\n  *) i=b:1 ;;\nesac\necho "i=$i" >> $GITHUB_OUTPUT\n'
    assert step_outputs(text) == {}


def test_an_unclosed_case_on_huge_input_finishes() -> None:
    text = "a=b\n" + 'case "x" in\nx)\n' * 100_000 + "if [ x ]\n" * 100_000 + 'echo "a=$a" >> $GITHUB_OUTPUT\n'
    assert finishes(step_outputs, text) == {}  # the write is in an `if` only the run decides
