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

Also the v1 SDK's component specs (`component.yaml`, loaded by `kfp.components.load_component_from_file` and run as
a task of a pipeline, https://www.kubeflow.org/docs/components/pipelines/legacy-v1/reference/component-spec/): the
`implementation.container.image` of a document that also has a `name`, `inputs` or `outputs` (kserve's
`docs/kfp/component.yaml`, `quay.io/aipipeline/kserve-component:v0.12.0`); an `implementation` of another tool's
file, without them, is not read.
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


def _component_image(doc: object) -> object:
    """The `implementation.container.image` of a v1 component spec, None for another document."""
    if not isinstance(doc, dict) or not any(key in doc for key in ("name", "inputs", "outputs")):
        return None
    implementation = doc.get("implementation")
    container = implementation.get("container") if isinstance(implementation, dict) else None
    return container.get("image") if isinstance(container, dict) else None


def pipeline_images(doc: object) -> Iterator[object]:
    """The `container.image` of each executor of the PipelineSpec `doc` (as loaded, with its line), but the driver's
    stubs, or of the v1 component spec `doc`; nothing for another document."""
    if isinstance(image := _component_image(doc), str) and image.strip():
        yield image
    if not is_pipeline_spec(doc):
        return
    executors = doc["deploymentSpec"].get("executors")
    for executor in executors.values() if isinstance(executors, dict) else ():
        container = executor.get("container") if isinstance(executor, dict) else None
        image = container.get("image") if isinstance(container, dict) else None
        if isinstance(image, str) and image.strip() not in DRIVER_STUBS:
            yield image
