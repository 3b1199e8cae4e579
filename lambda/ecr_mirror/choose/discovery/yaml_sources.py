"""Images named by YAML files: compose, Kubernetes (and Helm-rendered) manifests, CircleCI, and YAML recognised by
its content (pure). GitHub Actions and GitLab CI have their own modules.

Anchors, aliases and merge keys (`<<: *base`) are resolved by the YAML loader; files may hold several documents.
Values are taken only where each tool reads an image:

- compose: `services.*.image`, except services with `build:` (there `image` names what is built, not pulled);
  `${VAR:-default}` interpolation with defaults and with the `.env` text beside the file when the caller passes it
  (compose reads it by default); the environment is not read. compose_build_specs.py gives each service's build (its
  Dockerfile, or `dockerfile_inline`, and `args`) for the caller to read the Dockerfile with those arguments.
- Kubernetes: every `image:` string anywhere in a document that has `apiVersion` and `kind` (Pods, Deployments,
  CronJobs, custom resources), except Flux `ImageRepository` objects and Skaffold configs, whose `image` is a
  repository to scan or an image to build (a Skaffold config's builder images are read by skaffold_builders.py); a
  Kustomization's `images:` transforms (`newName`, `newTag`, `digest`) give the image that replaces the one its
  bases name, and so do a Component's (a `kustomization.yaml` without `apiVersion` or `kind` is one: kustomize
  defaults them, `kind: Component` written alone too); keys naming an image in an operator's configuration or custom
  resources (`docker_image`, `dockerImage`: image_keys.py); an operator's `RELATED_IMAGE_*` environment variables
  (`{name: RELATED_IMAGE_GRAFANA, value: IMAGE}`) name images it deploys; so do Operator SDK's scorecard config
  (`stages[].tests[].image`, `apiversion` too) and OpenShift's image streams and builds (openshift_images.py).
- CircleCI (`.circleci/*.yml`): every `image:` under a `docker:` list (jobs and executors), their parameters
  expanded (circleci.py); `machine:` images are virtual machines, not containers.
- Any other YAML: a document with `apiVersion` and `kind` is read as Kubernetes; one shaped like a compose file (a Swarm
  stack file: only compose's keys, services with `image` or `build`) as compose, without `.env` (`docker stack deploy`
  does not read it); a Cloud Build config (cloudbuild.py) as one; a GitLab CI file (jobs with `script`, `extends` or
  `trigger`) as GitLab CI; `RELATED_IMAGE_*` keys give their images (related_image_tables.py); other YAML is not read.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ecr_mirror.choose.discovery.argo_resources import resource_objects
from ecr_mirror.choose.discovery.ci_shapes import shaped_ci_images
from ecr_mirror.choose.discovery.cloudbuild import cloudbuild_document, looks_like_cloudbuild
from ecr_mirror.choose.discovery.cluster_resource_sets import CLUSTERCTL, resource_set_objects
from ecr_mirror.choose.discovery.collect import TEMPLATE_EXPRESSION, Explain, Resolver, found_item, literal, no_value
from ecr_mirror.choose.discovery.compose_extends import Extended, Load, extended_services
from ecr_mirror.choose.discovery.compose_shape import compose_services, looks_like_compose, pulls_before_building
from ecr_mirror.choose.discovery.container_specs import kustomization_patch_images
from ecr_mirror.choose.discovery.crd_default_images import crd_default_images
from ecr_mirror.choose.discovery.flag_images import flag_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gitlab_ci import KEYWORDS, gitlab_documents
from ecr_mirror.choose.discovery.helm_values import release_values_images
from ecr_mirror.choose.discovery.image_config import controller_configs
from ecr_mirror.choose.discovery.image_keys import keyed_images, split_name
from ecr_mirror.choose.discovery.istio_injection import without_injected_placeholder
from ecr_mirror.choose.discovery.kamal import looks_like_kamal
from ecr_mirror.choose.discovery.krm_functions import function_annotation_images
from ecr_mirror.choose.discovery.kustomize_bases import KUSTOMIZATION_NAMES
from ecr_mirror.choose.discovery.lone_images import lone_image
from ecr_mirror.choose.discovery.not_pulled_groups import NOT_PULLED_API_GROUPS
from ecr_mirror.choose.discovery.olm_catalogs import catalog_images, cluster_catalog_images
from ecr_mirror.choose.discovery.openshift_images import openshift_images
from ecr_mirror.choose.discovery.openshift_templates import openshift_template
from ecr_mirror.choose.discovery.own_documents import own_document_images
from ecr_mirror.choose.discovery.related_image_tables import related_image_table_images
from ecr_mirror.choose.discovery.related_images import related_images
from ecr_mirror.choose.discovery.resource_image_mappings import resource_image_mappings
from ecr_mirror.choose.discovery.skaffold_builders import skaffold_images
from ecr_mirror.choose.discovery.tekton_bundles import bundle_images
from ecr_mirror.choose.discovery.tekton_params import is_tekton, tekton_parameters
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import is_template, line_of, load_documents, located
from ecr_mirror.choose.discovery.yaml_walk import entries, without_schema_examples
from ecr_mirror.errors import ConfigError, ReferenceError_
from ecr_mirror.oci.reference import parse_reference

_GITLAB_JOB_KEYS = ("script", "extends", "trigger")
_FLUX_HELM = "helm.toolkit.fluxcd.io/"
# a Component transforms images as a Kustomization does (https://kubectl.docs.kubernetes.io/guides/config_management/components/)
_KUSTOMIZE_KINDS = ("Kustomization", "Component")


def _compose_unset(name: str) -> str:
    return f"${{{name}}} has no default and no value in .env (compose also reads the environment; discover does not)"


_VARIABLE_RE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")


def _emptied(item: Found, written: str, values: Mapping[str, str | None]) -> Found:
    """An image whose variables gave "" is no image (`postgres:${PG_VERSION}` -> `postgres:`): compose substitutes
    the empty string, with a warning, for a variable without a value ("If Compose can't resolve a substituted
    variable and no default value is defined, it displays a warning and substitutes the variable with an empty
    string", https://docs.docker.com/reference/compose-file/interpolation/), and so does a `${VAR:-}` default or a
    `VAR=` line in `.env`. Unresolved, naming the variables, rather than a guess or a parse error."""
    names = [a or b for a, b in _VARIABLE_RE.findall(written.replace("$$", ""))]
    if item.problem is not None or not names:
        return item
    try:
        parse_reference(item.text)
    except ReferenceError_:
        empty = [f"${{{n}}} is empty in .env" for n in names if values.get(n) == ""]
        unset = [f"${{{n}}} has no value" for n in names if values.get(n) is None]
        why = "; ".join(empty + unset) or "its variables are empty"  # `${A:-$B}`, B empty
        return dataclasses.replace(
            item, text=written, problem=f'gives {item.text!r}, not an image reference: {why} (compose substitutes "")'
        )
    return item


def compose_images(
    text: str,
    origin: str,
    dotenv: Mapping[str, str] | None = None,
    pulled: frozenset[str] = frozenset(),
    load: Load | None = None,
) -> list[Found]:
    """The images of a compose file's services, a service that builds only when it pulls its image first
    (compose_shape.pulls_before_building; `pulled`: the services a `docker compose pull` of the tree pulls), each
    with what it extends (compose_extends.py; `load`: the text of another file it extends)."""
    values: dict[str, str | None] = dict(dotenv or {})
    found: list[Found] = []
    for doc in load_documents(text, origin):
        services = compose_services(doc) or {}
        for name, service in extended_services(services, origin, values, load).items():
            if "build" in service.fields and not pulls_before_building(service.fields, values, name, pulled):
                continue
            item = _service_image(name, service, services[name], origin, values)
            found += [item] if item else []
    return found


def _service_image(
    name: object, service: Extended, own: dict[Any, Any], origin: str, values: dict[str, str | None]
) -> Found | None:
    """The image a compose service pulls: its own `image:`, or that of the service of another file it extends
    (at the line of its `extends:`); one its file's service gives is read there."""
    if service.problem is not None and "image" not in service.fields:
        return Found(f"service {name}", origin, service.line, service.problem, "image")
    resolve: Resolver = lambda t: expand(t, values, dollar_escape=True)  # noqa: E731
    written: object = own.get("image")
    use = "image"
    if service.image_origin != origin:
        written = located(str(service.fields.get("image") or ""), service.line)
        use = f"image (extends {service.image_origin})"
    item = found_item(written, origin, use, resolve, _compose_unset)
    return _emptied(item, str(written).strip(), values) if item else None


def image_fields(node: object, seen: set[int]) -> Iterator[object]:
    """Every value under an `image` key, except a container's with `imagePullPolicy: Never` (the image must be on
    the node already); an aliased node is walked once (no exponential alias bombs)."""
    for parent, name, child in entries(node, seen):
        if (
            name == "image"
            and isinstance(child, str)
            and not (isinstance(parent, dict) and parent.get("imagePullPolicy") == "Never")
            and not split_name(parent, child)  # `repository`, `image`, `version` of an operator's operand
        ):
            yield child


def _kustomize(doc: dict[Any, Any], origin: str) -> list[Found]:
    """A Kustomization's `images:` transforms: `newName`, `newTag` or `digest` replace what the bases name
    (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/); with both `newTag` and `digest`,
    current kustomize writes both (`name:tag@digest`, kubernetes-sigs/kustomize#5664)."""
    found: list[Found] = []
    entries = doc.get("images")
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        name, new_name, tag, digest = (entry.get(key) for key in ("name", "newName", "newTag", "digest"))
        if new_name is None and tag is None and digest is None:
            continue
        text = str(new_name or name) + (f":{tag}" if tag is not None else "") + (f"@{digest}" if digest else "")
        line = line_of(new_name) or line_of(name)
        if digest is None and tag is None:
            why = f"the tag is the one the bases give {name} (not in this file)"
            found.append(Found(text, origin, line, why, "images (kustomize)", "Kubernetes manifest"))
            continue
        item = found_item(located(text, line), origin, "images (kustomize)")
        found += [dataclasses.replace(item, kind="Kubernetes manifest")] if item else []
    return found


def manifest_images(doc: object, origin: str, resolve: Resolver = literal, explain: Explain = no_value) -> list[Found]:
    """The images of a Kubernetes document; an OpenShift template's objects with its parameters' values
    (openshift_templates.py)."""
    if (template := openshift_template(doc)) is not None:
        objects, resolve, explain = template
        return [
            item for part in objects if is_manifest(part) for item in manifest_images(part, origin, resolve, explain)
        ]
    found: list[Found] = []
    doc = without_schema_examples(doc)
    if isinstance(doc, dict) and doc.get("kind") in _KUSTOMIZE_KINDS:
        found += _kustomize(doc, origin) + kustomization_patch_images(doc, origin)
    for value in without_injected_placeholder(doc, image_fields(doc, set())):  # not Istio's `image: auto`
        item = found_item(value, origin, "image", resolve, explain)
        found += [dataclasses.replace(item, kind="Kubernetes manifest")] if item else []
    # keys naming an image, a CRD's default (`reloaderImage (CRD default)`), a container's `--x-image` options
    for key, value in [*keyed_images(doc), *crd_default_images(doc), *flag_images(doc)]:
        item = found_item(value, origin, key, resolve, explain)
        found += [dataclasses.replace(item, kind="Kubernetes manifest")] if item else []
    for item in resource_image_mappings(doc, origin):
        found.append(dataclasses.replace(item, kind="Kubernetes manifest"))
    for name, value in related_images(doc):
        item = found_item(value, origin, f"env {name}", resolve, explain)
        found += [dataclasses.replace(item, kind="Kubernetes manifest")] if item else []
    found += bundle_images(doc, origin, resolve, explain) + openshift_images(doc, origin, resolve, explain)
    found += function_annotation_images(doc, origin) + cluster_catalog_images(doc, origin)  # KRM fn, OLM v1
    for created, before in resource_objects(doc, origin):  # an Argo resource template's object (argo_resources.py)
        found += [dataclasses.replace(i, line=(i.line or 0) + before) for i in manifest_images(created, origin)]
    return found + _release_values(doc, origin) + controller_configs(doc, origin)


def _release_values(doc: object, origin: str) -> list[Found]:
    """The image mappings of a Flux HelmRelease's `spec.values`, the values it deploys a chart with."""
    if not isinstance(doc, dict) or doc.get("kind") != "HelmRelease":
        return []
    spec = doc.get("spec")
    values = spec.get("values") if isinstance(spec, dict) else None
    return release_values_images(values, origin) if str(doc.get("apiVersion", "")).startswith(_FLUX_HELM) else []


def _manifests_images(documents: list[Any], origin: str) -> list[Found]:
    """The images of the Kubernetes documents of a file (Tekton's with the file's parameters), and of the manifests
    a ClusterResourceSet of the file applies, with clusterctl's variable defaults (cluster_resource_sets.py)."""
    found: list[Found] = []
    tekton = tekton_parameters(documents)
    for doc in documents:
        if is_manifest(doc):
            found += (
                manifest_images(doc, origin, *tekton) if tekton and is_tekton(doc) else manifest_images(doc, origin)
            )
    for held, before in resource_set_objects(documents, origin):
        found += [
            dataclasses.replace(i, line=(i.line or 0) + before) for i in manifest_images(held, origin, *CLUSTERCTL)
        ]
    return found


def kubernetes_images(text: str, origin: str) -> list[Found]:
    return _manifests_images(load_documents(text, origin), origin)


def gitpod_images(text: str, origin: str) -> list[Found]:
    """`.gitpod.yml`: the workspace `image:` (a string; `image: {file: ...}` names a Dockerfile the walk reads)."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        item = found_item(doc.get("image") if isinstance(doc, dict) else None, origin, "image")
        found += [item] if item else []
    return found


def _okteto_unset(name: str) -> str:
    return f"${{{name}}} is set by Okteto or the environment when the manifest is used"


def okteto_images(text: str, origin: str) -> list[Found]:
    """`okteto.yml`: the image of each development and test container (`dev.NAME.image`, `test.NAME.image`; `image`
    at the top in the older one-container form); `build:` entries are images Okteto builds, not pulled."""
    resolve: Resolver = lambda t: expand(t, {}, dollar_escape=True)  # noqa: E731
    found: list[Found] = []
    for doc in load_documents(text, origin):
        own = [doc[key] for key in ("dev", "test") if isinstance(doc, dict) and isinstance(doc.get(key), dict)]
        containers = [each for part in own for each in part.values()] if own else [doc] if isinstance(doc, dict) else []
        for container in containers:
            image = container.get("image") if isinstance(container, dict) else None
            item = found_item(image, origin, "image", resolve, _okteto_unset)
            found += [item] if item else []
    return found


def _looks_like_gitlab(doc: Mapping[Any, Any]) -> bool:
    return any(
        isinstance(job, dict) and any(key in job for key in _GITLAB_JOB_KEYS)
        for name, job in doc.items()
        if name not in KEYWORDS
    )


# a value in double quotes, the quotes of a Go template action's own strings inside it: `"{{ template "x.image" . }}"`
_TEMPLATE_IMAGE_RE = re.compile(
    r"""^\s*(?:-\s*)?image:\s*(?:"([^"]+)"|"((?:[^"{]|\{\{.*?\}\}|\{(?!\{))+)"|'([^']+)'|(\{\{.*?\}\}[^\s"'#]*|(?:[^\s"'#<{]|\{\{.*?\}\}|\{(?!\{)|<%.*?%>|<(?!%))+))"""
    r"""\s*(?:#.*)?$"""
)
# Operator SDK's scorecard configuration (`bundle/tests/scorecard/config.yaml`): `stages[].tests[].image` are run as
# pods by `operator-sdk scorecard` (https://sdk.operatorframework.io/docs/testing-operators/scorecard/)
_SCORECARD_GROUP = "scorecard.operatorframework.io/"


TEMPLATE_LINE = "image (template line)"


def _template_images(text: str, origin: str) -> list[Found]:
    """A manifest template that is not YAML until rendered (`{{ .ns }}`): its `image:` lines, read one by one."""
    found: list[Found] = []
    skipping = False  # inside a document of an API group whose `image` is not pulled
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("---"):
            skipping = False
        elif line.startswith("apiVersion:"):
            skipping = line.removeprefix("apiVersion:").strip().strip("\"'").startswith(NOT_PULLED_API_GROUPS)
        elif not skipping and (match := _TEMPLATE_IMAGE_RE.match(line)):
            value = next(group for group in match.groups() if group)
            why = TEMPLATE_EXPRESSION if is_template(value) else None
            found.append(Found(value, origin, number, why, TEMPLATE_LINE, "Kubernetes manifest"))
    return found


def yaml_images(text: str, origin: str) -> list[Found]:
    """Any other YAML file: Kubernetes documents, or a GitLab CI file, a GitHub Actions workflow or a Prow job
    config by its shape; a manifest template that does not parse as YAML is read line by line (`image:
    busybox:1.36`), and is an error when no such line is found. A Kamal configuration outside `config/` (a test
    fixture, given to Kamal with `-c` only) is not read."""
    if looks_like_kamal(text):
        return []
    try:
        documents = load_documents(text, origin)
    except ConfigError:
        if is_template(text) and (lines := _template_images(text, origin)):
            return lines
        raise
    if (shaped := shaped_ci_images(documents, text, origin)) is not None:
        return shaped  # a workflow outside .github/workflows, a Prow job config (ci_shapes.py)
    if (own := own_document_images(documents, origin)) is not None:
        return own  # Discourse's launcher, an ACI container group, Garden's actions
    if documents and all(doc is None or looks_like_compose(doc) for doc in documents) and any(documents):
        return [dataclasses.replace(item, kind="compose file") for item in compose_images(text, origin)]
    if any(looks_like_cloudbuild(doc) for doc in documents):
        return [item for doc in documents if looks_like_cloudbuild(doc) for item in cloudbuild_document(doc, origin)]
    if skaffold := skaffold_images(documents, text, origin):
        return skaffold  # a Skaffold config's builder images and container specs (skaffold_builders.py)
    if any(isinstance(doc, dict) and "apiVersion" not in doc and _looks_like_gitlab(doc) for doc in documents):
        return [dataclasses.replace(item, kind="GitLab CI file") for item in gitlab_documents(documents, origin)]
    kustomization = posixpath.basename(origin) in KUSTOMIZATION_NAMES
    found = _manifests_images(documents, origin)
    for doc in documents:
        if is_manifest(doc):
            continue
        if kustomization and isinstance(doc, dict) and doc.get("kind", "Kustomization") in _KUSTOMIZE_KINDS:
            found += manifest_images({"kind": "Kustomization", **doc}, origin)  # kustomize defaults the header
        else:
            found += catalog_images(doc, origin) + related_image_table_images(doc, origin)  # OLM catalogs, pins
    return found or lone_image(documents, origin)  # a file naming one image alone (lone_images.py)


def is_manifest(doc: object) -> bool:
    if isinstance(doc, dict) and "kind" in doc and str(doc.get("apiversion", "")).startswith(_SCORECARD_GROUP):
        return True  # the scorecard config `operator-sdk generate bundle` writes: `apiversion`, in lower case
    if not isinstance(doc, dict) or "apiVersion" not in doc or "kind" not in doc:
        return False
    return not str(doc["apiVersion"]).startswith(NOT_PULLED_API_GROUPS)
