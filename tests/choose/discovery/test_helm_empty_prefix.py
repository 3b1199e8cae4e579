"""An `image:` line starting with a lookup the values leave empty, right before another action (`{{
.Values.image.repository }}{{ .Values.apiserver.image }}:{{ .Values.apiserver.imageTag }}`, a registry prefix a user
may set, `repository: ""` by default): Helm renders the empty value as nothing, so the line is the rest."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  pullPolicy: IfNotPresent
  repository: ""
apiserver:
  enabled: true
  image: "acme/storage-apiserver"
  imageTag: "4.2.0"
helper:
  image: "acme/storage-utils"
  imageTag: "1.3.0"
"""

TEMPLATES = """\
spec:
  containers:
    - name: apiserver
      image: "{{ .Values.image.repository }}{{ .Values.apiserver.image }}:{{ .Values.apiserver.imageTag }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      env:
        - name: HELPER_IMAGE
          value: "{{ .Values.image.repository }}{{ .Values.helper.image }}:{{ .Values.helper.imageTag }}"
        - name: LONE
          value: "{{ .Values.image.repository }}:{{ .Values.helper.imageTag }}"
"""


def _listed(values: str = VALUES) -> list[tuple[str, int | None, str | None]]:
    found = helm_values_images(values, "chart/values.yaml", app_version="4.2.0", templates=TEMPLATES)
    return sorted((item.text, item.line, item.problem) for item in found)


def test_an_empty_prefix_before_another_action_renders_as_nothing() -> None:
    listed = _listed()
    assert ("acme/storage-apiserver:4.2.0", 6, None) in listed
    assert ("acme/storage-utils:1.3.0", 9, None) in listed


def test_an_empty_value_before_literal_text_names_no_image() -> None:
    assert all(not text.startswith(":") for text, _, _ in _listed())


def test_a_prefix_that_is_set_is_kept() -> None:
    listed = _listed(VALUES.replace('repository: ""', "repository: registry.acme.io/"))
    assert ("registry.acme.io/acme/storage-apiserver:4.2.0", 6, None) in listed
