"""pre-commit files at their edges: an entry shlex cannot split and one without an image (each finding whole),
docker_image hooks in two repositories, and documents, repositories and hook lists of other shapes."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in

ORIGIN = ".pre-commit-config.yaml"
USE = "entry (docker_image)"


def test_an_entry_that_is_not_shell_words_and_one_without_an_image() -> None:
    text = (
        'repos:\n- repo: local\n  hooks:\n  - id: a\n    language: docker_image\n    entry: "\'example/x:1 -w"\n'
        "  - id: b\n    language: docker_image\n    entry: --rm  \n"
    )
    assert images_in(Kind.PRE_COMMIT, text, ORIGIN) == [
        Found(
            "'example/x:1 -w",
            ORIGIN,
            6,
            "the entry is not shell words pre-commit can split: No closing quotation",
            USE,
            "pre-commit",
        ),
        Found(
            "--rm",
            ORIGIN,
            9,
            "no image in the entry: pre-commit gives its words to `docker run` after its own options",
            USE,
            "pre-commit",
        ),
    ]


def test_the_hooks_of_every_repository_are_read() -> None:
    text = (
        "repos:\n- repo: local\n  hooks:\n  - id: a\n    language: docker_image\n    entry: example/a:1\n"
        "- repo: local\n  hooks:\n  - id: b\n    language: docker_image\n    entry: example/b:2 --fix\n"
    )
    assert images_in(Kind.PRE_COMMIT, text, ORIGIN) == [
        Found("example/a:1", ORIGIN, 6, use=USE, kind="pre-commit"),
        Found("example/b:2", ORIGIN, 11, use=USE, kind="pre-commit"),
    ]


def test_documents_repositories_and_hook_lists_of_other_shapes_give_nothing() -> None:
    hooks = "  - id: a\n    language: docker_image\n    entry: example/a:1\n"
    text = (
        "just text\n---\nrepos:\n---\nrepos: local\n---\nrepos:\n- local\n- repo: x\n  hooks:\n"
        "- repo: y\n  hooks: all\n- repo: z\n  hooks:\n" + hooks
    )
    assert images_in(Kind.PRE_COMMIT, text, ORIGIN) == [Found("example/a:1", ORIGIN, 17, use=USE, kind="pre-commit")]
