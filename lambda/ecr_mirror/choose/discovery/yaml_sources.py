"""Images named by YAML files: compose, Kubernetes (and Helm-rendered) manifests, GitHub Actions, GitLab CI (pure).

Anchors, aliases and merge keys (`<<: *base`) are resolved by the YAML loader; files may hold several documents.
Values are taken only where each tool reads an image:

- compose: `services.*.image`, except services with `build:` (there `image` names what is built, not pulled);
  `${VAR:-default}` interpolation with defaults only: the environment and `.env` are not read.
- Kubernetes: every `image:` string anywhere in a document that has `apiVersion` and `kind` (Pods, Deployments,
  CronJobs, custom resources); other YAML (configs, Helm values files) is not read.
- GitHub Actions: `jobs.*.container` (a string or a mapping with `image`), `jobs.*.services.*.image`,
  `jobs.*.steps[].uses: docker://IMAGE`; `${{ }}` expressions cannot be resolved.
- GitLab CI: `image` (a string or a mapping with `name`) and `services` entries (strings or mappings with `name`) at
  the top, under `default:` and in every job (hidden `.templates` too), with the file's `variables:` substituted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import Malformed, Unset, expand
from ecr_mirror.errors import ConfigError

Resolver = Callable[[str], str]  # raises Unset or Malformed
_GITLAB_KEYWORDS = frozenset(
    {"default", "include", "stages", "variables", "workflow", "image", "services", "before_script", "after_script"}
    | {"cache", "spec"}
)


def load_documents(text: str, origin: str) -> list[Any]:
    import yaml  # as in rules.py: only the YAML readers pay for its import

    try:
        return list(yaml.safe_load_all(text))
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        hint = " (a Helm chart template? render it with `helm template` first)" if "{{" in text else ""
        raise ConfigError(f"{origin}: not valid YAML: {first}{hint}") from exc


def _item(value: object, origin: str, resolve: Resolver, explain: Callable[[str], str]) -> Found | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if "{{" in text:
        why = "a GitHub Actions expression, known only when the workflow runs" if "${{" in text else ""
        return Found(text, origin, None, why or "a template expression: render it (`helm template`) first")
    try:
        return Found(resolve(text), origin)
    except Unset as unset:
        return Found(text, origin, None, explain(unset.name))
    except Malformed as exc:
        return Found(text, origin, None, str(exc))


def _literal(text: str) -> str:
    return text


def _compose_unset(name: str) -> str:
    return f"${{{name}}} has no default (compose reads it from the environment or .env; discover reads neither)"


def _collect(
    found: list[Found],
    value: object,
    origin: str,
    resolve: Resolver = _literal,
    explain: Callable[[str], str] = _compose_unset,
) -> None:
    item = _item(value, origin, resolve, explain)
    if item is not None:
        found.append(item)


def _mappings(value: object) -> Iterator[dict[Any, Any]]:
    if isinstance(value, dict):
        yield from (v for v in value.values() if isinstance(v, dict))


def compose_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    resolve: Resolver = lambda t: expand(t, {}, dollar_escape=True)  # noqa: E731
    for doc in load_documents(text, origin):
        if isinstance(doc, dict):
            for service in _mappings(doc.get("services")):
                if "build" not in service:
                    _collect(found, service.get("image"), origin, resolve)
    return found


def _image_fields(node: object, seen: set[int]) -> Iterator[object]:
    """Every value under an `image` key; an aliased node is walked once (no exponential alias bombs)."""
    if not isinstance(node, dict | list) or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, list):
        for child in node:
            yield from _image_fields(child, seen)
        return
    for key, child in node.items():
        if key == "image" and isinstance(child, str):
            yield child
        else:
            yield from _image_fields(child, seen)


def kubernetes_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if isinstance(doc, dict) and "apiVersion" in doc and "kind" in doc:
            for value in _image_fields(doc, set()):
                _collect(found, value, origin)
    return found


def workflow_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        for job in _mappings(jobs):
            container = job.get("container")
            _collect(found, container.get("image") if isinstance(container, dict) else container, origin)
            services = job.get("services")
            for service in services.values() if isinstance(services, dict) else ():
                _collect(found, service.get("image") if isinstance(service, dict) else service, origin)
            steps = job.get("steps")
            for step in steps if isinstance(steps, list) else ():
                uses = step.get("uses") if isinstance(step, dict) else None
                if isinstance(uses, str) and uses.startswith("docker://"):
                    _collect(found, uses.removeprefix("docker://"), origin)
    return found


def _gitlab_variables(raw: object) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name, raw_value in raw.items() if isinstance(raw, dict) else ():
        value = raw_value.get("value") if isinstance(raw_value, dict) else raw_value
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            out[str(name)] = str(value)
    return out


def _gitlab_unset(name: str) -> str:
    if name.startswith(("CI_", "GITLAB_")):
        return f"${name} is set by GitLab when the job runs"
    return f"${name} is not set in the file's variables (it may come from the project's CI/CD settings)"


def _gitlab_job(found: list[Found], job: Mapping[Any, Any], values: dict[str, str | None], origin: str) -> None:
    resolve: Resolver = lambda t: expand(t, values, dollar_escape=True)  # noqa: E731
    image = job.get("image")
    _collect(found, image.get("name") if isinstance(image, dict) else image, origin, resolve, explain=_gitlab_unset)
    services = job.get("services")
    for service in services if isinstance(services, list) else ():
        name = service.get("name") if isinstance(service, dict) else service
        _collect(found, name, origin, resolve, explain=_gitlab_unset)


def gitlab_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        values = _gitlab_variables(doc.get("variables"))
        _gitlab_job(found, doc, values, origin)
        if isinstance(doc.get("default"), dict):
            _gitlab_job(found, doc["default"], values, origin)
        for name, job in doc.items():
            if name not in _GITLAB_KEYWORDS and isinstance(job, dict):
                _gitlab_job(found, job, {**values, **_gitlab_variables(job.get("variables"))}, origin)
    return found
