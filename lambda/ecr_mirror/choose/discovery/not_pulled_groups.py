"""The API groups whose documents name images nothing pulls to run (pure): their `image` fields are not read.

Flux's image reflector (`spec.image`) and Argo CD Image Updater's `ImageUpdater` (`imageName`, with a version
constraint, https://argocd-image-updater.readthedocs.io/en/stable/configuration/images/) name repositories whose
tags are scanned; Skaffold's `build.artifacts[].image` names what it builds; Konflux's application records
(`appstudio.redhat.com`: a Component's `containerImage`, the repository its builds push to, a Snapshot's
`components[].containerImage`, the images those builds produced, recorded for integration tests and for a Release to
copy where they are published, https://konflux-ci.dev/docs/reference/kube-apis/application-api/) name the project's
own build outputs.
"""

from __future__ import annotations

NOT_PULLED_API_GROUPS = (
    "image.toolkit.fluxcd.io/",
    "argocd-image-updater.argoproj.io/",
    "skaffold/",
    "appstudio.redhat.com/",
)
