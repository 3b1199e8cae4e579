"""The objects a Go e2e suite creates in a cluster through a framework function of its own (pure).

Kubernetes projects' e2e frameworks wrap the client's create in a function per kind of object, which the suite
calls with an object a helper builds:

    func CreateJob(client kubernetes.Interface, job *batchv1.Job) {
        _, err := client.BatchV1().Jobs(job.Namespace).Create(context.TODO(), job, metav1.CreateOptions{})
        ...
    }

    job = testhelper.NewJob(jobNamespace, jobName)   // in a BeforeEach
    framework.CreateJob(kubeClient, job)             // in an It

A creating function is one of the package or of a package of the module it imports (go_created_objects.lend) whose
body hands one of its parameters, as the object, to a client's create, as go_created_objects.py reads a create
(client-go's typed `Create(ctx, obj, metav1.CreateOptions{})`, controller-runtime's `Create(ctx, obj)`), on a client
that is not a fake. A call of it by its name in a test file of the package (`framework.CreateJob(...)`, `F(...)`)
creates the object the call gives in that parameter's place, followed as go_created_objects follows a create's
object (a composite literal, a call of a function of the package, a name the enclosing function binds to either):
its `Image:` fields, `use` `Kubernetes object created (Go client, through NAME)`. A function that reads, updates or
deletes (`Get`, `Update`, `Delete`) creates nothing and is not one; a create of a parameter of a function literal,
or of a field of a parameter (`job.Spec`), is not read.
"""

from __future__ import annotations

import dataclasses
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import (
    USE,
    CreatingPackage,
    call_arguments,
    created_object_spans,
    creates_in_cluster,
    is_test_code,
    object_images,
)
from ecr_mirror.choose.discovery.source_names import SourceNames

_SIGNATURE_RE = re.compile(r"func[ \t]+(?:\([^)\n]*\)[ \t]*)?[A-Za-z_]\w*[ \t]*(?:\[[^\]\n]*\][ \t]*)?\(")
_CALL_RE = re.compile(r"(?<![\w.])((?:[A-Za-z_]\w*\.)?[A-Za-z_]\w*)[ \t]*\(")
_NAME_RE = re.compile(r"[A-Za-z_]\w*")


def _parameters(text: str, start: int) -> list[str]:
    """The parameter names of the function whose body starts at `start` (`a, b string` are two); none when its
    signature is not a top-level `func` declaration."""
    declared = text.rfind("\nfunc", 0, start) + 1
    if (signature := _SIGNATURE_RE.match(text, declared)) is None:
        return []
    closing, depth = signature.end(), 1
    while closing < start and depth:
        depth += (text[closing] == "(") - (text[closing] == ")")
        closing += 1
    names = []
    for part in _split(text[signature.end() : closing - 1]):
        words = part.split()
        names += [words[0]] if words and _NAME_RE.fullmatch(words[0]) else [""]
    return names


def _split(parameters: str) -> list[str]:
    """Go parameters split at the commas outside brackets (`m map[string]int, f func(a, b int)`)."""
    parts, depth, begin = [], 0, 0
    for at, char in enumerate(parameters):
        depth += (char in "([{") - (char in ")]}")
        if char == "," and depth == 0:
            parts.append(parameters[begin:at])
            begin = at + 1
    return [*parts, parameters[begin:]] if parameters.strip() else parts


def creating_functions(package: CreatingPackage) -> dict[str, int]:
    """The functions of `package` (and those lent it) that create, in a cluster, the object given as one of their
    parameters: name as called (`framework.CreateJob`) -> that parameter's index."""
    out: dict[str, int] = {}
    for name, bodies in package.functions.items():
        for shown, start, end in bodies:
            text = package.texts[shown]
            parameters = _parameters(text, start)
            for _, argument in creates_in_cluster(package, shown, start, end):
                if (given := argument.lstrip("&").strip()) and given in parameters:
                    out.setdefault(name, parameters.index(given))
    return out


def wrapped_created_images(origin: str, package: CreatingPackage, functions: dict[str, int]) -> list[Found]:
    """The images of the objects the test file `origin` hands to the creating `functions`, in the order of its calls."""
    if not functions or package.envtest or origin not in package.texts or not is_test_code(origin):
        return []
    blank = package.texts[origin]
    names: dict[str, SourceNames] = {}
    found: dict[Found, None] = {}  # in order, each once
    for call in _CALL_RE.finditer(blank):
        if (index := functions.get(call.group(1))) is None or blank[max(0, call.start() - 5) : call.start()] == "func ":
            continue
        arguments = call_arguments(blank, call.end())
        for span in (
            created_object_spans(package, origin, call.start(), arguments[index]) if index < len(arguments) else ()
        ):
            for image in object_images(package, span, names):
                found.setdefault(dataclasses.replace(image, use=f"{USE[:-1]}, through {call.group(1)})"))
    return list(found)
