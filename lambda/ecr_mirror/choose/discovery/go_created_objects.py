"""Images of the Kubernetes objects a Go program creates in a real cluster through a client (pure).

An integration test, or a test application a suite deploys, often creates its pods, deployments and jobs itself:
client-go's typed clients take the object and `metav1.CreateOptions` (`cli.CoreV1().Pods(ns).Create(ctx, pod,
metav1.CreateOptions{})`, https://pkg.go.dev/k8s.io/client-go/kubernetes/typed/core/v1#PodInterface), controller-
runtime's client the context and the object (`k8sClient.Create(ctx, job)`,
https://pkg.go.dev/sigs.k8s.io/controller-runtime/pkg/client#Writer). The API server stores it and the kubelet pulls
the images of its containers. Read: the `Image:` fields of the object handed to such a call, when each is a literal
string or a name the file binds to literals (source_names.py, at the literal's line), the object being

- a composite literal written in the call (`Create(ctx, &corev1.Pod{...}, ...)`),
- a name the call's function last binds, before the call, to a composite literal (`pod := &corev1.Pod{...}`) or to a
  call of a function of the package (`dc := newDeploymentConfig()`, `tlc.getAppDeploymentObj()`, in any file of the
  directory): that function's `Image:` fields,
- a name a `for ... range` loop binds (`for _, pod := range append(readyPods, failedPod)`): every `Image:` field of
  the call's function, where the loop's objects are built,
- a call of a function of the package, written in the call;

a function of another package of the module the file imports (`fixture.NewMySQLDeployment(ns)`, a suite's fixture
package) counts as one of the package's.

A create with dry run set (`client.DryRunAll`, `DryRun: []string{metav1.DryRunAll}`) persists nothing and is not read
(go_dry_runs.py). A client that is not a cluster's pulls nothing: client-go's fake clientsets and controller-runtime's
fake client keep the objects in memory, and envtest (https://book.kubebuilder.io/reference/envtest) runs an API server
without a kubelet (unless its `UseExistingCluster` makes it use the kubeconfig's cluster). So a call is not read when
the client it is made on (the name before the API group, `cli` of `s.cli.CoreV1()`, or before `.Create`) is bound in its
file to a fake (`fake.NewSimpleClientset()`, `fake.NewClientBuilder()`, any name with `fake` in it, a name bound to one,
or a call of a function of the package or of an imported module package whose body makes one), nor, when its file does
not bind it, when a file of the package imports a fake package (`.../fake`); no call is read in a package that imports
envtest, or imports a package of the module that does (a test helper starting it: CrunchyData's
`require.Kubernetes2(t)`), unless that file sets `UseExistingCluster` to anything but a literal `false` (capsule's e2e
suite on a kind cluster; mariadb-operator's webhook tests' `ptr.To(false)`, and operator-lifecycle-manager's
`&useExisting` with `useExisting := false`, start their own). A field given anything else (a parameter, `images[0]`, a
field, a call) is known only when the program runs, and adds nothing.
`use` is `Kubernetes object created (Go client)`, `kind` `Go source`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_comments import without_comments
from ecr_mirror.choose.discovery.go_dry_runs import dry_run
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import Reference, reference_or_none

MARK = b".Create("
USE = "Kubernetes object created (Go client)"
_CREATE_RE = re.compile(r"\.[ \t]*Create\(")
_FAKE_IMPORT_RE = re.compile(r"\"[^\"\s]*/fake\"")
_ENVTEST_RE = re.compile(r"\"sigs\.k8s\.io/controller-runtime/pkg/envtest\"")
_EXISTING_RE = re.compile(r"\bUseExistingCluster\s*[:=]([^\n]*)")  # envtest on the kubeconfig's cluster
# a directory of tests: `test/`, `tests/`, `e2e/`, `e2e-test/`, `integration/`, `itest/`, `testutil/`, `fixtures/`
_TEST_DIRECTORY_RE = re.compile(
    r"(?:[\w.]*[-_])?(?:tests?|testing|e2e\w*|integration|itests?|testutils?|fixtures?)(?:[-_][\w.]*)?", re.IGNORECASE
)
_MAX_ALIASES = 3  # names bound to names followed to a client's value
_FAKE_RE = re.compile(r"fake|NewSimpleClientset|NewClientBuilder", re.IGNORECASE)
_CHAINED_RE = re.compile(r"\s*([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*\s*\([^()\n]*\))*)\s*[,;]?\s*")  # `c`, `b.Build()`
_CONTEXT_RE = re.compile(r"\w*(?:ctx|Ctx)\w*|context\.\w+\(\)|[\w.]*Context\(\)")
_GROUP_RE = re.compile(r"[A-Z]\w*V\d\w*")  # an API group's accessor: `CoreV1`, `AppsV1`, `BatchV1beta1`
_FUNC_RE = re.compile(r"^func[ \t]+(?:\([^)\n]*\)[ \t]*)?([A-Za-z_]\w*)[ \t]*[(\[]", re.MULTILINE)
_IMAGE_RE = re.compile(r"(?<![\w.])Image:[ \t]*(?:\"([^\"\\\n]*)\"|`([^`\n]*)`|([A-Za-z_]\w*))[ \t]*[,}\n]")
_ANY_FUNC_RE = re.compile(r"(?<![\w.])func\b")
_PARENS_RE = re.compile(r"\([^()]*\)")
_LITERAL_START_RE = re.compile(r"&?[\w.]+(?:\[\])?[ \t]*\{")
_BLOCK_TOKEN_RE = re.compile(r"[\"'`{}()\[\]]")  # what opens or closes a block, or starts a string or rune
# the rest of a string or rune after its opening quote, through its closing one (escapes skipped; raw strings: none)
_STRING_ENDS = {
    '"': re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL),
    "'": re.compile(r"(?:[^'\\]|\\.)*'", re.DOTALL),
    "`": re.compile(r"[^`]*`"),
}
_CALLED_RE = re.compile(r"&?(?:[A-Za-z_]\w*\.)*?(?:(?P<qualifier>[A-Za-z_]\w*)\.)?(?P<name>[A-Za-z_]\w*)\(")


@dataclass
class CreatingPackage:
    """The Go files of one directory (shown name -> comment-blanked text), the bodies (start, end) of each file's
    functions and function literals, its functions (name -> (file, body start, body end)), and whether it imports
    a fake client package or envtest."""

    texts: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    functions: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    fakes: bool = False
    envtest: bool = False


def starts_envtest(blank: str, existing_env: bool = False) -> bool | None:
    """Whether a Go file (`blank`: its text without comments) starts envtest's own control plane: True when it imports
    envtest and does not tell it to use the kubeconfig's cluster (`UseExistingCluster` set to anything but a literal
    `false`, or a name the file binds once to one; unset, when `existing_env`: the tree sets `USE_EXISTING_CLUSTER`,
    envtest_environment.py), False when it does, None when it does not import envtest."""
    if _ENVTEST_RE.search(blank) is None:
        return None
    if (existing := _EXISTING_RE.search(blank)) is None:
        return not existing_env
    return "false" in existing.group(1) or _bound_false(existing.group(1), blank)


_POINTED_RE = re.compile(r"\s*&?([A-Za-z_]\w*)\s*[,})]")  # `&useExisting,`: a name given where the flag is set


def _bound_false(value: str, blank: str) -> bool:
    """Whether `value` (after `UseExistingCluster:`) is a name, or its address, that the file binds once, to a literal
    `false` (`useExisting := false`, operator-lifecycle-manager's controller suite)."""
    if (pointed := _POINTED_RE.match(value)) is None:
        return False
    bound = re.findall(rf"\b{re.escape(pointed[1])}(?:\s+bool)?\s*:?=(?!=)\s*([^\n;]*)", blank)
    return len(bound) == 1 and bound[0].strip() == "false"


def creating_package(sources: list[tuple[str, str]], existing_env: bool = False) -> CreatingPackage:
    """The package of the Go files `sources` ((shown, text)) of one directory (`existing_env`: starts_envtest)."""
    package = CreatingPackage()
    for shown, text in sources:
        package.texts[shown] = blank = without_comments(text)
        package.fakes = package.fakes or _FAKE_IMPORT_RE.search(blank) is not None
        package.envtest = package.envtest or starts_envtest(blank, existing_env) is True
        bodies = package.bodies.setdefault(shown, [])
        for function in _ANY_FUNC_RE.finditer(blank):
            if (opening := _body_opening(blank, function.end())) is not None:
                bodies.append((opening + 1, _block_end(blank, opening + 1)))
                if (named := _FUNC_RE.match(blank, function.start())) is not None:
                    package.functions.setdefault(named.group(1), []).append((shown, *bodies[-1]))
    return package


def add_imported(package: CreatingPackage, name: str, sources: list[tuple[str, str]]) -> None:
    """Lends `package` the functions of the package it imports as `name` (its files `sources`), as `name.F`."""
    lend(package, name, creating_package(sources))


def lend(package: CreatingPackage, name: str, imported: CreatingPackage) -> None:
    """Lends `package` the functions of `imported`, the package it imports as `name`, as `name.F` (a package read
    once is lent to each package importing it)."""
    package.envtest = package.envtest or imported.envtest  # a test helper package starting envtest
    package.texts.update({shown: text for shown, text in imported.texts.items() if shown not in package.texts})
    for function, bodies in imported.functions.items():
        package.functions.setdefault(f"{name}.{function}", []).extend(bodies)


def _called(package: CreatingPackage, called: re.Match[str]) -> list[tuple[str, int, int]]:
    """The bodies of the function a call names: `fixture.F` of an imported package, else `F` of the package."""
    if (qualified := f"{called['qualifier']}.{called['name']}") in package.functions:
        return package.functions[qualified]
    return package.functions.get(called["name"], [])


def is_test_code(origin: str) -> bool:
    """Whether a Go file is a test's: a `_test.go` file, or one under a directory of tests."""
    parts = origin.replace("\\", "/").split("/")
    return parts[-1].endswith("_test.go") or any(_TEST_DIRECTORY_RE.fullmatch(part) for part in parts[:-1])


def _body_opening(text: str, at: int) -> int | None:
    """The `{` opening a function's body: the first `{` that ends a line after its signature."""
    found = re.compile(r"\{[ \t]*\n").search(text, at)
    return found.start() if found is not None else None


def _skip_string(text: str, at: int) -> int:
    """The offset after the string or rune starting at `at` (past the end when it is not closed)."""
    closed = _STRING_ENDS[text[at]].match(text, at + 1)
    return closed.end() if closed is not None else len(text) + 1


def _block_end(text: str, start: int) -> int:
    """Where the block opened just before `start` closes (strings and runes skipped): the text's end if it does not."""
    depth, at = 1, start
    while (token := _BLOCK_TOKEN_RE.search(text, at)) is not None:
        at = token.start()
        if token.group() in "\"'`":
            at = _skip_string(text, at)
            continue
        depth += 1 if token.group() in "{([" else -1
        if depth == 0:
            return at
        at += 1
    return max(at, len(text))


def _arguments(text: str, start: int) -> list[str]:
    """The arguments of the call whose `(` is just before `start`, as written (stripped)."""
    end = _block_end(text, start)
    arguments, depth, begin, at = [], 0, start, start
    while at < end:
        char = text[at]
        if char in "\"'`":
            at = _skip_string(text, at)
            continue
        depth += (char in "{([") - (char in "})]")
        if char == "," and depth == 0:
            arguments.append(text[begin:at].strip())
            begin = at + 1
        at += 1
    return [*arguments, text[begin:end].strip()] if text[begin:end].strip() else arguments


def _clients(text: str, at: int) -> list[tuple[str, bool]]:
    """The client a `.Create(` at `at` is called on, then the names it is reached through, nearest first: the name
    before the API group (`cli` of `s.cli.CoreV1()`), or the last name before `.Create`, and whether each is a field
    (written after a `.`): `ls.deps.Client.Kubernetes().CoreV1()` is `Kubernetes`, `Client`, `deps`, `ls`."""
    before = text[max(0, at - 400) : at]
    while (shorter := _PARENS_RE.sub("", before)) != before:
        before = shorter
    chain = re.search(r"[\w.]+$", re.sub(r"\s*\.\s*", ".", before))
    names = chain.group(0).split(".") if chain is not None else []
    group = next((index for index, name in enumerate(names) if _GROUP_RE.fullmatch(name)), len(names))
    return [(names[index], index > 0) for index in range(group - 1, -1, -1) if names[index]]


def _is_fake(package: CreatingPackage, shown: str, at: int) -> bool:
    """Whether the client of the call at `at` is a fake: bound to one in the file (a field: `s.cli, err = ...` or
    `cli: ...` in a literal; a variable: in the call's function when it binds it there), or, when the file binds it
    nowhere, a name it is reached through that the file binds to a fake (`Client: kclient.NewFakeClient()` for
    `ls.deps.Client.Kubernetes()`), or bound nowhere there in a package that imports one."""
    text = package.texts[shown]
    tail = r"(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*:?=[ \t]*(?!=)([^\n]+)"
    for index, (name, is_field) in enumerate(_clients(text, at)):
        if is_field:
            pattern = rf"\.{re.escape(name)}{tail}|(?<![\w.]){re.escape(name)}:[ \t]*([^\n]+)"
        else:
            pattern = rf"(?<![\w.]){re.escape(name)}{tail}"
        bodies = _enclosing(package, shown, at)
        matches = list(re.finditer(pattern, text))
        local = [match for match in matches if bodies and bodies[0][0] <= match.start() < at]
        bound = [match.group(match.lastindex or 0) for match in (local or matches)]
        if not index:  # the client's own binding decides
            if bound:
                return any(_makes_fake(package, text, expression) for expression in bound)
        elif any(_FAKE_RE.search(expression) for expression in bound):
            return True  # a name it is reached through bound to a fake written out (`Client: kclient.NewFakeClient()`)
    return package.fakes


def _makes_fake(package: CreatingPackage, text: str, expression: str, depth: int = 0) -> bool:
    """Whether a client's value is a fake: it names one, is a name the file binds to one (`c := fake.NewClientBuilder()
    .Build()`) or a method's call on one (`builder.Build()`, `builder := fake...`), or calls a function of the package
    (or of a package it imports) whose body makes one (rook's `test.New(t, 3)` making `fake.NewSimpleClientset()`)."""
    if _FAKE_RE.search(expression):
        return True
    if (name := _CHAINED_RE.fullmatch(expression)) is not None and depth < _MAX_ALIASES:
        binding = rf"(?<![\w.]){name.group(1)}(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*:?=[ \t]*(?!=)([^\n]+)"
        if (bindings := list(re.finditer(binding, text))) or not name.group(2):  # `ctrlclient.New(cfg)`: below
            return any(_makes_fake(package, text, match.group(1), depth + 1) for match in bindings)
    called = _CALLED_RE.match(expression.strip())
    bodies = _called(package, called) if called is not None else []
    return any(_FAKE_RE.search(package.texts[shown][start:end]) for shown, start, end in bodies)


def _enclosing(package: CreatingPackage, shown: str, at: int) -> list[tuple[int, int]]:
    """The bodies (start, end) of the functions and function literals of file `shown` holding offset `at`,
    outermost first (a Ginkgo `It("...", func() {...})` inside `Describe`)."""
    return [(start, end) for start, end in package.bodies.get(shown, []) if start <= at <= end]


def _own_statement(text: str, end: int, at: int) -> bool:
    """Whether the binding whose value starts at `end` is the statement of the call at `at` (`dc, err :=
    cli.AppsV1().Deployments(ns).Create(ctx, dc, ...)`, its chain maybe wrapped after dots)."""
    return all(line.rstrip().endswith((".", "(", ",")) for line in text[end:at].split("\n")[:-1])


def _objects(package: CreatingPackage, shown: str, at: int, argument: str) -> list[tuple[str, int, int]]:
    """The spans (file, start, end) whose `Image:` fields are those of the object `argument` of a call at `at`."""
    text = package.texts[shown]
    if _LITERAL_START_RE.match(argument):
        start = text.find(argument, at)
        return [(shown, start, start + len(argument))]
    if (called := _CALLED_RE.match(argument)) is not None:
        return _called(package, called)
    if (name := re.fullmatch(r"&?([A-Za-z_]\w*)", argument)) is None:
        return []
    if not (bodies := _enclosing(package, shown, at)):
        return []
    ranged = rf"\bfor[ \t]+(?:\w+[ \t]*,[ \t]*)?{name.group(1)}[ \t]*:=[ \t]*range\b"
    if re.compile(ranged).search(text, bodies[-1][0], at):
        return [(shown, *bodies[-1])]
    binding = re.compile(rf"(?<![\w.]){name.group(1)}(?:[ \t]*,[ \t]*\w+)*[ \t]*:?=[ \t]*(?!=)")
    bindings = [each for each in binding.finditer(text, bodies[0][0], at) if not _own_statement(text, each.end(), at)]
    if not bindings:
        return []
    value_at = bindings[-1].end()
    value = text[value_at : value_at + 200]
    if (literal := _LITERAL_START_RE.match(value)) is not None:
        return [(shown, value_at, _block_end(text, value_at + literal.end()))]
    if (called := _CALLED_RE.match(value)) is not None:
        return _called(package, called)
    return []


def _images(package: CreatingPackage, span: tuple[str, int, int], names: dict[str, SourceNames]) -> list[Found]:
    """The images of the `Image:` fields of a span: literals, or the literals the file binds a name to."""
    shown, start, end = span
    text = package.texts[shown]
    lines = LineIndex(text)
    found: list[Found] = []
    for image in _IMAGE_RE.finditer(text, start, end):
        literal = image.group(1) if image.group(1) is not None else image.group(2)
        if literal is not None:
            values = [(image.start(), literal)]
        else:
            values = names.setdefault(shown, SourceNames.of(text)).values(image.group(3))
        for offset, value in values:
            if value.strip() and (reference := reference_or_none(value)) is not None and not _unpullable(reference):
                found.append(Found(value, shown, lines.line(offset), None, USE, "Go source"))
    return found


def _unpullable(reference: Reference) -> bool:
    """Whether a reference's registry is under `.invalid`, a domain reserved never to resolve (RFC 2606, section 2):
    a test that expects the pull to fail (fission's `registry.invalid/example/hello-code:v1`)."""
    return reference.registry.lower().endswith(".invalid")


def creates_in_cluster(package: CreatingPackage, shown: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, the object argument as written) of each create on a client that is not a fake between offsets
    `start` and `end` of file `shown` of `package`."""
    blank = package.texts[shown]
    out: list[tuple[int, str]] = []
    for create in _CREATE_RE.finditer(blank, start, end):
        arguments = _arguments(blank, create.end())
        typed = len(arguments) == 3 and "CreateOptions" in arguments[2]
        if not (typed or (len(arguments) >= 2 and _CONTEXT_RE.fullmatch(arguments[0]))) or dry_run(arguments[2:]):
            continue  # not a create; or a dry run, which persists nothing (go_dry_runs.py)
        if not _is_fake(package, shown, create.start()):
            out.append((create.start(), arguments[1]))
    return out


def created_images(origin: str, package: CreatingPackage) -> list[Found]:
    """The images of the objects file `origin` of `package` creates in a cluster, in the order of its calls."""
    if package.envtest or origin not in package.texts or not is_test_code(origin):
        return []
    found: dict[Found, None] = {}  # in order, each once
    names: dict[str, SourceNames] = {}
    for at, argument in creates_in_cluster(package, origin, 0, len(package.texts[origin])):
        for span in _objects(package, origin, at, argument):
            found.update(dict.fromkeys(_images(package, span, names)))
    return list(found)


# for go_create_wrappers.py: a call's arguments, the spans of a created object, and their images
call_arguments = _arguments
created_object_spans = _objects
object_images = _images
