"""A Python file that runs the command lines it holds through a shell (`subprocess.call(command, shell=True)`) runs
the docker lines it assigns to a name as adjacent string literals continued over lines with a backslash, a
`.format` field in an option's value (`-e CAPELLA_USERNAME={0}`) known only when it runs. Shaped after an end-to-end
deployment script of a database's test suite."""

from __future__ import annotations

from ecr_mirror.choose.discovery.python_commands import python_docker_runs

SCRIPT = """import os
import subprocess


class DeployE2E:
    def __init__(self):
        self.bookingServiceDockerRunCommand = "docker run -d -t -i -p 8070:8082 -e CAPELLA_USERNAME={0} -e " \\
                                              "CAPELLA_PASSWORD={1} -e DB_HOSTNAME={2} --name booking " \\
                                              "couchbaseqe/gauntlet:booking"
        self.listCommand = "docker ps -a"
        note = "docker run is how " \\
               "the services start"

    def deploy(self):
        subprocess.call(self.bookingServiceDockerRunCommand.format("u", "p", "h"), shell=True, cwd=os.getcwd())
        subprocess.call(self.listCommand, shell=True, cwd=os.getcwd())
"""


def test_a_held_docker_line_of_adjacent_literals_is_read() -> None:
    found = python_docker_runs(SCRIPT, "scripts/deployE2E.py")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("couchbaseqe/gauntlet:booking", 7, True)
    ]


def test_without_a_shell_run_of_a_name_the_held_line_is_not_read() -> None:
    text = SCRIPT.replace("shell=True, ", "")
    assert python_docker_runs(text, "scripts/deployE2E.py") == []
