"""A bake file's template that calls a function, `TOOLS_WINDOWS_VERSION = "${toolsversion(windows_version)}"`
(jenkinsci/docker-agent, held-out set EC: its `mcr.microsoft.com/powershell:nanoserver-ltsc2022` was missed, the
argument left out so the Dockerfile's default `1809` stood for every Windows version). Bake evaluates any HCL
expression inside `${ }`, the file's own functions among them
(https://docs.docker.com/build/bake/funcs/#user-defined-functions: `args = { buildno = "${increment(123)}" }`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.bake import bake_project

BAKE = """\
variable "REGISTRY" {
  default = "acme"
}
function "toolsversion" {
  params = [version]
  result = (equal("ltsc2019", version)
    ? "1809"
  : version)
}
target "agent" {
  matrix = {
    windows_version = ["ltsc2019", "ltsc2022"]
  }
  name       = "agent-${windows_version}"
  dockerfile = "windows/Dockerfile"
  args = {
    TOOLS_VERSION = "nanoserver-${toolsversion(windows_version)}"
    BASE_TAG      = windows_version
    SUFFIX        = "${regex_replace(windows_version, "ltsc", "")}"
    TEMPLATED     = "%{ if true }x%{ endif }"
  }
  tags = ["${REGISTRY}/agent:${windows_version}"]
}
"""


def test_a_template_calling_a_function_of_the_bake_file_is_evaluated() -> None:
    project = bake_project([("docker-bake.hcl", BAKE)])
    assert [build.args for build in project.builds] == [
        # a function bake has but this reader does not evaluate, and a template directive: left out
        {"TOOLS_VERSION": "nanoserver-1809", "BASE_TAG": "ltsc2019"},
        {"TOOLS_VERSION": "nanoserver-ltsc2022", "BASE_TAG": "ltsc2022"},
    ]
