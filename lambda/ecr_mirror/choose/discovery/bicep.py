"""The images an Azure Bicep file deploys (pure).

Bicep (https://learn.microsoft.com/en-us/azure/azure-resource-manager/bicep/file) declares parameters with defaults,
`param webAppImage string = 'ghcr.io/acme/shop/webapp:0.1.0'`, which a deployment takes unless it is given another
value, and resources whose properties name images: a Container App's or a Container Instance's `containers`, `image:
'redis:7.2-alpine'`. Read, line by line (a `//` comment not): the default of each parameter named for an image
(image_keys.py: `webAppImage`, `sidecar_image`; not `vmImage = 'UbuntuServer'`, no tag) written with a tag or a
digest, and each literal `image:` property with one; a value that interpolates (`'${registry}/api:${tag}'`) is known
only when deployed: unresolved on its line. An `image:` given a parameter or a variable (`image: webAppImage`) takes
the parameter's value, read at its default. A parameters file (`*.bicepparam`,
https://learn.microsoft.com/en-us/azure/azure-resource-manager/bicep/parameter-files) sets the parameters of the Bicep
file its `using` names, `param containerImageName = 'mcr.microsoft.com/...:latest'`: read as a default is.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference

# `param NAME string = '...'` in a Bicep file; `param NAME = '...'` in a parameters file (`*.bicepparam`)
_PARAM_RE = re.compile(r"^\s*param\s+([A-Za-z_]\w*)(?:\s+string)?\s*=\s*'((?:[^'\\]|\\.)*)'\s*(?://.*)?$")
_IMAGE_RE = re.compile(r"^\s*image\s*:\s*'((?:[^'\\]|\\.)*)'\s*,?\s*(?://.*)?$")
_UNKNOWN = "interpolates values known only when the Bicep file is deployed"


def bicep_images(text: str, origin: str) -> list[Found]:
    """The images of a Bicep file's image parameters' defaults and literal `image:` properties, in the file's order."""
    found: list[Found] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if (param := _PARAM_RE.match(line)) is not None and image_name(param.group(1)):
            value, use = param.group(2).strip(), f"param {param.group(1)} (Bicep default)"
        elif (image := _IMAGE_RE.match(line)) is not None:
            value, use = image.group(1).strip(), "image (Bicep)"
        else:
            continue
        if "${" in value:
            found.append(Found(value, origin, number, _UNKNOWN, use))
        elif pinned_reference(value):
            found.append(Found(value, origin, number, None, use))
    return found
