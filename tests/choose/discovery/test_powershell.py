"""PowerShell scripts rewritten line for line into the shell syntax the command readers know."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.powershell import shell_lines

SCRIPT = """\
$Tag = "ltsc2022"
$global:Sdk = 'mcr.microsoft.com/dotnet/sdk:8.0'
$env:RUNNER_IMAGE = "example/runner:2"
docker run --rm `
  -v ${PWD}\\out:c:\\out `
  $global:Sdk dotnet build
docker pull mcr.microsoft.com/windows/servercore:$Tag
docker run --rm $env:RUNNER_IMAGE
docker run --rm ${env:RUNNER_IMAGE} check
docker run --rm $script:SUT_IMAGE
"""


def test_scopes_assignments_and_backtick_continuations_read_as_the_shells() -> None:
    assert len(shell_lines(SCRIPT).splitlines()) == len(SCRIPT.splitlines())
    found = [(item.text, item.line, item.problem) for item in docker_runs(shell_lines(SCRIPT), "build.ps1")]
    assert found[:4] == [
        ("mcr.microsoft.com/dotnet/sdk:8.0", 4, None),
        ("mcr.microsoft.com/windows/servercore:ltsc2022", 7, None),
        ("example/runner:2", 8, None),
        ("example/runner:2", 9, None),
    ]
    text, line, problem = found[4]
    assert (text, line) == ("${SUT_IMAGE}", 10)  # as the shell reading writes `$script:SUT_IMAGE`
    assert problem is not None and problem.startswith("$SUT_IMAGE has no value in this file")


BUILD_THEN_RUN = """\
$root = Split-Path -Parent $PSScriptRoot
$imageName = 'acme-probe-client'
docker build --quiet -f (Join-Path $PSScriptRoot 'Probe.Dockerfile') -t $imageName $root | Out-Null
docker run --rm `
  -e "TARGET=host.docker.internal" `
  $imageName
docker run --rm (Get-BaseImage) check
"""


def test_a_parenthesised_expression_is_one_word_so_the_build_tag_after_it_is_read() -> None:
    # `-f (Join-Path ...)`: PowerShell evaluates the parentheses as one argument; the `-t` after it names the build
    rewritten = shell_lines(BUILD_THEN_RUN)
    assert len(rewritten.splitlines()) == len(BUILD_THEN_RUN.splitlines())
    found = [(item.text, item.line, item.problem is None) for item in docker_runs(rewritten, "probe.ps1")]
    assert ("acme-probe-client", 4, True) not in found  # built by the line before, not pulled
    assert [(text, line) for text, line, _ in found] == [("$(Get-BaseImage)", 7)]
    assert found[0][2] is False  # a command's output, known only when it runs


PARAM_SCRIPT = """\
[CmdletBinding()]
param(
    [Parameter(Mandatory = $false)]
    [string]$ZapImage = "ghcr.io/zaproxy/zaproxy:stable",
    [ValidateSet('baseline', 'full')][string] $Mode = 'baseline',
    [int]$Port = 8080
)
$script:ZapImage = $ZapImage
docker run --rm -p ${Port}:8080 $script:ZapImage zap-$Mode.py
"""


def test_a_typed_parameters_default_is_its_value() -> None:
    # `param([string]$ZapImage = "...")`: a script run without the argument takes the default
    # (https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.core/about/about_functions_advanced_parameters)
    assert len(shell_lines(PARAM_SCRIPT).splitlines()) == len(PARAM_SCRIPT.splitlines())
    found = [(item.text, item.line, item.problem) for item in docker_runs(shell_lines(PARAM_SCRIPT), "zap.ps1")]
    assert found == [("ghcr.io/zaproxy/zaproxy:stable", 9, None)]
