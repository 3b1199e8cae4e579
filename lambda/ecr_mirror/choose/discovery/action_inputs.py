"""Images that well-known GitHub actions pull, named in their inputs (pure).

An action's input is a string like any other; these are the inputs the actions document as an image they pull or
boot, so a step that sets one pulls that image:

- `helm/kind-action`, `container-tools/kind-action`: `node_image`, the kind node image of the cluster
  (https://github.com/helm/kind-action#inputs); `engineerd/setup-kind`: `image`, the same.
- `docker/setup-qemu-action`: `image`, the binfmt installer image (https://github.com/docker/setup-qemu-action#inputs).
- `shrink/actions-docker-extract`: `image`, the image it copies files out of (https://github.com/shrink/actions-docker-extract#inputs;
  an image the job built and loaded first is taken as built there, as for any pull).
- `addnab/docker-run-action`: `image`, the container its `run` commands run in (`docker run ... IMAGE`;
  https://github.com/addnab/docker-run-action#inputs).
- `docker/setup-buildx-action`: `driver-opts` `image=IMAGE`, the BuildKit image of the docker-container driver
  (https://docs.docker.com/build/builders/drivers/docker-container/).
- `docker/build-push-action`: `attests` `type=sbom,generator=IMAGE` (one `--attest` a line), the scanner BuildKit
  runs to write the build's SBOM (https://docs.docker.com/build/metadata/attestations/sbom/#sbom-generator): neon's
  `docker.io/docker/buildkit-syft-scanner:1`. `type=sbom` alone runs BuildKit's default scanner (not listed).
- `aquasecurity/trivy-action`: `image-ref`, the image Trivy scans when `scan-type` is `image` (its default) and no
  `input` tarball is given: fetched from its registry unless the job built it (https://github.com/aquasecurity/trivy-action#inputs).
  A job that builds the image in an earlier step from the same matrix values (`make image-${{ matrix.target }}`,
  `docker build -t app-${{ matrix.target }}`), then scans `REGISTRY/${{ matrix.target }}:...`, scans what it built:
  the step's `run:` runs a build command (docker/podman/buildah build, `ko build`, make) and uses an expression the
  `image-ref` is written with (`scan_build`). So does one that pushes it (`docker push`, `podman push`: the image is
  in the job's local store, made there, as redpanda connect's edge release pushes
  `${{ fromJSON('{"connect":"redpandadata/connect:edge",...}')[matrix.variant] }}` that goreleaser built, then scans
  it). A build command under any other values is not taken for it.

- `pypa/cibuildwheel`: its image options, which it reads from the environment (the workflow's, the job's or the
  step's `env:`, a later scope's value winning): `CIBW_MANYLINUX_<ARCH>_IMAGE` and `CIBW_MUSLLINUX_<ARCH>_IMAGE`, the
  container the Linux wheels are built in (https://cibuildwheel.pypa.io/en/stable/options/#linux-image), when the value
  is an image name with a registry or a namespace (`quay.io/pypa/manylinux_2_39_riscv64`); a pinned name
  (`manylinux2014`, `manylinux_2_28`) selects the image the cibuildwheel version pins, which the file does not say.
- `apache/rocketmq-test-tool`: the `yamlString` input (its Java runner's interface, the `java-dev` branch that
  RocketMQ's and Nacos' e2e workflows use) is a YAML document; with `action: test` the action creates a Pod in the
  cluster it is given whose one container runs `CONTAINER.IMAGE` (`RepoTest.runTest` in
  https://github.com/apache/rocketmq-test-tool: `new ContainerBuilder().withImage(containerMap.get("IMAGE"))`), so
  that cluster pulls it: nacos' `cloudnativeofalibabacloud/test-runner:v0.0.4`, at the line of `IMAGE:`. Another
  `action` (`deploy` installs a Helm chart) runs no such Pod.

A step that leaves the input out pulls the action's default, which its version decides: not listed (as ko's default
base). `${{ env.NAME }}` in the input takes the literal value the workflow, the job or the step sets (GitHub's
order, the step's last); the caller expands the job's matrix afterwards. Other contexts stay unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located
from ecr_mirror.errors import ConfigError

IMAGE_INPUTS: dict[str, str] = {
    "helm/kind-action": "node_image",
    "container-tools/kind-action": "node_image",
    "engineerd/setup-kind": "image",
    "docker/setup-qemu-action": "image",
    "shrink/actions-docker-extract": "image",
    "addnab/docker-run-action": "image",
}
BUILDX = "docker/setup-buildx-action"
BUILD_PUSH = "docker/build-push-action"
TRIVY = "aquasecurity/trivy-action"
ROCKETMQ_TEST_TOOL = "apache/rocketmq-test-tool"
CIBUILDWHEEL = "pypa/cibuildwheel"
_CIBW_IMAGE_RE = re.compile(r"^CIBW_(?:MANY|MUSL)LINUX_[A-Z0-9_]+_IMAGE$")
_ENV_RE = re.compile(r"\$\{\{\s*env\.([A-Za-z_][\w-]*)\s*\}\}")
_EXPRESSION_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
_BUILD_RE = re.compile(
    r"(?<![\w.-])(?:(?:docker|podman)(?:\s+image|\s+buildx)?\s+build|buildah\s+(?:bud|build)|ko\s+build|make"
    r"|(?:docker|podman)(?:\s+image)?\s+push)(?![\w-])"
)


def literal_env(scopes: list[object]) -> dict[str, str]:
    """The env values that are written in the file (workflow, job, step: a later scope wins), expressions kept."""
    values: dict[str, str] = {}
    for scope in scopes:
        for name, raw in scope.items() if isinstance(scope, dict) else ():
            if raw is not None and not isinstance(raw, dict | list | bool):
                values[str(name)] = str(raw)
    return values


def _with_env(value: str, env: Mapping[str, str]) -> str:
    return _ENV_RE.sub(lambda m: env.get(m.group(1), m.group(0)), value)


def _action(uses: object) -> str | None:
    if not isinstance(uses, str) or "@" not in uses:
        return None
    return uses.split("@", 1)[0].strip().lower()


def _scans_image(inputs: dict[Any, Any]) -> bool:
    """Trivy's action scans the `image-ref` image: `scan-type` is `image` (its default), no `input` tarball."""
    return str(inputs.get("scan-type") or "image").strip() == "image" and not inputs.get("input")


def _expressions(text: str) -> set[str]:
    return {" ".join(match.group(1).split()) for match in _EXPRESSION_RE.finditer(text)}


def scan_build(step: dict[Any, Any], earlier: list[object]) -> int | None:
    """The line of the earlier `run:` of the job (`earlier`, in order) that builds the image a Trivy step scans (see
    the module's docstring), None when none does."""
    inputs = step.get("with")
    if _action(step.get("uses")) != TRIVY or not isinstance(inputs, dict) or not _scans_image(inputs):
        return None
    written = _expressions(str(inputs.get("image-ref") or ""))
    for run in reversed(earlier):
        if written and isinstance(run, str) and _BUILD_RE.search(run) and written & _expressions(run):
            return line_of(run)
    return None


def input_images(step: dict[Any, Any], env: Mapping[str, str]) -> Iterator[tuple[object, str]]:
    """(the image as written, with env values in; the use) of each image input the step gives its action."""
    action, inputs = _action(step.get("uses")), step.get("with")
    if action is None or not isinstance(inputs, dict):
        return
    if (name := IMAGE_INPUTS.get(action)) is not None and isinstance(value := inputs.get(name), str) and value:
        yield located(_with_env(value.strip(), env), line_of(value)), f"with: {name} ({action})"
    if action == TRIVY and _scans_image(inputs) and isinstance(value := inputs.get("image-ref"), str) and value.strip():
        yield located(_with_env(value.strip(), env), line_of(value)), f"with: image-ref ({action})"
    if action == ROCKETMQ_TEST_TOOL:
        yield from _test_pod_image(inputs.get("yamlString"), env)
    options = inputs.get("driver-opts") if action == BUILDX else None
    lines = options if isinstance(options, list) else options.splitlines() if isinstance(options, str) else []
    for option in lines:
        key, sep, image = str(option).strip().partition("=")
        if sep and key.strip() == "image" and image.strip():
            line = line_of(option) or line_of(options)  # a list item's own line, else the input's
            yield located(_with_env(image.strip(), env), line), f"with: driver-opts image ({action})"
    if action == BUILD_PUSH:
        yield from _sbom_generators(inputs.get("attests"), env)


def _sbom_generators(attests: object, env: Mapping[str, str]) -> Iterator[tuple[object, str]]:
    """The `generator=IMAGE` of each `type=sbom` line of a build-push step's `attests` (a list, or lines of a string:
    those of a block follow the input's key), at its line."""
    if isinstance(attests, list):
        items = [(str(item), line_of(item) or line_of(attests)) for item in attests]
    elif isinstance(attests, str):
        base, block = line_of(attests), "\n" in attests.strip() or attests.endswith("\n")
        items = [
            (item, base + index + 1 if base and block else base) for index, item in enumerate(attests.splitlines())
        ]
    else:
        return
    for item, line in items:
        fields = dict(field.strip().partition("=")[::2] for field in item.split(","))
        if fields.get("type") == "sbom" and (image := fields.get("generator", "").strip()):
            yield located(_with_env(image, env), line), f"with: attests sbom generator ({BUILD_PUSH})"


def _test_pod_image(written: object, env: Mapping[str, str]) -> Iterator[tuple[object, str]]:
    """The `CONTAINER.IMAGE` of a rocketmq-test-tool `yamlString` that runs the tests (`action: test`), at its line
    in the workflow (the block's lines follow the input's key)."""
    if not isinstance(written, str) or "IMAGE" not in written:
        return
    try:
        docs = load_documents(str(written), "yamlString")
    except ConfigError:
        return  # not YAML: the action would fail to read it too
    spec = docs[0] if docs and isinstance(docs[0], dict) else {}
    container = spec.get("CONTAINER")
    image = container.get("IMAGE") if isinstance(container, dict) and str(spec.get("action")) == "test" else None
    if isinstance(image, str) and image.strip():
        line = (line_of(written) or 0) + (line_of(image) or 0) or None
        yield located(_with_env(image.strip(), env), line), f"with: yamlString CONTAINER.IMAGE ({ROCKETMQ_TEST_TOOL})"


def cibuildwheel_images(step: dict[Any, Any], scopes: list[object]) -> Iterator[tuple[object, str]]:
    """(the image, the use) of each Linux image option a `pypa/cibuildwheel` step is given in `scopes` (the
    workflow's, the job's and the step's `env:`: a later scope wins), at the line it is written on."""
    if _action(step.get("uses")) != CIBUILDWHEEL:
        return
    chosen: dict[str, object] = {}
    for scope in scopes:
        for name, raw in scope.items() if isinstance(scope, dict) else ():
            if isinstance(name, str) and _CIBW_IMAGE_RE.match(name) and isinstance(raw, str):
                chosen[name] = raw
    for name, raw in chosen.items():
        value = str(raw).strip()
        # a full name has a `/` (a tag or digest never does; a registry's port comes before it), a pinned one not
        if "/" in value and "${{" not in value:
            yield located(value, line_of(raw)), f"env: {name} ({CIBUILDWHEEL})"
