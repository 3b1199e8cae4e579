"""A script's positional parameters replaced by its caller's literal arguments where the script's own are meant."""

from __future__ import annotations

from ecr_mirror.choose.discovery.script_arguments import with_arguments

SCRIPT = """\
#!/usr/bin/env bash
export SECURE="${1:-false}"
export VERSION="${2:-latest}" TAG=$2 EXTRA="${3:-none}"
echo "${2:+given}" | awk '{print $1}'  # and $1 in a comment
usage() {
  echo "usage: $0 $1"
}
case "${1}" in
  --help) shift ;;
esac
echo "$2"
"""


def test_the_caller_s_words_replace_the_script_s_own_parameters() -> None:
    lines = with_arguments(SCRIPT, ("true", "2.4.1")).splitlines()
    assert lines[1] == 'export SECURE="true"'
    assert lines[2] == 'export VERSION="2.4.1" TAG=2.4.1 EXTRA="${3:-none}"'  # no third word: the default stays
    assert lines[3] == "echo \"given\" | awk '{print $1}'  # and $1 in a comment"  # single quotes, comments kept
    assert lines[5] == '  echo "usage: $0 $1"'  # a function's own argument
    assert lines[7] == 'case "true" in'
    assert lines[10] == 'echo "$2"'  # after `shift`, $2 is another word


def test_a_word_known_only_when_the_step_runs_is_not_given() -> None:
    text = 'export VERSION="${1:-latest}"\n'
    assert with_arguments(text, ("${{ secrets.VERSION }}",)) == text
    assert with_arguments(text, ("$VERSION",)) == text
    assert with_arguments(text, ()) == text
