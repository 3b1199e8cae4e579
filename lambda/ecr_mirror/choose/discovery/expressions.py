"""GitHub Actions expressions over a job's matrix values, as GitHub evaluates them (pure).

`${{ matrix.oracle < 23 && 'xe' || 'free' }}` in a service image is known for each combination of a literal matrix.
What is read (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions): literals (`null`,
`true`, `false`, numbers, `'strings'` with `''` for a quote), `matrix.NAME.FIELD` and `matrix['NAME']`, the operators
`( ) ! < <= > >= == != && ||`, and the functions `format`, `contains`, `startsWith`, `endsWith`, `join` (an array's
items with a separator between them: aiomysql's service `image: "${{ join(matrix.db, ':') }}"` over `db: [[mysql,
'8.0'], [mariadb, '10.11']]`) and `fromJSON` (the value a JSON text holds: citus' `fromJson(matrix.pg_version).full`,
a matrix value `'{ "major": "16", "full": "16.13" }'`). Values of different types are compared as numbers, strings
without regard to case; `&&` and `||` give one of their operands. The `inputs` of a call of a reusable workflow are
read when given (reusable_workflows.py), and so are the `needs` outputs a job's file writes as literals
(workflow_contexts.py); any other context (`vars`, `github`, ...), a name those leave out, or another function raises
NotKnown. A matrix value that is RUN_TIME (a list the run computes: workflow_contexts.py) raises NotKnown where it is
read.

`literal_results` reads GitHub's conditional idiom when the condition cannot be evaluated (a matrix another job
computes, an input): `${{ cond && 'mcr.microsoft.com/mssql/server:2022-latest' || '' }}` gives that image or
nothing, `${{ a && 'x' || b && 'y' || 'z' }}` one of three strings; `literal_lists` the same idiom over
`fromJSON('<a JSON array>')` operands, a matrix key's lists (django-cms' nightly `postgres-version`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

_TOKEN_RE = re.compile(
    r"\s*(?:(?P<number>0x[0-9a-fA-F]+|-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|-?\.\d+)|(?P<string>'(?:[^']|'')*')"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<op>&&|\|\||==|!=|<=|>=|[<>!()\[\].,]))"
)
_FUNCTIONS = frozenset({"format", "contains", "startswith", "endswith", "fromjson", "join"})


class _RunTime:
    """The value of a matrix key whose list is an expression the file cannot evaluate."""

    def __repr__(self) -> str:
        return "RUN_TIME"


RUN_TIME = _RunTime()


class NotKnown(Exception):
    """The expression needs a value the file does not give (another context, an unknown function)."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    position = 0
    while position < len(text.rstrip()):
        match = _TOKEN_RE.match(text, position)
        if match is None or match.end() == position:
            raise NotKnown(f"cannot read {text[position:]!r}")
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        position = match.end()
    return out


def _number(value: object) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return float(int(text, 16)) if text.lower().startswith("0x") else float(text or "0")
        except ValueError:
            return math.nan
    return math.nan


def _truthy(value: object) -> bool:
    if isinstance(value, float) and math.isnan(value):
        return False
    return value not in (None, False, 0, "")


def text_of(value: object) -> str:
    """The value as GitHub writes it into the surrounding text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _compare(left: object, op: str, right: object) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        a: Any = left.casefold()
        b: Any = right.casefold()
    elif type(left) is type(right) and isinstance(left, dict | list):
        return (left is right) == (op == "==") if op in ("==", "!=") else False
    else:
        a, b = _number(left), _number(right)
        if math.isnan(a) or math.isnan(b):
            return op == "!="
    outcomes: dict[str, bool] = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}
    return outcomes[op]


def _call(name: str, args: list[object]) -> object:
    if name == "format":
        template = text_of(args[0]) if args else ""
        if any(int(index) + 1 >= len(args) for index in re.findall(r"\{(\d+)\}", template)):
            raise NotKnown("format() has fewer arguments than its text names")
        return re.sub(r"\{(\d+)\}", lambda m: text_of(args[int(m.group(1)) + 1]), template)
    if name == "fromjson":
        if len(args) != 1:
            raise NotKnown("fromJSON() takes one argument")
        try:
            return json.loads(text_of(args[0]))
        except ValueError as error:
            raise NotKnown(f"fromJSON() of a text that is not JSON: {error}") from error
    if name == "join":  # an array's items as text, the separator (`,` unless given) between them
        if len(args) not in (1, 2):
            raise NotKnown("join() takes an array and a separator")
        separator = text_of(args[1]) if len(args) == 2 else ","
        return separator.join(text_of(item) for item in args[0]) if isinstance(args[0], list) else text_of(args[0])
    if len(args) != 2:
        raise NotKnown(f"{name}() takes two arguments")
    haystack, needle = text_of(args[0]).casefold(), text_of(args[1]).casefold()
    if name == "contains":
        return needle in haystack if not isinstance(args[0], list) else any(_compare(v, "==", args[1]) for v in args[0])
    return haystack.startswith(needle) if name == "startswith" else haystack.endswith(needle)


class _Parser:
    def __init__(
        self,
        text: str,
        matrix: Mapping[str, Any] | None,
        inputs: Mapping[str, Any] | None,
        needs: Mapping[str, Any] | None = None,
    ) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.matrix = matrix
        self.inputs = dict(inputs) if inputs is not None else None
        self.needs = dict(needs) if needs is not None else None
        # the mappings a name missing from is not known (not null), by id, with their path: the inputs, the needs
        # context and its parts
        self.strict: dict[int, str] = {id(self.inputs): "inputs"} if self.inputs is not None else {}
        if self.needs is not None:
            self.strict[id(self.needs)] = "needs"
        for name, job in (self.needs or {}).items():
            self.strict[id(job)] = f"needs.{name}"
            if isinstance(job, dict) and "outputs" in job:
                self.strict[id(job["outputs"])] = f"needs.{name}.outputs"

    def peek(self) -> str:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else ""

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.index >= len(self.tokens) or (expected is not None and self.peek() != expected):
            raise NotKnown(f"expected {expected or 'more'}")
        self.index += 1
        return self.tokens[self.index - 1]

    def binary(self, level: int) -> object:
        operators = (("||",), ("&&",), ("==", "!="), ("<", "<=", ">", ">="))
        if level == len(operators):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in operators[level]:
            op = self.take()[1]
            right = self.binary(level + 1)
            if op == "||":
                left = left if _truthy(left) else right
            elif op == "&&":
                left = right if _truthy(left) else left
            else:
                left = _compare(left, op, right)
        return left

    def unary(self) -> object:
        if self.peek() == "!":
            self.take()
            return not _truthy(self.unary())
        return self.postfix(self.primary())

    def primary(self) -> object:
        kind, word = self.take()
        if word == "(":
            value = self.binary(0)
            self.take(")")
            return value
        if kind == "number":
            return float(int(word, 16)) if word.lower().startswith("0x") else float(word)
        if kind == "string":
            return word[1:-1].replace("''", "'")
        if kind != "name":
            raise NotKnown(f"unexpected {word!r}")
        literal = {"null": None, "true": True, "false": False}
        if word in literal:
            return literal[word]
        if self.peek() == "(" and word.lower() in _FUNCTIONS:
            self.take("(")
            args = [] if self.peek() == ")" else [self.binary(0)]
            while self.peek() == ",":
                self.take()
                args.append(self.binary(0))
            self.take(")")
            return _call(word.lower(), args)
        if word == "inputs" and self.inputs is not None:
            return self.inputs
        if word == "needs" and self.needs is not None:
            return self.needs
        if word != "matrix" or not self.matrix:
            raise NotKnown(f"the {word} context")
        return dict(self.matrix)

    def postfix(self, value: object) -> object:
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                key = self.take()[1]
            else:
                key = text_of(self.binary(0))
                self.take("]")
            if isinstance(value, dict) and id(value) in self.strict and key not in value:
                raise NotKnown(f"{self.strict[id(value)]}.{key} is known only when the workflow runs")
            if isinstance(value, list):  # an array's index, `fromJSON(x)[0]`
                value = value[int(key)] if key.isdigit() and int(key) < len(value) else None
            else:
                value = value.get(key) if isinstance(value, dict) else None
            if value is RUN_TIME:
                raise NotKnown(f"matrix.{key} is computed when the workflow runs")
        return value


def evaluate(
    expression: str,
    matrix: Mapping[str, Any] | None,
    inputs: Mapping[str, Any] | None = None,
    needs: Mapping[str, Any] | None = None,
) -> object:
    """The value of `expression` (the text inside `${{ }}`) for one matrix combination and, for a reusable workflow
    its repository calls, one call's `inputs` (reusable_workflows.py: an input not in `inputs` is not known), and the
    `needs` context of the job's literal outputs (workflow_contexts.py: a job or output not in it is not known);
    NotKnown when the file cannot say (a `matrix` reference with no literal matrix, another context, an unknown
    function)."""
    parser = _Parser(expression, matrix, inputs, needs)
    value = parser.binary(0)
    if parser.index != len(parser.tokens):
        raise NotKnown(f"unexpected {parser.peek()!r}")
    return value


def _split(tokens: list[tuple[str, str]], op: str) -> list[list[tuple[str, str]]]:
    """`tokens` split at the operator `op` outside parentheses and brackets."""
    parts: list[list[tuple[str, str]]] = [[]]
    depth = 0
    for token in tokens:
        depth += 1 if token[1] in "([" else -1 if token[1] in ")]" else 0
        if depth == 0 and token == ("op", op):
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _wrapped(tokens: list[tuple[str, str]]) -> bool:
    """Whether `tokens` are one parenthesised expression, `( ... )`."""
    depth = 0
    for index, token in enumerate(tokens):
        depth += 1 if token == ("op", "(") else -1 if token == ("op", ")") else 0
        if depth == 0:
            return index == len(tokens) - 1 and index > 0 and tokens[0] == ("op", "(")
    return False


def _literal(tokens: list[tuple[str, str]]) -> tuple[bool, object]:
    """(True, value) when `tokens` are a string literal or `fromJSON('<a JSON text>')`, else (False, None)."""
    if len(tokens) == 1 and tokens[0][0] == "string":
        return True, tokens[0][1][1:-1].replace("''", "'")
    shape = [kind if kind != "op" else text for kind, text in tokens]
    if shape == ["name", "(", "string", ")"] and tokens[0][1].lower() == "fromjson":
        try:
            return True, json.loads(tokens[2][1][1:-1].replace("''", "'"))
        except ValueError:
            return False, None
    return False, None


def _results(tokens: list[tuple[str, str]]) -> list[object] | None:
    out: list[object] = []
    for alternative in _split(tokens, "||"):
        result = alternative
        while _wrapped(result) or len(_split(result, "&&")) > 1:
            # the operands before the last of `&&` are conditions: when one is false, the value is no text
            result = result[1:-1] if _wrapped(result) else _split(result, "&&")[-1]
        known, value = _literal(result)
        if known:
            out.append(value)
        elif len(_split(result, "||")) > 1 and (inner := _results(result)) is not None:
            out += inner
        else:
            return None
    return out


def _all_results(expression: str) -> list[object] | None:
    try:
        tokens = _tokens(expression)
    except NotKnown:
        return None
    return _results(tokens) if tokens else None


def literal_results(expression: str) -> list[str] | None:
    """The strings `expression` may give whatever its conditions are, when each operand that may be its value is a
    string literal (`cond && 'a' || 'b'`: a or b); None when one is not (`matrix.image || 'x'`)."""
    results = _all_results(expression)
    return [r for r in results if isinstance(r, str)] if results and all(isinstance(r, str) for r in results) else None


def literal_lists(expression: str) -> list[object] | None:
    """The items of every list `expression` may give whatever its conditions are, when each operand that may be its
    value is `fromJSON('<a JSON array>')` (a matrix key `cond && fromJSON('["15", "16"]') || fromJSON('["15"]')`:
    15 and 16); None when one is not (`fromJSON(needs.x.outputs.m)`)."""
    results = _all_results(expression)
    if not results or not all(isinstance(r, list) for r in results):
        return None
    return [item for r in results if isinstance(r, list) for item in r]
