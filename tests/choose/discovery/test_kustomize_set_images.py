"""`kustomize edit set image NAME=NEWNAME:TAG` in a Makefile recipe or a script writes the `images:` entry of the
Kustomization it then builds and applies: the new image, a whole reference, is what the cluster pulls. A value with
the file's own variables is resolved as for `kubectl run`; `NAME=*:TAG`, `NAME:TAG` without `=` and a new name
without a tag or digest keep a part of the base's image, which the command does not say: not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kustomize_set_images import kustomize_set_images

MAKEFILE = """\
OPERATOR_IMAGE ?= quay.io/acme/widget-operator:latest
KUSTOMIZE ?= $(CURDIR)/bin/kustomize

deploy-operator:
\t@set -e; \\
\tTMP_DIR=$$(mktemp -d); \\
\tcp prereqs/kustomization.yaml $$TMP_DIR/kustomization.yaml; \\
\tcd $$TMP_DIR && \\
\t\t$(KUSTOMIZE) edit set image quay.io/acme/widget-operator=$(OPERATOR_IMAGE) && \\
\t\t$(KUSTOMIZE) edit set image busybox=docker.io/library/busybox:1.37 redis=*:7.2 nginx:1.27; \\
\t$(KUSTOMIZE) build $$TMP_DIR | kubectl apply -f -

echo:
\techo "kustomize edit set image app=ghcr.io/acme/app:1.0"
"""


def test_the_new_image_of_kustomize_edit_set_image_is_deployed() -> None:
    found = kustomize_set_images(MAKEFILE, "test/Makefile")
    assert [(f.text, f.line, f.problem, f.use) for f in found] == [
        ("quay.io/acme/widget-operator:latest", 5, None, "kustomize edit set image"),
        ("docker.io/library/busybox:1.37", 5, None, "kustomize edit set image"),
    ]


def test_a_new_image_with_a_variable_of_no_value_is_unresolved_and_a_bare_new_name_is_not_read() -> None:
    script = 'cd overlays/dev && kustomize edit set image app="${REGISTRY}/app:${TAG}" web=ghcr.io/acme/web\n'
    found = kustomize_set_images(script, "hack/deploy.sh")
    assert [(f.text, f.problem is None) for f in found] == [("${REGISTRY}/app:${TAG}", False)]


def test_the_image_the_same_makefile_builds_under_the_same_variable_is_not_read() -> None:
    makefile = (
        "IMG ?= ghcr.io/acme/operator:v0.3.0\n\ndocker-build:\n\tdocker build -t ${IMG} .\n\n"
        "deploy:\n\tcd config/manager && $(KUSTOMIZE) edit set image controller=${IMG}\n"
        "\t$(KUSTOMIZE) build config/default | kubectl apply -f -\n"
    )
    assert kustomize_set_images(makefile, "Makefile") == []
