"""Go e2e suites and a file's program variables read whole: comments, raw strings, names, the constraint's place,
YAML keys, references that name no program (go_e2e_images.py, program_variables.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_images import e2e_images, is_e2e
from ecr_mirror.choose.discovery.program_variables import named_programs

SUITE = """
//go:build e2e

package e2e

const EchoImage = "gcr.io/k8s/echoserver:2.5"

var pods = []corev1.Container{
//Image: "commented:1",
	{Image: "nginx:1.27"},
	{Image: `ghcr.io/acme/raw:1`},
	{Image: EchoImage},
}
"""


def test_every_field_form_of_an_e2e_suite() -> None:
    # (the file starts with a blank line, counted) a comment at the start of a line is no field; a raw string is a
    # literal; a name takes the literal it is bound to
    assert e2e_images(SUITE, "test/e2e/pods_test.go") == [
        Found(text, "test/e2e/pods_test.go", line, None, "Image (e2e test)", "Go source")
        for text, line in [("nginx:1.27", 10), ("ghcr.io/acme/raw:1", 11), ("gcr.io/k8s/echoserver:2.5", 12)]
    ]


def test_the_constraint_is_read_in_the_first_4096_characters() -> None:
    padding = "// " + "x" * 4078 + "\n"  # 4,082 characters: the constraint's last letter is the 4,096th
    assert is_e2e(padding + "//go:build e2e\n")
    assert not is_e2e("\n" + padding + "//go:build e2e\n")


def test_program_variables_from_yaml_keys_and_after_a_reference_to_no_program() -> None:
    assert (
        named_programs("ENGINE: podman\nrun: $ENGINE run b:1\n", yaml=True) == "ENGINE: podman\nrun: podman run b:1\n"
    )
    # outside YAML a `NAME: value` line is no assignment (in a Makefile: a rule)
    rule = "DOCKER: podman\nlint:\n\t$(DOCKER) run x:1\n"
    assert named_programs(rule) == rule
    makefile = "DOCKER ?= docker\nlint:\n\ttest -n $(OTHER) x && $(DOCKER) run --rm a:1\n"
    assert named_programs(makefile).splitlines()[2] == "\ttest -n $(OTHER) x && docker run --rm a:1"
