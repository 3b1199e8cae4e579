"""Images a workflow gives a JVM test suite as a system property that a Testcontainers source reads with a default
(pure).

A test class binds its image to a system property with a default (jdbi's `static final String ORACLE_DOCKER_IMAGE =
System.getProperty("jdbi.test.oracle-docker-image", "gvenzl/oracle-free:slim-faststart")`, started by
`new OracleContainer(ORACLE_DOCKER_IMAGE)`); a workflow step runs the suite with `-Dname=value` (in its command, or
in an env value such as `MAVEN_ARGS`, which Maven reads as arguments, and Maven's Surefire hands the forked test JVM
its user properties as system properties), over the job's matrix (jdbi's slow-tests job, `MAVEN_ARGS: "... -Djdbi.
test.oracle-docker-image=${{ matrix.test-version }}"` with two Oracle images). So:

- `image_properties`: the properties a source reads with a default written on a line where the source's
  Testcontainers reading found the image it starts (a property whose default is no image the tests start is not
  one): `System.getProperty(...)`, and a Spring `Environment`'s `environment.getProperty(...)` (zonky's library
  reads its database image so);
- `image_variables`: the environment variables that set such an image: `System.getenv().getOrDefault(...)`, and
  the variable Spring Boot's relaxed binding maps an `Environment` property to (a Gradle test task's `environment`,
  gradle_test_properties.py);
- `tag_properties`: the properties a source takes an image's tag from (`.withTag(VERSION)`), whose values the
  CI's Maven runs give (cli/discover_properties.py);
- `property_images`: the values a workflow's `run:` commands and step, job and workflow `env:` values give those
  properties, once per combination of the job's literal matrix; a value with another expression, a variable, or
  that is no image reference, is left out.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.gradle_test_properties import relaxed_name
from ecr_mirror.choose.discovery.workflow_steps import job_steps, run_start, workflow_jobs
from ecr_mirror.choose.discovery.yaml_loader import line_of
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

# `System.getProperty("name", "default")`, a Spring `Environment`'s `environment.getProperty("name", "default")`
_GET_PROPERTY_RE = re.compile(
    r"""(?<![\w.])(?P<receiver>[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*\.\s*getProperty\s*\(\s*"""
    r""""(?P<name>[^"\\\n]+)"\s*,\s*"(?P<value>[^"\\\n]+)"\s*\)"""
)
# `System.getenv().getOrDefault("VAR", "default")`
_GET_ENV_RE = re.compile(
    r"""\bSystem\s*\.\s*getenv\s*\(\s*\)\s*\.\s*getOrDefault\s*\(\s*"(?P<name>[^"\\\n]+)"\s*,\s*"""
    r""""(?P<value>[^"\\\n]+)"\s*\)"""
)
# `DockerImageName.parse("repo").withTag(NAME)`: an image whose tag a name holds
_TAGGED_RE = re.compile(
    r"""\bDockerImageName\s*\.\s*parse\(\s*"(?P<repo>[^"\\\n:@]+)"\s*\)\s*\.\s*withTag\(\s*(?P<name>[A-Za-z_]\w*)\s*\)"""
)
_DEFINE_RE = re.compile(r"""(?<![\w-])-D(?P<name>[\w.-]+)=(?P<value>"[^"\n]*"|'[^'\n]*'|[^\s"'`;|&()]+)""")


def image_properties(text: str, lines: Collection[int]) -> set[str]:
    """The properties `text` reads with a default written on one of `lines` (those of its images): system
    properties, and the properties of a Spring `Environment` (which reads system properties too)."""
    names: set[str] = set()
    for match in _GET_PROPERTY_RE.finditer(text) if "getProperty" in text else ():
        if text.count("\n", 0, match.start("value")) + 1 in lines:
            names.add(match["name"])
    return names


def tag_properties(text: str) -> list[tuple[int, str, str]]:
    """(line, repository, property) of each image a source tags with a name bound to a system property read with a
    default (`DockerImageName.parse("repo").withTag(VERSION)`, `VERSION = System.getProperty("name", "8.0")`): the
    image's tag is the value a run gives the property."""
    out: list[tuple[int, str, str]] = []
    for match in _TAGGED_RE.finditer(text) if "withTag" in text and "getProperty" in text else ():
        name = re.escape(match["name"])
        binding = re.search(r"\b" + name + r"""\s*=\s*System\s*\.\s*getProperty\(\s*"([^"\\\n]+)"\s*,""", text)
        if binding is not None:
            out.append((text.count("\n", 0, match.start()) + 1, match["repo"], binding.group(1)))
    return out


def image_variables(text: str, lines: Collection[int]) -> set[str]:
    """The environment variables that give `text` an image it reads with a default written on one of `lines`:
    `System.getenv().getOrDefault("VAR", ...)`, and for a property read from a Spring `Environment` (not
    `System.getProperty`) the variable Spring Boot's relaxed binding maps to it (`ZONKY_TEST_..._DOCKER_IMAGE`)."""
    names: set[str] = set()
    for match in _GET_PROPERTY_RE.finditer(text) if "getProperty" in text else ():
        receiver = re.sub(r"\s", "", match["receiver"])
        if receiver not in ("System", "java.lang.System") and text.count("\n", 0, match.start("value")) + 1 in lines:
            names.add(relaxed_name(match["name"]))
    for match in _GET_ENV_RE.finditer(text) if "getOrDefault" in text else ():
        if text.count("\n", 0, match.start("value")) + 1 in lines:
            names.add(match["name"])
    return names


def _image(value: str) -> bool:
    try:
        parse_reference(value)
    except ReferenceError_:
        return False
    return True


def _written(step: dict[Any, Any], lines: list[str], scopes: list[object]) -> list[tuple[int, str]]:
    """(line, text) of the step's `run:` and of the env values of its scopes."""
    out: list[tuple[int, str]] = []
    run = step.get("run")
    if isinstance(run, str) and (first := run_start(lines, run)) is not None:
        out.append((first, run))
    for scope in scopes:
        for value in scope.values() if isinstance(scope, dict) else ():
            if isinstance(value, str) and (line := line_of(value)):
                out.append((line, value))
    return out


def property_images(text: str, origin: str, names: Collection[str], kind: str) -> list[Found]:
    """The images the workflow `text` gives the system properties `names` (`-Dname=value`)."""
    if "-D" not in text:
        return []
    lines = text.splitlines()
    found: list[Found] = []
    for workflow, job in workflow_jobs(text, origin):
        combos = job_combinations(job) or [{}]
        for step in job_steps(job):
            for line, written in _written(step, lines, [workflow.get("env"), job.get("env"), step.get("env")]):
                if "-D" not in written:
                    continue
                for combo in combos:
                    expanded = with_matrix(written, combo)
                    for match in _DEFINE_RE.finditer(expanded or ""):
                        value = match["value"].strip("\"'")
                        if match["name"] not in names or "$" in value or not _image(value):
                            continue
                        item = Found(value, origin, line, use=f"-D{match['name']} (System.getProperty)", kind=kind)
                        found += [item] if item not in found else []
    return found
