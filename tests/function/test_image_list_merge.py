"""The image lists read from SSM and merged, without a registry (moto SSM): the origin named in the report, each
list's own line numbers, duplicates merged with a warning, conflicts refused naming both lists and what each asks,
repeated tag rules, and the errors and fixes of a list that cannot be read."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from ecr_mirror.errors import ConfigError
from ecr_mirror.function.image_lists import PAGE_SIZE, load_parameter_lists, merge_lists, put_parameter_command

MAIN = "/ecr-mirror/images"
PATH = "/ecr-mirror/teams/"


def _put(name: str, text: str) -> None:
    boto3.client("ssm").put_parameter(Name=name, Value=text, Type="String", Overwrite=True)


def _problems(problems: list[Any]) -> list[tuple[str, int, str, str]]:
    return [(p.origin, p.error.line, p.error.text, p.error.message) for p in problems]


def test_the_main_list_alone(aws: None) -> None:
    _put(MAIN, "alpine:3.20\nbusybox:1.36\n")
    loaded = load_parameter_lists(boto3.client("ssm"), MAIN, None)
    assert loaded.origin == f"SSM parameter {MAIN}"
    assert [e.text for e in loaded.images.entries] == ["alpine:3.20", "busybox:1.36"]
    assert (loaded.errors, loaded.warnings) == ([], [])


def test_the_lists_under_the_path_in_name_order_after_the_main_one(aws: None) -> None:
    _put(MAIN, "alpine:3.20\n")
    _put(f"{PATH}b", "busybox:1.36\n")
    _put(f"{PATH}a/nested", "python:3.12\n")
    _put("/ecr-mirror/teamsx", "redis:7\n")  # beside the path, not under it
    ssm = boto3.client("ssm")
    loaded = load_parameter_lists(ssm, MAIN, PATH)
    assert loaded.origin == f"SSM parameter {MAIN} and 2 parameter(s) under {PATH}"
    assert [e.text for e in loaded.images.entries] == ["alpine:3.20", "python:3.12", "busybox:1.36"]
    # Without the main parameter, the path's lists are enough; one of them alone is named as itself.
    only = load_parameter_lists(ssm, "/ecr-mirror/none", f"{PATH}a/")
    assert only.origin == f"SSM parameter {PATH}a/nested"
    # The main parameter under the path is read once.
    under = load_parameter_lists(ssm, f"{PATH}b", PATH)
    assert [e.text for e in under.images.entries] == ["busybox:1.36", "python:3.12"]
    assert under.origin == f"SSM parameter {PATH}b and 1 parameter(s) under {PATH}"


def test_the_path_is_read_in_pages_of_ten_until_no_token_is_left() -> None:
    class Paginator:
        def __init__(self) -> None:
            self.asked: dict[str, Any] = {}

        def paginate(self, **kwargs: Any) -> Any:
            self.asked = kwargs
            yield {"Parameters": [{"Name": f"{PATH}a", "Value": "alpine:1\n"}]}
            yield {"Parameters": []}  # a page may be empty while more follow
            yield {"Parameters": [{"Name": f"{PATH}b", "Value": "busybox:1\n"}, {"Name": f"{PATH}c"}]}

    class Ssm:
        def __init__(self) -> None:
            self.paginator = Paginator()

        def get_parameter(self, **kwargs: Any) -> Any:
            raise ClientError({"Error": {"Code": "ParameterNotFound"}}, "GetParameter")

        def get_paginator(self, name: str) -> Any:
            assert name == "get_parameters_by_path"
            return self.paginator

    ssm = Ssm()
    loaded = load_parameter_lists(ssm, MAIN, PATH)
    assert PAGE_SIZE == 10
    assert ssm.paginator.asked == {
        "Path": PATH.rstrip("/"),
        "Recursive": True,
        "WithDecryption": True,
        "PaginationConfig": {"PageSize": 10},
    }
    assert [e.text for e in loaded.images.entries] == ["alpine:1", "busybox:1"]
    assert (loaded.errors, loaded.warnings) == ([], [])  # a parameter without a value is an empty list
    assert loaded.origin == f"SSM parameter {MAIN} and 3 parameter(s) under {PATH}"
    root = Ssm()
    load_parameter_lists(root, MAIN, "/")
    assert root.paginator.asked["Path"] == "/"


def test_no_list_at_all_and_an_empty_one_name_the_parameter_and_the_fix(aws: None) -> None:
    ssm = boto3.client("ssm")
    with pytest.raises(ConfigError) as none:
        load_parameter_lists(ssm, MAIN, None)
    assert str(none.value) == f"SSM parameter {MAIN} does not exist: create it: {put_parameter_command(MAIN)}"
    with pytest.raises(ConfigError) as none_under:
        load_parameter_lists(ssm, MAIN, PATH)
    assert str(none_under.value) == (
        f"SSM parameter {MAIN} does not exist and no parameter is under {PATH}: create it: "
        f"aws ssm put-parameter --name {MAIN} --type String --tier Intelligent-Tiering --value file://images.txt"
    )
    _put(MAIN, " \n ")
    with pytest.raises(ConfigError) as empty:
        load_parameter_lists(ssm, MAIN, None)
    assert str(empty.value) == (
        f"SSM parameter {MAIN} is empty: write one image reference per line (e.g. alpine:3.20): "
        f"aws ssm put-parameter --name {MAIN} --type String --overwrite --tier Intelligent-Tiering "
        "--value file://images.txt"
    )
    # An empty main list beside another list is no error: the other list runs.
    _put(f"{PATH}a", "alpine:1\n")
    assert [e.text for e in load_parameter_lists(ssm, MAIN, PATH).images.entries] == ["alpine:1"]


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (
            "AccessDeniedException",
            "the function's role reads only the parameter and path it was deployed with: deploy the stack with -c "
            f"parameterPath={PATH}",
        ),
        ("ThrottlingException", "SSM throttled the read: the next run reads it again"),
        ("InternalServerError", "check it in the Systems Manager console (Parameter Store)"),
    ],
)
def test_a_path_that_cannot_be_listed_names_it_and_the_fix(code: str, fix: str) -> None:
    class Ssm:
        def get_parameter(self, **kwargs: Any) -> Any:
            return {"Parameter": {"Value": "alpine:1\n"}}

        def get_paginator(self, name: str) -> Any:
            class Refusing:
                def paginate(self, **kwargs: Any) -> Any:
                    raise ClientError({"Error": {"Code": code, "Message": "no"}}, "GetParametersByPath")
                    yield  # a generator, as botocore's pages are

            return Refusing()

    with pytest.raises(ConfigError) as caught:
        load_parameter_lists(Ssm(), MAIN, PATH)
    assert str(caught.value) == f"cannot list the SSM parameters under {PATH}: {code}: no; {fix}"


def test_a_main_parameter_that_is_no_text_reads_as_empty() -> None:
    class Ssm:
        def get_parameter(self, **kwargs: Any) -> Any:
            assert kwargs == {"Name": MAIN, "WithDecryption": True}
            return {"Parameter": {"Value": None}}

    with pytest.raises(ConfigError, match=f"^SSM parameter {MAIN} is empty"):
        load_parameter_lists(Ssm(), MAIN, None)


def test_an_identical_entry_is_merged_with_a_warning_naming_where_it_was_first_listed() -> None:
    loaded = merge_lists("o", [("list A", "alpine:3.20\nbusybox:1\n"), ("list B", "redis:7\nalpine:3.20  # again\n")])
    assert [e.text for e in loaded.images.entries] == ["alpine:3.20", "busybox:1", "redis:7"]
    assert loaded.origin == "o"
    assert _problems(loaded.warnings) == [
        ("list B", 2, "alpine:3.20", "'alpine:3.20' is also listed in list A line 1; merged"),
    ]
    assert loaded.errors == []


def test_a_conflicting_entry_is_an_error_naming_both_lists_and_what_each_asks() -> None:
    main = "images:\n  - source: alpine:3.20\n    platforms: [linux/amd64, linux/arm64]\n"
    loaded = merge_lists(
        "o",
        [
            ("list A", main),
            ("list B", "busybox:1\nalpine:3.20\n"),
            ("list C", "images:\n  - {source: alpine:3.20, referrers: true}\n"),
        ],
    )
    assert [e.text for e in loaded.images.entries] == [loaded.images.entries[0].text, "busybox:1"]
    assert _problems(loaded.errors) == [
        (
            "list B",
            2,
            "alpine:3.20",
            "'alpine:3.20' conflicts with list A line 2 (platforms linux/amd64, linux/arm64 there, all platforms "
            "here): both would write docker.io/library/alpine:3.20 under the same target tag; the entry of list A "
            "is kept",
        ),
        (
            "list C",
            2,
            loaded.errors[1].error.text,
            f"{loaded.errors[1].error.text!r} conflicts with list A line 2 (platforms linux/amd64, linux/arm64 "
            "there, all platforms, with referrers here): both would write docker.io/library/alpine:3.20 under the "
            "same target tag; the entry of list A is kept",
        ),
    ]
    # Same content, referrers asked by only one: a conflict too.
    referrers = merge_lists(
        "o", [("A", "images:\n  - {source: alpine:3.20, referrers: true}\n"), ("B", "alpine:3.20\n")]
    )
    assert len(referrers.errors) == 1 and referrers.warnings == []
    assert "(all platforms, with referrers there, all platforms here)" in referrers.errors[0].error.message


def test_a_repeated_tag_rule_is_merged_and_another_rule_of_the_same_repository_kept() -> None:
    rule = "images:\n  - {source: alpine, tags: {semver: '>=3'}}\n"
    other = "images:\n  - {source: alpine, tags: {semver: '>=2'}}\n  - {source: alpine, tags: {semver: '>=3'}}\n"
    loaded = merge_lists("o", [("A", rule), ("B", other)])
    assert len(loaded.images.rules) == 2
    assert _problems(loaded.warnings) == [
        (
            "B",
            3,
            loaded.warnings[0].error.text,
            f"{loaded.warnings[0].error.text!r} repeats a tag rule listed elsewhere (line 2 of its list); merged",
        ),
    ]


def test_each_lists_errors_and_warnings_keep_their_own_origin_and_lines() -> None:
    loaded = merge_lists("o", [("A", "alpine:3.20\nNot An Image\n"), ("B", "\n\nBAD IMAGE\n")])
    assert [(p.origin, p.error.line) for p in loaded.errors] == [("A", 2), ("B", 3)]


def test_a_path_is_read_as_given_whatever_its_last_letter(aws: None) -> None:
    _put("/lists/TEAMX/a", "alpine:1\n")
    _put("/lists/TEAM/b", "busybox:1\n")
    loaded = load_parameter_lists(boto3.client("ssm"), MAIN, "/lists/TEAMX/")
    assert loaded.origin == "SSM parameter /lists/TEAMX/a"
    assert [e.text for e in loaded.images.entries] == ["alpine:1"]


def test_a_list_that_cannot_be_read_as_a_whole_is_refused_naming_its_parameter() -> None:
    with pytest.raises(ConfigError) as caught:
        merge_lists("o", [("SSM parameter /a", "alpine:1\n"), ("SSM parameter /team/b", "images: [\n")])
    assert str(caught.value).startswith("SSM parameter /team/b is not valid YAML: ")
