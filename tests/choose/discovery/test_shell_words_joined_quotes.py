"""A shell assignment whose one word joins bare and quoted parts (`NODE_IMAGE=kindest/node:"${NODE_VERSION}"`) is
given the word with its quotes removed, as the shell removes them before it assigns
(https://www.gnu.org/software/bash/manual/html_node/Shell-Parameters.html: "All values undergo ... quote removal")."""

from __future__ import annotations

from ecr_mirror.choose.discovery.shell_words import ShellValues

SCRIPT = """\
NODE_VERSION=${NODE_VERSION:-v1.30.4}
NODE_IMAGE=kindest/node:"${NODE_VERSION}"
MIRRORED='quay.io/acme'/kind-node:"$NODE_VERSION"
SPACED=acme/"two words"
ESCAPED=acme/\\"x\\"
"""


def test_quotes_inside_one_word_are_removed() -> None:
    values = ShellValues.of(SCRIPT)
    assert values.resolve("${NODE_IMAGE}") == ("kindest/node:v1.30.4", None)
    assert values.resolve("$MIRRORED") == ("quay.io/acme/kind-node:v1.30.4", None)


def test_a_value_with_blanks_in_its_quotes_or_escaped_quotes_is_left_as_written() -> None:
    values = ShellValues.of(SCRIPT)
    assert values.values["SPACED"] == {'acme/"two words"'}
    assert values.values["ESCAPED"] == {'acme/\\"x\\"'}


YAML_ENV = """\
env:
  NODE_IMAGE: kindest/node:"v1.30.4"
"""


def test_a_yaml_value_keeps_its_quotes() -> None:
    # a YAML plain scalar keeps them; the shell does not remove quotes an expansion gives
    assert ShellValues.of(YAML_ENV, yaml=True).values["NODE_IMAGE"] == {'kindest/node:"v1.30.4"'}
