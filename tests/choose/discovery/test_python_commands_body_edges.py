"""Python sources at the edges of what is read: a function runs its argument only when its own body does (not a
function after it), a wrapper's call on the last line of a long body, direct `subprocess` calls beside wrappers, and a
Docker SDK build whose arguments end in a bracket that closes something else."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import python_docker_builds, python_docker_runs

SOURCE = """\
import subprocess


def show(command):
    print(command)


def run(command):
    # one
    # two
    # three
    # four
    # five
    subprocess.run(command)


show("docker run shown:1")
run("docker run wrapped:2")
subprocess.run("docker run direct:3", shell=True)
"""


def test_wrappers_are_the_functions_whose_own_body_runs_the_argument() -> None:
    found = python_docker_runs(SOURCE, "tasks.py")
    assert [(item.text, item.line, item.problem, item.use, item.kind) for item in found] == [
        ("wrapped:2", 18, None, "docker run", "Python source"),
        ("direct:3", 19, None, "docker run", "Python source"),
    ]


def test_a_sdk_build_read_up_to_a_bracket_that_closes_something_else() -> None:
    text = 'client.images.build(tag="web:1", path=x]\nclient.images.build(path=".", tag="api:2")\n'
    builds = python_docker_builds(text, "build.py")
    assert [(build.name, build.line, build.how) for build in builds] == [
        ("web:1", 1, "docker SDK images.build"),
        ("api:2", 2, "docker SDK images.build"),
    ]


def test_a_tab_indented_method_runs_its_argument() -> None:
    # the body's tabs are widths as the `def` line's are: a tab-indented class's helper is a wrapper too
    text = (
        "import subprocess\n\nclass Stack:\n\tdef sh(self, command):\n\t\tsubprocess.run(command, shell=True)\n\n"
        '\tdef up(self):\n\t\tself.sh("docker run tabbed:1")\n'
    )
    assert [(item.text, item.line) for item in python_docker_runs(text, "ci.py")] == [("tabbed:1", 8)]


def test_a_wrapper_whose_body_ends_the_file_without_a_newline() -> None:
    text = 'import os\ndef main():\n    sh("docker run last:2")\ndef sh(command):\n    os.system(command)'
    assert [(item.text, item.line) for item in python_docker_runs(text, "ci.py")] == [("last:2", 3)]
