"""Bunnyshell environment definitions, `bunnyshell.yaml` (pure).

https://documentation.bunnyshell.com/docs/ref-yaml-definition: an environment (`kind: Environment`) is a list of
`components`. A component that runs a container (`Application`, `Service`, `Database`, `SidecarContainer`,
`InitContainer`) describes it as a compose service under `dockerCompose`: its `image` is pulled when the component
has no `build` (with one, the image names what Bunnyshell builds). A component that deploys with scripts
(`KubernetesManifest`, `Helm`, `Terraform`, `GenericComponent`) runs them in its `runnerImage`, pulled too.
A value with Bunnyshell's templating (`{{ components.app-image.image }}`, `{{ env.vars.X }}`) is known only when
the environment is deployed: unresolved.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents


def bunnyshell_images(text: str, origin: str) -> list[Found]:
    """The images the components of a `bunnyshell.yaml` pull."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        components = doc.get("components") if isinstance(doc, dict) else None
        for component in components if isinstance(components, list) else []:
            if not isinstance(component, dict):
                continue
            service = component.get("dockerCompose")
            if isinstance(service, dict) and "build" not in service:
                item = found_item(service.get("image"), origin, "components[].dockerCompose.image")
                found += [item] if item else []
            runner = found_item(component.get("runnerImage"), origin, "components[].runnerImage")
            found += [runner] if runner else []
    return found
