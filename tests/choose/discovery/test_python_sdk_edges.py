"""The Docker SDK for Python at its edges: each finding whole (the unknown ones with their reason), arguments
written with blanks or without them, names, joins and f-strings, `tag=None`, `all_tags=False`, registries with a
port, a call with no image, a call at the end of the text, a comment at the start of a line, more than 16 values."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_sdk import python_sdk_pulls

RUN, PULL, KIND = "docker SDK containers.run", "docker SDK images.pull", "Python source"

CALLS = """\
import docker
IMG = "redis:7"
REPO = "acme/app"
TAG = "1.2"
c = docker.from_env()
c.containers.run(IMG )
c.images.pull("acme/x","3")
c.images.pull(REPO, tag=TAG)
c.containers.run(REPO + ":" + TAG)
c.containers . run("busybox:1")
c.containers.run(detach=True)
c.images.pull("acme/y", all_tags=False)
c.images.pull("acme/z", tag=None)
c.images.pull("localhost:5000/app", tag="1")
c.images.pull("localhost:5000/app:1", tag="2")
"""


def test_each_call_form_whole() -> None:
    assert python_sdk_pulls(CALLS, "t.py") == [
        Found("redis:7", "t.py", 2, use=RUN, kind=KIND),
        Found("acme/app:1.2", "t.py", 3, use=PULL, kind=KIND),
        Found("acme/x:3", "t.py", 7, use=PULL, kind=KIND),
        Found("acme/app:1.2", "t.py", 9, use=RUN, kind=KIND),
        Found("busybox:1", "t.py", 10, use=RUN, kind=KIND),
        Found("acme/y", "t.py", 12, use=PULL, kind=KIND),
        Found("acme/z", "t.py", 13, use=PULL, kind=KIND),
        Found("localhost:5000/app:1", "t.py", 14, use=PULL, kind=KIND),
        Found("localhost:5000/app:2", "t.py", 15, use=PULL, kind=KIND),
    ]


def test_values_known_only_when_the_program_runs_with_their_reason() -> None:
    text = (
        "\nimport docker\nc = docker.from_env()\nc.containers.run(settings.IMAGE)\n"
        'c.images.pull(settings.REPO, tag="1")\nc.images.pull(cfg.repo, tag=cfg.tag)\n'
        '#c.containers.run("commented:1")\n'
    )

    def unknown(text: str, line: int, use: str) -> Found:
        why = f"`{text}` is known only when the program runs (not a literal of this file)"
        return Found(text, "t.py", line, why, use, KIND)

    assert python_sdk_pulls(text, "t.py") == [
        unknown("settings.IMAGE", 4, RUN),
        unknown("settings.REPO", 5, PULL),
        unknown("cfg.repo", 6, PULL),
    ]


def test_at_most_sixteen_values_of_an_f_string() -> None:
    bindings = "".join(f'if x == {n}:\n    A = "a{n}"\n    B = "b{n}"\n' for n in range(5))
    text = "import docker\n" + bindings + 'c = docker.from_env()\nc.containers.run(f"{A}:{B}")\n'
    images = [f"a{a}:b{b}" for a in range(5) for b in range(5)][:16]
    assert python_sdk_pulls(text, "t.py") == [Found(image, "t.py", 18, use=RUN, kind=KIND) for image in images]


def test_an_f_string_field_written_with_blanks() -> None:
    text = 'import docker\nV = "16"\nc = docker.from_env()\nc.containers.run(f"postgres:{ V }")\n'
    assert python_sdk_pulls(text, "t.py") == [Found("postgres:16", "t.py", 4, use=RUN, kind=KIND)]


def test_a_call_left_open_at_the_end_of_the_text() -> None:
    assert python_sdk_pulls("import docker\nc = docker.from_env()\nc.containers.run(", "t.py") == []
