"""Images a Python test suite makes its cluster pull through the Kubernetes object models it creates (pure, `ast`).

A suite that tests against a cluster (kind in CI) often writes the objects it creates in Python: the official
client's models, `client.V1Container(name="web", image="nginx:1.27-alpine")` (https://github.com/kubernetes-client/
python), or hikaru's, `Container(name=title, image="busybox")` in a `Deployment` (robusta's
`tests/utils/kubernetes_utils.py`, https://github.com/haxsaw/hikaru). Read in a Python source of a test tree
(python_test_settings.in_test_tree) that imports `kubernetes` or `hikaru`: the `image=` of each `V1Container(...)`
(any receiver: `client.V1Container`) and, of a file importing hikaru, of `Container(...)` imported from it, when it is
a one-line literal or a module-level name bound once to one; at the value's line, `use` `image (Kubernetes model
V1Container)`. Another value (a parameter, an f-string, a call) is known only when the suite runs and adds nothing;
an application's own objects (outside a test tree) name run-time defaults a deployment may override, and are not read
(but for the literal container dicts python_container_dicts.py reads), nor are a module's that imports unittest.mock:
a unit test that patches the client (mage-ai's `test_job_manager.py`, `V1Container(image='test_image')` given to a
mocked `BatchV1Api`) creates nothing in a cluster.
"""

from __future__ import annotations

import ast
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.choose.discovery.python_test_settings import in_test_tree

_MOCK_MODULES = frozenset(["unittest.mock", "mock"])
_IMPORTS_RE = re.compile(rb"^\s*(?:from|import)\s+(?:kubernetes|hikaru)\b", re.MULTILINE)


def may_build_objects(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold such a model (checked before it is decoded)."""
    return in_test_tree(origin) and b"Container(" in data and _IMPORTS_RE.search(data) is not None


def _models(module: ast.Module) -> tuple[bool, set[str]]:
    """Whether the module imports the Kubernetes client, and the names it imports from hikaru's modules."""
    client, hikaru = False, set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            client = client or any(alias.name.split(".")[0] == "kubernetes" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            client = client or root == "kubernetes"
            hikaru |= {alias.asname or alias.name for alias in node.names} if root == "hikaru" else set()
    return client, hikaru


def _mocks(module: ast.Module) -> bool:
    """Whether the module imports unittest.mock (or its backport, `mock`): a unit test that patches the API it would
    call (https://docs.python.org/3/library/unittest.mock.html), its models compared, never sent to a cluster."""
    for node in ast.walk(module):
        if isinstance(node, ast.Import) and any(alias.name in _MOCK_MODULES for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (
            node.module in _MOCK_MODULES
            or (node.module == "unittest" and any(alias.name == "mock" for alias in node.names))
        ):
            return True
    return False


def _constants(module: ast.Module) -> dict[str, ast.Constant]:
    """The module-level names bound once, to a string literal."""
    bound: dict[str, list[ast.expr]] = {}
    for node in module.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            bound.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            bound.setdefault(node.target.id, []).append(node.value)
    return {
        name: values[0]
        for name, values in bound.items()
        if len(values) == 1 and isinstance(values[0], ast.Constant) and isinstance(values[0].value, str)
    }


def _model(call: ast.Call, client: bool, hikaru: set[str]) -> str | None:
    function = call.func
    name = (
        function.id if isinstance(function, ast.Name) else function.attr if isinstance(function, ast.Attribute) else ""
    )
    if client and name == "V1Container":
        return name
    return name if isinstance(function, ast.Name) and name == "Container" and name in hikaru else None


def model_images(text: str, origin: str) -> list[Found]:
    """The literal images of the Kubernetes container models a Python test source creates, in order."""
    if (module := parsed(text)) is None:
        return []
    client, hikaru = _models(module)
    if not (client or hikaru) or _mocks(module):
        return []
    constants = _constants(module)
    found: list[tuple[int, Found]] = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Call) or (model := _model(node, client, hikaru)) is None:
            continue
        value = next((keyword.value for keyword in node.keywords if keyword.arg == "image"), None)
        literal = constants.get(value.id) if isinstance(value, ast.Name) else value
        if isinstance(literal, ast.Constant) and isinstance(literal.value, str) and literal.value.strip():
            use = f"image (Kubernetes model {model})"
            item = Found(literal.value.strip(), origin, literal.lineno, None, use, "Python source")
            found.append((node.lineno, item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]
