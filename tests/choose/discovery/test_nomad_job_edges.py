"""A Nomad job file read whole at the edges of each form: locals naming each other in any order, runtime values,
values that are not strings or blank, tasks without a config, dynamic task blocks, nested blocks, sidecar tasks,
top-level names that are not job blocks, a job template, and an unreadable file; each finding compared whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.nomad_jobs import KIND, nomad_job_images
from ecr_mirror.choose.discovery.nomad_variables import Variables
from ecr_mirror.errors import ConfigError

ORIGIN = "web.nomad"
RUNTIME = "is a runtime value Nomad interpolates when it places the task"
JOB = """\
variable "tag" {
  default = "1.0"
}
variable "nodefault" {}
locals {
  second = "${local.first}-b"
  first  = "base:${var.tag}"
  broken = "${var.nodefault}"
  uses_broken = local.broken
}
locals = "not a block"
job "web" {
  group "g" {
    task "plain" {
      config {
        image = "docker://redis:7"
      }
    }
    task "local" {
      config { image = local.second }
    }
    task "runtime" {
      config { image = "app:${NOMAD_META_version}" }
    }
    task "attr" {
      config { image = "app:${attr.kernel.name}" }
    }
    task "number" {
      config { image = 5 }
    }
    task "blank" {
      config { image = "  " }
    }
    task "list" {
      config {
        image = ["a", "b"]
      }
    }
    task "missing" {
      config {
        image =   local.uses_broken
      }
    }
    task "nodef" {
      config { image = var.nodefault }
    }
    task "unknown" {
      config {
        image = format("%s", "x")
      }
    }
    task "noconfig" {
      driver = "exec"
    }
    task "configattr" {
      config = "x"
    }
    dynamic "task" {
      for_each = ["a"]
      content {
        config { image = "dyn:1" }
      }
    }
    dynamic "other" {
      content {
        task "inner" { config { image = "inner:1" } }
      }
    }
    dynamic "task" {
      content = "x"
    }
    service {
      connect {
        sidecar_task {
          config { image = "envoy:${var.tag}" }
        }
      }
    }
  }
}
job = "not a block"
other "x" { task "t" { config { image = "not-a-job:1" } } }
"""


def _found(text: str, line: int, problem: str | None = None) -> Found:
    return Found(text, ORIGIN, line, problem, "image", KIND)


def _expected(nodefault: Found, uses_broken: Found) -> list[Found]:
    return [
        _found("redis:7", 16),
        _found("base:1.0-b", 20),
        _found("app:${NOMAD_META_version}", 23, f"app:${{NOMAD_META_version}}: NOMAD_META_version {RUNTIME}"),
        _found("app:${attr.kernel.name}", 26, f"app:${{attr.kernel.name}}: attr {RUNTIME}"),
        _found("5", 29),
        _found("  ", 32, "  : not a string naming an image"),
        uses_broken,
        nodefault,
        _found('format("%s", "x")', 49, 'format("%s", "x"): format() is a function this reader does not evaluate'),
        _found("dyn:1", 61),
        _found("inner:1", 66),
        _found("envoy:1.0", 75),
    ]


def test_every_form_of_a_job_file() -> None:
    assert nomad_job_images(JOB, ORIGIN) == _expected(
        _found(
            "var . nodefault",
            45,
            "var . nodefault: var.nodefault has no default in web.nomad (a value given when the job is run)",
        ),
        _found(
            "local.uses_broken",
            41,
            "local.uses_broken: local.uses_broken is not known: local.broken is not declared in web.nomad",
        ),
    )


def test_a_variables_file_beside_gives_the_missing_default() -> None:
    beside = Variables({"nodefault": "given"}, {}, "vars.hcl")
    assert nomad_job_images(JOB, ORIGIN, beside) == _expected(_found("given", 45), _found("given", 41))


TEMPLATE = """\
job "[[ .name ]]" {
  group "g" {
    task "t" {
      config {
        image = "[[ var "image" . ]]"
      }
    }
    task "u" {
      config {
        image = "redis:7"
      }
    }
  }
}
"""


def test_a_job_template_is_read_line_by_line() -> None:
    assert nomad_job_images(TEMPLATE, "t.nomad") == [
        Found(
            '[[ var "image" . ]]',
            "t.nomad",
            5,
            '[[ var "image" . ]]: image is not declared (a job template: its values are given when it is rendered)',
            "image",
            KIND,
        ),
        Found("redis:7", "t.nomad", 10, None, "image", KIND),
    ]


def test_an_unreadable_job_file_names_itself_and_a_file_without_a_job_gives_nothing() -> None:
    with pytest.raises(ConfigError) as caught:
        nomad_job_images('job "x" {\n  task "t" { config { image = "a:1"\n}', "bad.nomad")
    assert str(caught.value) == "bad.nomad: not read as a Nomad job file: line 2: a block without its closing '}'"
    assert nomad_job_images('variable "x" {}\n', "v.nomad") == []


def _one(text: str) -> list[Found]:
    return nomad_job_images(text, "j.nomad")


def test_expressions_as_written_on_their_line_and_undeclared_locals() -> None:
    def found(text: str, line: int, problem: str) -> list[Found]:
        return [Found(text, "j.nomad", line, f"{text}: {problem}", "image", KIND)]

    assert _one('job "x" { group "g" { task "t" { config { image = local.a\n} } } }\n') == found(
        "local.a", 1, "local.a is not declared in j.nomad"
    )
    job = 'locals { a = "b" }\njob "x" {\n  task "t" {\n    config {\n      image = local.nope\n    }\n  }\n}\n'
    assert _one(job) == found("local.nope", 5, "local.nope is not declared in j.nomad")
    job = job.replace("locals", 'variable "v" {}\nother').replace("local.nope", 'var.v == "" ? "a:1" : var.v')
    assert _one(job) == found(
        'var.v == "" ? "a:1" : var.v', 6, "var.v has no default in j.nomad (a value given when the job is run)"
    )


def test_a_dynamic_task_without_content_runs_nothing() -> None:
    assert _one('job "x" {\n  dynamic "task" {\n    task "t" { config { image = "hidden:1" } }\n  }\n}\n') == []


def test_an_image_nested_past_the_interpreter_stack_is_unresolved_never_a_crash() -> None:
    image = "(" * 400 + '"a:1"' + ")" * 400
    job = 'job "x" {\n  task "t" {\n    config {\n      image = ' + image + "\n    }\n  }\n}\n"
    assert _one(job) == [Found(image, "j.nomad", 4, f"{image}: an expression nested too deeply", "image", KIND)]
