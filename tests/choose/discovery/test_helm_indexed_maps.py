"""The values maps a chart's templates index to print an image (helm_indexed_maps.py): a variable bound to an entry
is an image when an `image:` line of the same named template prints it alone."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_indexed_maps import indexed_maps

HELPER = """\
{{- define "toolkit.snippets.image" -}}
{{- $imageTag := index $envAll.Values.images.tags $image -}}
image: {{ $imageTag | quote }}
{{- end -}}
{{- define "toolkit.other" -}}
{{- $port := index .Values.ports "api" -}}
{{- end -}}
{{- define "toolkit.printed" -}}
image: {{ $port | quote }}
{{- end -}}
"""


def test_a_bound_entry_is_an_image_only_where_its_own_template_prints_it() -> None:
    assert indexed_maps(HELPER) == {("images", "tags"): None}


def test_many_bindings_are_read_in_a_time_that_grows_with_their_number() -> None:
    # a review found each binding copied and searched the templates after it to their end (20,000 bindings in one
    # template, none printed: minutes)
    bindings = "".join(f"{{{{- $v{n} := index .Values.ports.p{n} $key -}}}}\n" for n in range(20_000))
    assert indexed_maps('{{- define "a" -}}\n' + bindings + HELPER) == {("images", "tags"): None}
