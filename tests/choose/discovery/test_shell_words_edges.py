"""Shell words and file variables at their edges: where a command ends, escapes and quotes, `$(...)` kept whole,
each assignment form, quoted and empty values, defaults, two values, and the depth of variables defined from
variables (through defaults too)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues


@pytest.mark.parametrize(
    ("rest", "words"),
    [
        ("a\\) b", ["a)", "b"]),
        ("a # c", ["a"]),
        ("a#b c", ["a#b", "c"]),
        ("a\\", ["a\\"]),
        ("echo a\\b", ["echo", "ab"]),
        ("$((1+2)) z", ["$((1+2))", "z"]),
        ("-v $(XDG_DIR):/x img", ["-v", "$(XDG_DIR):/x", "img"]),
        ("$(shell docker run --rm busybox nproc) y", ["$(shell docker run --rm busybox nproc)", "y"]),
        ("${a:-$(b)} c", ["${a:-$(b)}", "c"]),
        ("a;b", ["a"]),
        ("a && b", ["a"]),
        ("a | b", ["a"]),
        ("a > f", ["a"]),
        # a number right before `>` or `<` is the descriptor the redirection applies to, not a word (bash's [n]>word)
        ("docker pull $Image 2>&1", ["docker", "pull", "$Image"]),
        ("docker pull x 2>/dev/null", ["docker", "pull", "x"]),
        ("read 3<f", ["read"]),
        ("a2>&1", ["a2"]),
        ("a '2'>f", ["a", "2"]),
        ("a `b`", ["a", "`b`"]),
        ("a`", ["a"]),
        ("a` x `b`", ["a"]),
        # a substitution glued to the rest of a word is part of it (an option's value)
        ("-v `pwd`/a.conf:/b.conf img", ["-v", "`pwd`/a.conf:/b.conf", "img"]),
        ("-v /x:`pwd` img", ["-v", "/x:`pwd`", "img"]),
        ("a` && `b`", ["a"]),
        ("x)", ["x"]),
        ("'' b", ["", "b"]),
        ("a 'b' c", ["a", "b", "c"]),
        ('a"b"c d', ["abc", "d"]),
        ("'unclosed word", ["unclosed word"]),
        # inside double quotes a backslash escapes `"` and itself (POSIX 2.2.3): a JSON value given to `-e`
        (
            '-e URLS="[{ name: \\"a\\", url: \\"/x\\"}]" -v a:b swaggerapi/swagger-ui',
            ["-e", 'URLS=[{ name: "a", url: "/x"}]', "-v", "a:b", "swaggerapi/swagger-ui"],
        ),
        ('"a\\\\" b', ["a\\", "b"]),
        # not in single quotes, and other escapes inside double quotes stay as written (`\$HOME` is no variable)
        ("'a\\' b", ["a\\", "b"]),
        ('"\\$HOME\\n" b', ["\\$HOME\\n", "b"]),
        # a process substitution is one word, a file's name (bash's `<(list)`, `>(list)`): an OpenShift console
        # plugin's `docker run --env-file <(set | grep BRIDGE) $CONSOLE_IMAGE`
        ("--env-file <(set | grep BRIDGE) $IMAGE", ["--env-file", "<(set | grep BRIDGE)", "$IMAGE"]),
        ("tee >(gzip > a.gz) b", ["tee", ">(gzip > a.gz)", "b"]),
        ("a <f b", ["a"]),
    ],
)
def test_the_words_of_a_command_up_to_its_end(rest: str, words: list[str]) -> None:
    assert command_words(rest) == words


def test_each_assignment_form_and_its_value() -> None:
    text = """\
IMAGE := quay.io/x:1
export TAG = 2
OPT ?= o
override Q = q
readonly R=r
local L='l'
declare -x D="d"
J := "j"  # c
P += more
P = p
K = 'quoted
E =
S = a # comment
U ::= u
V :::= v
EMPTY = ""
Q1 = ''
XV = X1-X
"""
    assert ShellValues.of(text).values == {
        "IMAGE": {"quay.io/x:1"},
        "TAG": {"2"},
        "OPT": {"o"},
        "Q": {"q"},
        "R": {"r"},
        "L": {"l"},
        "D": {"d"},
        "J": {"j"},
        "P": {"+more", "p"},
        "K": {"'quoted"},
        "E": {""},
        "S": {"a"},
        "U": {"u"},
        "V": {"v"},
        "EMPTY": {""},
        "Q1": {""},
        "XV": {"X1-X"},
    }


def test_yaml_keys_are_values_only_when_asked() -> None:
    text = "env:\n  IMAGE: alpine:3.20\n"
    assert ShellValues.of(text, yaml=True).resolve("$IMAGE") == ("alpine:3.20", None)
    assert ShellValues.of(text).resolve("$IMAGE") == (
        "$IMAGE",
        "$IMAGE has no value in this file (set by the environment, the command line or a caller)",
    )


VALUES = """\
A = $(B)
B = ${C}
C = $D
D = end
SELF = $(SELF)
X = ${Y:-def}
Z = ${NOPE:-dflt}
Z2 = ${NOPE-dflt2}
Z3 = ${NOPE:=d3}
Z4 = ${NOPE}
TWO = a
TWO = b
THREE = c
THREE = d
THREE = e
"""
NOT_KNOWN = "has no value in this file (set by the environment, the command line or a caller)"


@pytest.mark.parametrize(
    ("word", "resolved"),
    [
        ("$(A)", ("end", None)),
        ("x:$(A)-${D}", ("x:end-end", None)),
        ("$(X)", ("def", None)),
        ("$(Z)", ("dflt", None)),
        ("$(Z2)", ("dflt2", None)),
        ("$(Z3)", ("d3", None)),
        ("$(Z4)", ("$(Z4)", f"$NOPE {NOT_KNOWN}")),
        ("$(SELF)", ("$(SELF)", "a variable defined through itself")),
        ("$(TWO)", ("$(TWO)", "$TWO is assigned two values in this file (a, b): which one runs is not known")),
        ("$(THREE)", ("$(THREE)", "$THREE is assigned two values in this file (c, d): which one runs is not known")),
        ("{{ .Image }}", ("{{ .Image }}", "a template or CI expression, known only when it runs")),
        ("a*b", ("a*b", "a command substitution or make function, known only when it runs")),
        ("$(shell x)", ("$(shell x)", "a command substitution or make function, known only when it runs")),
        ("$1:$2", ("$1:$2", "$1 is an argument of the script or of its function, known only when it runs")),
        ('"${1}"', ('"${1}"', "$1 is an argument of the script or of its function, known only when it runs")),
    ],
)
def test_a_word_resolved_or_why_not(word: str, resolved: tuple[str, str | None]) -> None:
    assert ShellValues.of(VALUES).resolve(word) == resolved


def _chain(prefix: str, hops: int, *, through_defaults: bool = False) -> str:
    """P0 defined from P1 ... from P{hops}, which is `end`; each hop through a default (`${NONE:-$(P1)}`) if asked."""
    step = "${{NONE:-$({}{})}}" if through_defaults else "$({}{})"
    lines = [f"{prefix}{i} = " + step.format(prefix, i + 1) for i in range(hops)]
    return "\n".join([*lines, f"{prefix}{hops} = end", ""])


def test_variables_defined_from_variables_up_to_the_depth_limit() -> None:
    deepest = ShellValues.of(_chain("V", 7))
    assert deepest.resolve("$(V0)") == ("end", None)
    too_deep = ShellValues.of(_chain("W", 8))
    assert too_deep.resolve("$(W0)") == ("$(W0)", "a variable defined through itself")


def test_a_default_counts_as_one_more_step_of_depth() -> None:
    values = ShellValues.of(_chain("D", 4, through_defaults=True))
    assert values.resolve("$(D1)") == ("end", None)  # three hops, each through a default: depth 7
    assert values.resolve("$(D0)") == ("$(D0)", "a variable defined through itself")  # four: depth 9


def test_a_name_assigned_its_own_value_keeps_its_one_value() -> None:
    # `export NODE_COUNT=${NODE_COUNT}` (written into a settings file, or re-exported) assigns what the name holds:
    # no second value beside the script's literal one
    from ecr_mirror.choose.discovery.shell_words import ShellValues

    text = 'export NODES="1-node"\nexport NODES=${NODES}\nNODES="$NODES"\nREADY=$READY\n'
    values = ShellValues.of(text)
    assert values.resolve("v1.5.1-${NODES}") == ("v1.5.1-1-node", None)
    assert values.resolve("${READY}")[1] is not None  # only itself: no value
