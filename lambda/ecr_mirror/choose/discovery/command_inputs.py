"""What every reader of a file's shell commands starts from (pure): the file's text as its commands are written
(package.json's scripts as the lines a script runner reads, json_scripts.py), the values its assignments give
(shell_words.ShellValues, YAML's `KEY: value` too in a CI file) and, where it expands one, its bash arrays
(shell_arrays.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ecr_mirror.choose.discovery.json_scripts import json_script_lines
from ecr_mirror.choose.discovery.shell_arrays import array_elements
from ecr_mirror.choose.discovery.shell_words import ShellValues


@dataclass
class CommandInputs:
    """A file's commands' text and the values its assignments give them."""

    text: str
    values: ShellValues

    @cached_property
    def arrays(self) -> dict[str, list[str]]:
        """Each bash array's elements, read only where the text expands one (`[@]`, `[*]`)."""
        return array_elements(self.text) if "[@]" in self.text or "[*]" in self.text else {}


def command_inputs(text: str, origin: str) -> CommandInputs:
    """The commands of `text`, the file at `origin` (its name says whether it is package.json or YAML)."""
    if origin.endswith("package.json"):
        text = json_script_lines(text)
    return CommandInputs(text, ShellValues.of(text, yaml=origin.endswith((".yml", ".yaml"))))
