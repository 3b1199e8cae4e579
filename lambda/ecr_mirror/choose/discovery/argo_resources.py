"""The objects an Argo Workflows resource template creates from the manifest it holds (pure).

A workflow's template may be a resource template instead of a container: `resource: {action: create, manifest: |
...}` has the workflow controller create (or apply, or replace) the Kubernetes object written in the `manifest`
string, "any kind of Kubernetes resource" (https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-
resources/); a Job or a Volcano vcjob so created pulls the images of its containers (volcano's
`example/integrations/argo/10-job-step.yaml`, a vcjob of `docker/whalesay` per step). Read: the templates of a
`Workflow`, `WorkflowTemplate` or `ClusterWorkflowTemplate` (`spec.templates`) and of a `CronWorkflow`
(`spec.workflowSpec.templates`) of the `argoproj.io` API group whose `resource.action` is `create`, `apply` or
`replace`, their `manifest` parsed as YAML (Argo's `{{inputs.parameters.x}}` where YAML allows it), each document's
lines counted from the line after the `manifest` key (a block scalar). Another action (`delete`, `get`, `patch`)
creates nothing; a manifest that is not YAML is not read.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents
from ecr_mirror.errors import ConfigError

_KINDS = frozenset({"Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"})
_CREATING = frozenset({"create", "apply", "replace"})


def _templates(doc: dict[object, object]) -> list[object]:
    spec = doc.get("spec")
    if isinstance(spec, dict) and doc.get("kind") == "CronWorkflow":
        spec = spec.get("workflowSpec")
    templates = spec.get("templates") if isinstance(spec, dict) else None
    return templates if isinstance(templates, list) else []


def resource_objects(doc: object, origin: str) -> list[tuple[object, int]]:
    """Each object the creating resource templates of an Argo workflow document hold, with the number of lines
    before its manifest's first (see the module)."""
    if not isinstance(doc, dict) or doc.get("kind") not in _KINDS:
        return []
    if not str(doc.get("apiVersion", "")).startswith("argoproj.io/"):
        return []
    objects: list[tuple[object, int]] = []
    for template in _templates(doc):
        resource = template.get("resource") if isinstance(template, dict) else None
        if not isinstance(resource, dict) or str(resource.get("action", "")).lower() not in _CREATING:
            continue
        manifest = resource.get("manifest")
        if not isinstance(manifest, str) or (before := line_of(manifest)) is None:
            continue
        try:
            objects += [(each, before) for each in load_documents(str(manifest), origin) if each is not None]
        except ConfigError:
            continue
    return objects
