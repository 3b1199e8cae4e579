"""The images a script's `helm install|upgrade` of a chart of the tree makes with the values it sets on the command
line (`--set image.tag=v1.7.3`; the parsing is choose/discovery/helm_set_values.py).

The chart is a word of the command naming a directory with a `Chart.yaml`, looked up as a script's file is
(cli/discover_sed_fills.py: from the script's directory, or for a path from where the script runs, up to three
directories above: a Bats test in `test/integration/` installing `charts/qdrant` from the top). Its values are read as
a values file given over the chart's `values.yaml` is (cli/discover_helm.py), and each image they make otherwise than
the defaults is listed at the script's line, its use naming the command.
"""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_set_values import helm_sets
from ecr_mirror.cli.discover_helm import given_values_images
from ecr_mirror.cli.discover_sed_fills import script_file


def helm_set_images(text: str, shown: str) -> list[Found]:
    """The images the `helm install|upgrade --set` commands of the script `shown` make of the charts of the tree they
    install, each once."""
    found: list[Found] = []
    for each in helm_sets(text):
        charts = (script_file(shown, anchor, posixpath.join(path, "Chart.yaml")) for anchor, path in each.charts)
        chart = next((Path(place).parent for place in charts if place is not None), None)
        if chart is None:
            continue
        for item in given_values_images(chart, each.values, shown):
            # the record's file and line place the command; a line of a step's own text would not be the file's
            moved = dataclasses.replace(item, line=each.line, use=f"{item.use} (helm --set)")
            found += [moved] if moved not in found else []
    return found
