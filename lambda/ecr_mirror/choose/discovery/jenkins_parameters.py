"""The images a Jenkinsfile's build parameters named for an image default to (pure).

A pipeline's `parameters { string(name: 'server_image', defaultValue: 'couchbase/server:7.6.0') }` are the inputs of
its builds: a build started without a value for the parameter gets the default, in `params.server_image` and in the
steps' environment as `server_image` (https://www.jenkins.io/doc/book/pipeline/syntax/#parameters). A QA pipeline
hands such images to the test runner it starts (couchbase-operator's `jenkins/qa/Jenkinsfile*`, `-server-image
${server_image}` given to its e2e suite, which deploys that server), which is where they are pulled, out of sight of
a reader of the pipeline. Read: a parameter whose name is for an image (image_keys.image_name: `server_image`,
`exporterImage`; not `server_image_version`) whose `defaultValue` is an image reference with a tag or a digest, when
the pipeline uses the parameter elsewhere than in its declaration (`params.NAME`, `${NAME}`, `$NAME`, `env.NAME`;
a comment is no use), at the default's line, `use` `NAME (parameter default)`. An untagged default (a repository
the job tags itself) is not read; nor is an image the `docker.image(...)` of the pipeline already names.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.image_keys import image_name, pinned_reference
from ecr_mirror.choose.discovery.jenkinsfile import KIND, definitions, scan

# a use of a parameter: `$NAME`, `${NAME}`, `params.NAME`, `env.NAME` (a lookahead: uses may overlap, `${params.X}`)
_USE_RE = re.compile(r"(?=(?:\$\{?|(?<![\w.])(?:params|env)\.)(?P<name>\w+))")
_WORD_RE = re.compile(r"\w+")


def parameter_images(text: str, origin: str) -> list[Found]:
    """The default images of the parameters named for an image that the pipeline uses (see the module)."""
    if "defaultValue" not in text:
        return []
    masked, strings = scan(text)
    _, parameters = definitions(masked, strings)
    found: list[Found] = []
    used: set[str] | None = None
    for name, default in parameters.items():
        if not image_name(name) or (default.interpolated and "$" in default.body) or not pinned_reference(default.body):
            continue
        if used is None:  # the names the code and strings use, gathered once: not searched again once a parameter
            used = {
                use["name"]
                for body in (masked, *(string.body for string in strings.values()))
                for use in _USE_RE.finditer(body)
            }
        if _WORD_RE.fullmatch(name) is not None:
            if name in used:
                found.append(Found(default.body, origin, default.line, use=f"{name} (parameter default)", kind=KIND))
            continue
        use = re.compile(rf"(?:\$\{{?|(?<![\w.])(?:params|env)\.){re.escape(name)}(?!\w)")
        in_code = use.search(masked) is not None
        if in_code or any(use.search(string.body) for string in strings.values()):
            found.append(Found(default.body, origin, default.line, use=f"{name} (parameter default)", kind=KIND))
    return found
