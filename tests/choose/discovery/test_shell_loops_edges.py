"""Loops over literal words at their edges (shell_loops.py): a loop on the text's first line, `do` starting a line
with the body after it, continued headers, quoted words and words with upper-case letters, 0, MAX_WORDS (256) and
one more word, trailing `&`, `;`, `&&` and `;;`, loops one after another, nested loops of each kind, a line that
starts with `done` but is no `done`, a loop without `done`, a header continued past the end of the text."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.shell_loops import MAX_WORDS, loops_unrolled


def test_a_loop_on_the_first_line_with_its_body_after_do_and_no_last_newline() -> None:
    assert loops_unrolled("for v in 1 2\ndo docker pull a:$v\ndone") == (
        "for v in 1 2\ndo docker pull a:1 ; do docker pull a:2\ndone"
    )


def test_a_continued_header_and_nested_loops_of_each_kind() -> None:
    text = (
        "for image in redis:7.2\\\n    minio/minio:latest\ndo\n"
        "  while true; do\n    until false; do\n      docker pull x/$image\n    done\n  done\n"
        "  for n in 1; do echo $n; done\n"
        "  docker pull $image\ndone\necho $image\n"
    )
    assert loops_unrolled(text).splitlines() == [
        "for image in redis:7.2\\",
        "    minio/minio:latest",
        "do",
        "  while true; do",
        "    until false; do",
        "      docker pull x/redis:7.2 ; docker pull x/minio/minio:latest",
        "    done",
        "  done",
        "  for n in 1; do echo 1; done",
        "  docker pull redis:7.2 ; docker pull minio/minio:latest",
        "done",
        "echo $image",
    ]


def test_one_line_loops_one_after_another() -> None:
    text = (
        "for f in $(ls); do echo $f; done\n"
        "for v in 3.X '4.X'; do docker pull acme/app:$v; done\n"
        'for v in "a" b; do echo hi; done\n'
        "for v in c d; do docker pull x:$v &;done\n"
        "for X in e f; do docker pull app:$X; done\n"
    )
    assert loops_unrolled(text).splitlines() == [
        "for f in $(ls); do echo $f; done",
        "for v in 3.X '4.X'; do docker pull acme/app:3.X ; docker pull acme/app:4.X; done",
        'for v in "a" b; do echo hi; done',
        "for v in c d; do docker pull x:c ; docker pull x:d; done",
        "for X in e f; do docker pull app:e ; docker pull app:f; done",
    ]


def test_trailing_operators_and_a_line_that_starts_with_done() -> None:
    text = (
        "for v in a b; do\n  docker pull x:$v &\n  docker pull v:$v&\n  docker pull y:$v  ;\n"
        "  docker pull z:$v &&\n  true\n"
        "  case $v in\n    a) docker pull w:$v ;;\n  esac\n  done_pulls=yes\n  docker pull q:$v\ndone\necho $v\n"
    )
    assert loops_unrolled(text).splitlines() == [
        "for v in a b; do",
        "  docker pull x:a ; docker pull x:b",
        "  docker pull v:a ; docker pull v:b",
        "  docker pull y:a ; docker pull y:b",
        "  docker pull z:a && ; docker pull z:b &&",
        "  true",
        "  case a in ; case b in",
        "    a) docker pull w:a ;; ; a) docker pull w:b ;;",
        "  esac",
        "  done_pulls=yes",
        "  docker pull q:a ; docker pull q:b",
        "done",
        "echo $v",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "for x in ; do docker pull a:$x; done\n",
        "for v in a b\ndo\n docker pull x:$v\n",
        "done\nfor x in a \\",
        "for v in " + " ".join(f"w{n}" for n in range(MAX_WORDS + 1)) + "; do docker pull x:$v; done\n",
    ],
)
def test_loops_left_as_written(text: str) -> None:
    assert loops_unrolled(text) == text


def test_max_words_are_unrolled() -> None:
    words = [f"w{n}" for n in range(MAX_WORDS)]
    text = "for v in " + " ".join(words) + "; do docker pull x:$v; done\n"
    assert loops_unrolled(text) == text.replace("docker pull x:$v", " ; ".join(f"docker pull x:{w}" for w in words))
