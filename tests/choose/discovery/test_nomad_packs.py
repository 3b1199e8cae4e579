"""Nomad Pack templates: the `image = ...` lines of `templates/*.nomad.tpl` rendered from the pack's
`variables.hcl` defaults (`[[ var "x" . ]]`, fields of object defaults, the v1 `[[ .my.x ]]` syntax, `quote` and
`printf`); a line that needs more template logic, or a variable without a default, is unresolved with the reason."""

from __future__ import annotations

from ecr_mirror.choose.discovery.nomad_packs import pack_images
from ecr_mirror.choose.discovery.nomad_variables import Variables, read_variables

VARIABLES = """\
variable "job_name" {
  description = "The name to use as the job name which overrides using the pack name."
  type        = string
  default     = ""
}

variable "datacenters" {
  type    = list(string)
  default = ["dc1"]
}

variable "image" {
  description = "The cache server's image."
  type        = string
  default     = "valkey/valkey:8.0"
}

variable "exporter" {
  type = object({
    image   = string
    version = string
    port    = number
  })
  default = {
    image   = "oliver006/redis_exporter"
    version = "v1.62.0"
    port    = 9121
  }
}

variable "sidecars" {
  type = list(object({
    name  = string
    image = string
  }))
  default = [
    {
      name  = "log-shipper",
      image = "fluent/fluent-bit:3.1",
    },
  ]
}

variable "constraints" {
  type = list(object({ attribute = string, value = string }))
  default = [
    {
      attribute = "$${attr.kernel.name}",
      value     = "linux",
    },
  ]
}

variable "backup_tag" {
  description = "The restic tag to run backups with."
  type        = string
}

variable "socat_version" {
  type    = string
  default = "1.8.0.0"
}
"""

TEMPLATE = """\
job [[ template "job_name" . ]] {
  [[ template "region" . ]]
  datacenters = [[ var "datacenters" . | toStringList ]]

  group "cache" {
    task "server" {
      driver = "docker"
      config {
        image = [[ var "image" . | quote ]]
        ports = ["db"]
      }
    }
    task "exporter" {
      driver = "docker"
      config {
        image = "[[ var "exporter.image" . ]]:[[var "exporter.version" .]]"
      }
    }
    task "backup" {
      driver = "docker"
      config {
        image = "restic/restic:[[ var "backup_tag" . ]]"
      }
    }
    [[- range $sidecar := var "sidecars" . ]]
    task [[ $sidecar.name | quote ]] {
      driver = "docker"
      config {
        image = [[ $sidecar.image | quote ]]
      }
    }
    [[- end ]]
    task "init" {
      driver = "docker"
      config {
        image   = "busybox:1.36"
      }
    }
    task "tools" {
      driver = "docker"
      config {
        image = [[ printf "\\"alpine/socat:%s\\"" (var "socat_version" .) ]]
      }
    }
    task "shell" {
      driver = "docker"
      config {
        image = [[ template "shell_image" . ]]
      }
    }
  }
}
"""


def _triples(found: list) -> list[tuple[str, int | None, bool]]:  # type: ignore[type-arg]
    return [(item.text, item.line, item.problem is None) for item in found]


def test_image_lines_rendered_from_the_packs_variables() -> None:
    variables = read_variables(VARIABLES, "packs/cache/variables.hcl")
    found = pack_images(TEMPLATE, "packs/cache/templates/cache.nomad.tpl", variables, "cache")
    assert _triples(found) == [
        ("valkey/valkey:8.0", 9, True),
        ("oliver006/redis_exporter:v1.62.0", 16, True),
        ('restic/restic:[[ var "backup_tag" . ]]', 22, False),
        ("[[ $sidecar.image | quote ]]", 29, False),
        ("busybox:1.36", 36, True),
        ("alpine/socat:1.8.0.0", 42, True),
        ('[[ template "shell_image" . ]]', 48, False),
    ]
    assert {item.kind for item in found} == {"Nomad Pack template"}
    reasons = [item.problem or "" for item in found]
    assert "backup_tag has no default in packs/cache/variables.hcl" in reasons[2]
    assert "$sidecar" in reasons[3] and "range" in reasons[3]
    assert "template" in reasons[6]


def test_pack_v1_syntax_and_pipes() -> None:
    variables = read_variables(
        'variable "image_name" {\n  default = "traefik"\n}\nvariable "image_tag" {\n  default = "v3.1"\n}\n'
        'variable "registry" {\n  default = ""\n}\n',
        "packs/edge/variables.hcl",
    )
    template = (
        'job "edge" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n      config {\n'
        '        image = "[[ .my.image_name ]]:[[ .edge.image_tag ]]"\n'
        '        image = [[ .my.image_name | printf "%s:latest" | quote ]]\n'
        '        image = "[[ .my.registry | default "docker.io" ]]/library/[[ .my.image_name | lower ]]:v3"\n'
        '        image = "[[ .other.image_name ]]"\n'
        "      }\n    }\n  }\n}\n"
    )
    found = pack_images(template, "packs/edge/templates/edge.nomad.tpl", variables, "edge")
    assert _triples(found) == [
        ("traefik:v3.1", 6, True),
        ("traefik:latest", 7, True),
        ("docker.io/library/traefik:v3", 8, True),
        ("[[ .other.image_name ]]", 9, False),
    ]


def test_without_variables_every_variable_is_unresolved_and_literal_images_still_listed() -> None:
    template = 'config {\n  image = "postgres:[[ var "pg_tag" . ]]"\n  image = "redis:7"\n}\n'
    found = pack_images(template, "packs/db/templates/db.nomad.tpl", Variables.none("no variables.hcl"), "db")
    assert _triples(found) == [('postgres:[[ var "pg_tag" . ]]', 2, False), ("redis:7", 3, True)]
    assert "no variables.hcl" in (found[0].problem or "")


def test_a_line_that_renders_no_reference_is_unresolved() -> None:
    variables = read_variables('variable "tag" {\n  default = ""\n}\n', "packs/x/variables.hcl")
    template = 'image = "acme/x:[[ var "tag" . ]]"\nimage = "[[ var "tag" . \n'
    found = pack_images(template, "packs/x/templates/x.nomad.tpl", variables, "x")
    assert [(item.line, item.problem is None) for item in found] == [(1, False), (2, False)]
    assert "acme/x:" in (found[0].problem or "")


def test_an_object_default_with_a_null_field_still_gives_its_other_fields() -> None:
    variables = read_variables(
        'variable "proxy_task" {\n  default = {\n    driver       = "docker",\n    version      = "3.1",\n'
        "    network_mode = null\n  }\n}\n",
        "packs/proxy/variables.hcl",
    )
    template = 'image = "traefik:[[ var "proxy_task.version" . ]]"\nimage = "[[ var "proxy_task.network_mode" . ]]"\n'
    found = pack_images(template, "packs/proxy/templates/proxy.nomad.tpl", variables, "proxy")
    assert _triples(found) == [("traefik:3.1", 1, True), ('[[ var "proxy_task.network_mode" . ]]', 2, False)]
    assert "null" in (found[1].problem or "")
