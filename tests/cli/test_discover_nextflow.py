"""`ecr-mirror discover` reads the containers a Nextflow pipeline runs its processes in
(https://www.nextflow.io/docs/latest/reference/process.html#container): a process's `container 'IMAGE'` directive in
a `*.nf` script (both images of a `workflow.containerEngine == 'singularity' ? ... : ...` choice that are images,
not a Singularity file's URL), and a configuration's `container = 'IMAGE'` (`process { }`, `withName:`, a `params`
value a directive names) in `nextflow.config` and the `*.config` files beside it or in a folder under it
(`conf/base.config`). `oras://` and `docker://` name the image after them; an interpolated value (`"${params.x}"`),
an empty one and another program's `.config` file name none."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.nextflow import nextflow_images
from tests.support.hang_guard import finishes
from tests.support.trees import tree_rows

CONFIG = """\
params {
  r2dt {
    run = true
    container = 'rnacentral/r2dt:develop'
  }
}

process {
  container = 'oras://ghcr.io/rnacentral/rnacentral-import-pipeline:latest'
  withName: 'FASTQC' {
    container = "docker://quay.io/biocontainers/fastqc:0.12.1--hdfd78af_0"
  }
  withLabel: 'busco' {
    container = "ezlabgva/busco:${params.busco_version}"
  }
}
"""

TCODE = 'params {\n  tcode {\n    container = "rnacentral/emboss:6.6.0.0"\n  }\n}\n'

CPAT = """\
process cpat {
  tag "$name"
  container 'rnacentral/cpat:3.0.5'

  input:
  tuple val(name), path(fasta)

  script:
  \"\"\"
  cpat.py -g $fasta
  \"\"\"
}

process tcode {
  container "${params.tcode.container}"
  script:
  "tcode"
}

process prepare {
  container ''
  script:
  "true"
}

process multiqc {
  container "${ workflow.containerEngine == 'singularity' ?
    'https://depot.galaxyproject.org/singularity/multiqc:1.21--pyhdfd78af_0' :
    'biocontainers/multiqc:1.21--pyhdfd78af_0' }"
  script:
  "multiqc ."
}
"""

APP_CONFIG = '<configuration><appSettings><add key="container" value="x"/></appSettings></configuration>\n'


def test_a_nextflow_pipelines_containers_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "nextflow.config": CONFIG,
        "config/tcode.config": TCODE,
        "workflows/cpat.nf": CPAT,
        "tools/App.config": "container = 'acme/not-nextflow:1.0'\n",  # a folder of another name
        "tools/web.config": APP_CONFIG,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, kind, use, reference) for file, line, kind, use, reference, _ in rows) == [
        ("config/tcode.config", 3, "Nextflow", "container", "rnacentral/emboss:6.6.0.0"),
        ("nextflow.config", 4, "Nextflow", "container", "rnacentral/r2dt:develop"),
        ("nextflow.config", 9, "Nextflow", "container", "ghcr.io/rnacentral/rnacentral-import-pipeline:latest"),
        ("nextflow.config", 11, "Nextflow", "container", "quay.io/biocontainers/fastqc:0.12.1--hdfd78af_0"),
        ("workflows/cpat.nf", 3, "Nextflow", "container", "rnacentral/cpat:3.0.5"),
        ("workflows/cpat.nf", 29, "Nextflow", "container", "biocontainers/multiqc:1.21--pyhdfd78af_0"),
    ]


def test_nextflow_images_stay_linear_on_hostile_input() -> None:
    hostile = "container \"${ '\n" * 100_000 + "container 'acme/tool:1.0'\n"
    found = finishes(nextflow_images, hostile, "main.nf")
    assert [item.text for item in found] == ["acme/tool:1.0"]


NF_CORE_CONFIG = """\
docker.registry = 'quay.io'
podman.registry = 'quay.io'

process {
  withName: 'MULTIQC' {
    container = 'community.wave.seqera.io/library/multiqc:1.25--abc'
  }
}
"""

NF_CORE_MODULE = """\
process FASTQC {
    container "${ workflow.containerEngine == 'singularity' && !task.ext.singularity_pull_docker_container ?
        'https://depot.galaxyproject.org/singularity/fastqc:0.12.1--hdfd78af_0' :
        'biocontainers/fastqc:0.12.1--hdfd78af_0' }"
}
"""


def test_the_docker_registry_a_configuration_sets_is_put_before_names_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """nf-core's `docker.registry = 'quay.io'` (https://www.nextflow.io/docs/latest/reference/config.html#docker):
    Nextflow pulls `biocontainers/fastqc:...` from quay.io; a name with a registry host keeps it."""
    tree = {"nextflow.config": NF_CORE_CONFIG, "modules/nf-core/fastqc/main.nf": NF_CORE_MODULE}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, reference) for file, line, _, _, reference, _ in rows) == [
        ("modules/nf-core/fastqc/main.nf", 4, "quay.io/biocontainers/fastqc:0.12.1--hdfd78af_0"),
        ("nextflow.config", 6, "community.wave.seqera.io/library/multiqc:1.25--abc"),
    ]
