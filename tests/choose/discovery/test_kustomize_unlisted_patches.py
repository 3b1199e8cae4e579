"""A strategic-merge patch of a workload (a Deployment without the `spec.selector` apps/v1 requires) that no
Kustomization of the tree lists is never applied: kubebuilder's scaffold comments out the
`manager_auth_proxy_patch.yaml` that adds a kube-rbac-proxy sidecar, and `kubectl apply -f` would reject the file."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_unlisted_patches import without_unlisted_patches

KUSTOMIZATION = """\
namespace: widget-system
resources:
- ../crd
- ../manager
patches:
# [METRICS] uncomment to serve the metrics behind an authorizing proxy
#- path: manager_proxy_patch.yaml
- path: manager_metrics_patch.yaml
patchesStrategicMerge:
- manager_webhook_patch.yaml
"""

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
  namespace: system
spec:
  template:
    spec:
      containers:
      - name: kube-rbac-proxy
        image: quay.io/brancz/kube-rbac-proxy:v0.18.0
---
apiVersion: v1
kind: Service
metadata:
  name: controller-manager-metrics-service
spec:
  ports:
  - name: https
    port: 8443
"""

DEPLOYMENT = PATCH.replace("spec:\n  template:", "spec:\n  selector:\n    matchLabels:\n      app: proxy\n  template:")


def _item(origin: str, image: str = "quay.io/brancz/kube-rbac-proxy:v0.18.0") -> Found:
    return Found(image, origin, 11, None, "image", "Kubernetes manifest")


def _texts(**files: str) -> dict[str, str]:
    return {"config/default/kustomization.yaml": KUSTOMIZATION, **files}


def test_a_workload_patch_no_kustomization_lists_is_not_read() -> None:
    texts = _texts(**{"config/default/manager_proxy_patch.yaml": PATCH})
    assert without_unlisted_patches([_item("config/default/manager_proxy_patch.yaml")], texts) == []


def test_a_listed_patch_a_full_workload_or_a_patch_a_script_names_is_read() -> None:
    listed = [_item("config/default/manager_metrics_patch.yaml"), _item("config/default/manager_webhook_patch.yaml")]
    texts = _texts(
        **{"config/default/manager_metrics_patch.yaml": PATCH, "config/default/manager_webhook_patch.yaml": PATCH}
    )
    assert without_unlisted_patches(listed, texts) == listed
    whole = [_item("config/default/manager_proxy_patch.yaml")]
    assert without_unlisted_patches(whole, _texts(**{"config/default/manager_proxy_patch.yaml": DEPLOYMENT})) == whole
    beside_a_pod = (
        PATCH + "---\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: busybox:1.37\n"
    )
    assert without_unlisted_patches(whole, _texts(**{"config/default/manager_proxy_patch.yaml": beside_a_pod})) == whole
    texts = _texts(
        **{
            "config/default/manager_proxy_patch.yaml": PATCH,
            "hack/metrics.sh": "kubectl patch deployment widget-controller-manager --patch-file "
            "config/default/manager_proxy_patch.yaml\n",
        }
    )
    assert without_unlisted_patches(whole, texts) == whole


def test_a_patch_listed_from_another_directory_or_outside_a_kustomize_directory_is_read() -> None:
    overlay = "resources:\n- ../default\npatches:\n- path: ../default/manager_proxy_patch.yaml\n"
    texts = _texts(**{"config/default/manager_proxy_patch.yaml": PATCH, "config/secure/kustomization.yaml": overlay})
    item = [_item("config/default/manager_proxy_patch.yaml")]
    assert without_unlisted_patches(item, texts) == item
    assert without_unlisted_patches([_item("deploy/proxy.yaml")], {"deploy/proxy.yaml": PATCH}) == [
        _item("deploy/proxy.yaml")
    ]


def test_a_patch_listed_as_a_string_under_patches_kustomize_v1s_form_is_read() -> None:
    """kustomize v1's `patches:` was a list of strategic-merge patch files (the field `patchesStrategicMerge` took
    over): a legacy overlay pinned to kustomize v1 lists its image patches so, `patches: [controller-images.yaml]`."""
    legacy = "bases:\n- ../../base\npatches:\n- controller-images.yaml\n- 'node-images.yaml'\n"
    texts = {
        "deploy/overlays/prod/kustomization.yaml": legacy,
        "deploy/overlays/prod/controller-images.yaml": PATCH,
        "deploy/overlays/prod/node-images.yaml": PATCH,
    }
    items = [_item("deploy/overlays/prod/controller-images.yaml"), _item("deploy/overlays/prod/node-images.yaml")]
    assert without_unlisted_patches(items, texts) == items
