"""Kubeflow Pipelines pipeline specs: the images of their executors (pure).

`kfp.compiler.Compiler().compile(...)` writes a pipeline as a YAML PipelineSpec (the "IR YAML",
https://www.kubeflow.org/docs/components/pipelines/user-guides/core-functions/compile-a-pipeline/): `pipelineInfo`,
`root`, `components` and `deploymentSpec.executors`, each executor of a container component holding
`container: {image, command, args}`. A KFP backend (or `kfp.local`'s DockerRunner) runs each task of a run of the
spec as a pod of that image, so it is pulled wherever the spec is submitted
(`kfp.Client().create_run_from_pipeline_package`, the UI's upload, a CI test that runs the compiled pipelines). The
container has no `name`, so container_specs.py's Kubernetes shape does not take it.

Not read: the `argostub/createpvc` and `argostub/deletepvc` executors `kfp.kubernetes.CreatePVC` and `DeletePVC`
compile to, which KFP's driver performs itself, starting no container (`backend/src/v2/driver/k8s.go` in
https://github.com/kubeflow/pipelines); a document without `pipelineInfo` and `root` (another tool's
`deploymentSpec`); the platform document after the spec (`platforms.kubernetes`, pod settings only).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

KFP_PIPELINE = "Kubeflow pipeline spec"  # the kind of its records
DRIVER_STUBS = frozenset({"argostub/createpvc", "argostub/deletepvc"})


def is_pipeline_spec(doc: object) -> TypeGuard[dict[Any, Any]]:
    """Whether `doc` is a KFP PipelineSpec: `pipelineInfo`, `root` and a `deploymentSpec` mapping."""
    return (
        isinstance(doc, dict)
        and "pipelineInfo" in doc
        and "root" in doc
        and isinstance(doc.get("deploymentSpec"), dict)
    )


def pipeline_images(doc: object) -> Iterator[object]:
    """The `container.image` of each executor of the PipelineSpec `doc` (as loaded, with its line), but the driver's
    stubs; nothing for a document that is no PipelineSpec."""
    if not is_pipeline_spec(doc):
        return
    executors = doc["deploymentSpec"].get("executors")
    for executor in executors.values() if isinstance(executors, dict) else ():
        container = executor.get("container") if isinstance(executor, dict) else None
        image = container.get("image") if isinstance(container, dict) else None
        if isinstance(image, str) and image.strip() not in DRIVER_STUBS:
            yield image
