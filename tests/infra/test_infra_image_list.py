"""images.txt becomes the parameter's value and decides which repositories exist from the start."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.image_list import ImageListError
from infra.settings import SettingsError
from tests.infra.stack_support import ROOT, make_template, only, resources, statements

DEFAULT_REPOSITORIES = {
    "mirror/docker-hub/library/alpine",
    "mirror/docker-hub/library/python",
    "mirror/docker-hub/library/postgres",
    "mirror/docker-hub/library/node",
    "mirror/docker-hub/library/nginx",
}


def _repositories(template: Template) -> dict[str, dict[str, Any]]:
    return {repo["Properties"]["RepositoryName"]: repo for repo in resources(template, "AWS::ECR::Repository")}


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "images.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_parameter_holds_images_txt_verbatim(default_template: Template) -> None:
    props = only(default_template, "AWS::SSM::Parameter")["Properties"]
    assert props["Name"] == "/ecr-mirror/images"
    assert props["Type"] == "String"
    assert props["Value"] == (ROOT / "images.txt").read_text(encoding="utf-8")
    # Intelligent-Tiering: never an explicit tier, since CloudFormation cannot take a parameter back from
    # Advanced to Standard and a later deploy would fail after someone grew the list past 4 KB.
    assert props["Tier"] == "Intelligent-Tiering"


def test_a_list_over_4_kb_keeps_intelligent_tiering(tmp_path: Path) -> None:
    text = "".join(f"ghcr.io/example/image-{n:04d}:1.0\n" for n in range(150))
    assert 4096 < len(text.encode()) <= 8192
    props = only(make_template(imagesFile=_write(tmp_path, text)), "AWS::SSM::Parameter")["Properties"]
    assert props["Tier"] == "Intelligent-Tiering"
    assert props["Value"] == text


def test_a_list_over_8_kb_is_refused(tmp_path: Path) -> None:
    text = "".join(f"ghcr.io/example/image-{n:04d}:1.0\n" for n in range(300))
    with pytest.raises(ImageListError, match="at most 8192"):
        make_template(imagesFile=_write(tmp_path, text))


def test_a_bad_line_is_refused_with_its_number(tmp_path: Path) -> None:
    with pytest.raises(ImageListError, match="line 2"):
        make_template(imagesFile=_write(tmp_path, "alpine:3.20\nNot/A/Valid:Ref:x\n"))


def test_an_empty_file_is_refused_but_comments_alone_are_a_list(tmp_path: Path) -> None:
    with pytest.raises(ImageListError, match="empty"):
        make_template(imagesFile=_write(tmp_path, " \n"))
    template = make_template(imagesFile=_write(tmp_path, "# nothing yet\n"))
    assert resources(template, "AWS::ECR::Repository") == []
    assert only(template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]["Prefix"] == "mirror"


def test_repositories_for_the_initial_list(default_template: Template) -> None:
    assert set(_repositories(default_template)) == DEFAULT_REPOSITORIES


def test_repository_names_follow_prefix_and_registry_aliases(tmp_path: Path) -> None:
    text = (
        "alpine:3.20\nalpine:3.19\nbitnami/redis:7.2\nghcr.io/actions/runner:2.300.0\nquay.io/prometheus/node-exporter\n"
        "registry.k8s.io/pause:3.10\npublic.ecr.aws/lambda/python:3.13\ngcr.io/distroless/static:nonroot\n"
        "mcr.microsoft.com/dotnet/runtime:8.0\nRegistry.Example.com:5000/team/app:1\n"
    )
    names = set(_repositories(make_template(prefix="ci", imagesFile=_write(tmp_path, text))))
    assert names == {
        "ci/docker-hub/library/alpine",
        "ci/docker-hub/bitnami/redis",
        "ci/ghcr/actions/runner",
        "ci/quay/prometheus/node-exporter",
        "ci/k8s/pause",
        "ci/ecr-public/lambda/python",
        "ci/gcr/distroless/static",
        "ci/mcr/dotnet/runtime",
        "ci/registry-example-com-5000/team/app",
    }


def test_repositories_are_mutable_scanned_expiring_and_retained(default_template: Template) -> None:
    for name, repo in _repositories(default_template).items():
        props = repo["Properties"]
        assert props["ImageTagMutability"] == "MUTABLE", name
        assert props["ImageScanningConfiguration"] == {"ScanOnPush": True}, name
        assert props.get("EncryptionConfiguration", {"EncryptionType": "AES256"}) == {"EncryptionType": "AES256"}
        policy = json.loads(props["LifecyclePolicy"]["LifecyclePolicyText"])
        # Untagged images are expired only beyond the newest 100: never by age since push, which deletes a
        # digest that ECS services still pin as soon as a moving tag leaves it behind.
        assert [rule["selection"] for rule in policy["rules"]] == [
            {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 100}
        ]
        assert [rule["action"] for rule in policy["rules"]] == [{"type": "expire"}]
        # Kept on update and delete, but not after a rolled-back create: a retry of a failed first deploy
        # must not meet the repository left behind ("already exists").
        assert repo["DeletionPolicy"] == "RetainExceptOnCreate", name
        assert repo["UpdateReplacePolicy"] == "Retain", name
        assert "EmptyOnDelete" not in props


def test_destroy_repositories_empties_and_deletes_them() -> None:
    for repo in _repositories(make_template(destroyRepositories="true")).values():
        assert repo["DeletionPolicy"] == "Delete"
        assert repo["Properties"]["EmptyOnDelete"] is True


def test_untagged_keep_follows_context_on_repositories_and_template() -> None:
    template = make_template(untaggedKeep="250")
    for repo in _repositories(template).values():
        policy = json.loads(repo["Properties"]["LifecyclePolicy"]["LifecyclePolicyText"])
        assert policy["rules"][0]["selection"]["countNumber"] == 250
    creation = only(template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert json.loads(creation["LifecyclePolicy"])["rules"][0]["selection"]["countNumber"] == 250


def test_untagged_keep_zero_never_expires_anything() -> None:
    template = make_template(untaggedKeep=0)
    for repo in _repositories(template).values():
        assert "LifecyclePolicy" not in repo["Properties"]
    assert "LifecyclePolicy" not in only(template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]


def test_the_old_expiry_days_key_is_refused_naming_the_new_one() -> None:
    with pytest.raises(SettingsError, match=r"untaggedExpiryDays.*untaggedKeep"):
        make_template(untaggedExpiryDays=7)


def test_creation_template_gives_pushed_repositories_the_same_settings(default_template: Template) -> None:
    template = only(default_template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert template["Prefix"] == "mirror"
    assert template["AppliedFor"] == ["CREATE_ON_PUSH"]
    assert template["ImageTagMutability"] == "MUTABLE"
    assert template["EncryptionConfiguration"] == {"EncryptionType": "AES256"}
    assert "CustomRoleArn" not in template
    repository = next(iter(_repositories(default_template).values()))["Properties"]
    assert json.loads(template["LifecyclePolicy"]) == json.loads(repository["LifecyclePolicy"]["LifecyclePolicyText"])


def test_kms_encryption_applies_to_repositories_and_template_with_a_creation_role() -> None:
    template = make_template(encryption="kms")
    for repo in _repositories(template).values():
        assert repo["Properties"]["EncryptionConfiguration"] == {"EncryptionType": "KMS"}
    creation = only(template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert creation["EncryptionConfiguration"] == {"EncryptionType": "KMS"}
    role_ids = [
        logical for logical, role in template.find_resources("AWS::IAM::Role").items()
        if role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]
        == {"Service": "ecr.amazonaws.com"}
    ]  # fmt: skip
    assert len(role_ids) == 1
    assert creation["CustomRoleArn"] == {"Fn::GetAtt": [role_ids[0], "Arn"]}


def test_rules_form_creates_repositories_for_rule_entries_too(tmp_path: Path) -> None:
    text = (
        "defaults:\n  platforms: [linux/amd64]\n"
        "images:\n  - alpine:3.20\n"
        "  - source: python\n    tags: {semver: '>=3.11', match: '*-slim', latest: 3}\n"
        "  - source: ghcr.io/astral-sh/uv\n    tags: [0.5.0]\n"
    )
    template = make_template(imagesFile=_write(tmp_path, text))
    assert set(_repositories(template)) == {
        "mirror/docker-hub/library/alpine",
        "mirror/docker-hub/library/python",
        "mirror/ghcr/astral-sh/uv",
    }
    assert only(template, "AWS::SSM::Parameter")["Properties"]["Value"] == text


def test_a_target_name_ecr_would_refuse_fails_synth_naming_its_line(tmp_path: Path) -> None:
    # quay.io/<247> is a valid source (255 characters); mirror/quay/<247> is 259, over ECR's 256
    # (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html).
    text = "alpine:3.20\n\n" + "quay.io/" + "a" * 247 + ":1\n"
    with pytest.raises(ImageListError, match=r"line 3: .*ECR allows 2-256"):
        make_template(imagesFile=_write(tmp_path, text))
    rules = "images:\n  - alpine:3.20\n  - source: quay.io/" + "b" * 247 + "\n    tags: {latest: 2}\n"
    with pytest.raises(ImageListError, match=r"line 3: .*ECR allows 2-256"):
        make_template(imagesFile=_write(tmp_path, rules))


def test_entries_that_would_fight_over_one_tag_fail_synth_naming_both_lines(tmp_path: Path) -> None:
    text = "registry.example.com/x:1\nalpine\nregistry-example.com/x:1\n"
    with pytest.raises(ImageListError, match=r"line 1 .* and line 3 "):
        make_template(imagesFile=_write(tmp_path, text))


def _put_parameter_commands(text: str) -> list[str]:
    """Every `aws ssm put-parameter` command of a Markdown text, its continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line.strip() for line in joined.splitlines() if "ssm put-parameter" in line]


def test_every_documented_put_parameter_names_the_intelligent_tiering_tier() -> None:
    # Without --tier, put-parameter uses the account's default tier, Standard unless changed (4 KB): a grown list
    # would be refused (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-default-tier.html).
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    commands = {str(doc.relative_to(ROOT)): _put_parameter_commands(doc.read_text("utf-8")) for doc in documents}
    found = [(doc, command) for doc, each in commands.items() for command in each]
    assert len(found) >= 3  # the main list (deploy.md, README) and a team's list (deploy.md)
    assert [(doc, c) for doc, c in found if "--tier Intelligent-Tiering" not in c] == []


def test_a_list_over_8_kb_is_refused_naming_the_team_lists_as_the_fix(tmp_path: Path) -> None:
    text = "".join(f"ghcr.io/example/image-{n:04d}:1.0\n" for n in range(300))
    with pytest.raises(ImageListError) as caught:
        make_template(imagesFile=_write(tmp_path, text))
    assert str(caught.value).endswith(
        "an SSM parameter holds at most 8192: keep at most 8192 bytes in this file and put the rest in lists under "
        "/ecr-mirror/images/ (aws ssm put-parameter --name /ecr-mirror/images/<team> --type String "
        "--tier Intelligent-Tiering --value file://<team>.txt)"
    )


def test_retained_repositories_can_be_imported_by_a_redeploy_after_destroy(default_template: Template) -> None:
    # `cdk deploy --import-existing-resources` adopts a retained repository only when the template names it
    # statically and keeps it with Retain or RetainExceptOnCreate
    # (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/import-resources-automatically.html).
    repositories = _repositories(default_template)
    assert set(repositories) == DEFAULT_REPOSITORIES
    for name, repo in repositories.items():
        assert repo["Properties"]["RepositoryName"] == name  # a literal: no Ref, no Fn::Join
        assert repo["DeletionPolicy"] in ("Retain", "RetainExceptOnCreate")
    # Nothing else of the stack outlives `cdk destroy` to meet the redeploy.
    kept = [
        logical
        for logical, r in default_template.to_json()["Resources"].items()
        if r.get("DeletionPolicy") in ("Retain", "RetainExceptOnCreate", "Snapshot")
        and r["Type"] != "AWS::ECR::Repository"
    ]
    assert kept == []


def test_stack_repositories_off_leaves_creation_to_ecr_and_the_function() -> None:
    template = make_template(stackRepositories="false")
    assert resources(template, "AWS::ECR::Repository") == []
    creation = only(template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert (creation["Prefix"], creation["AppliedFor"]) == ("mirror", ["CREATE_ON_PUSH"])
    granted = {a for s in statements(template) for a in s["Action"]}
    assert {"ecr:CreateRepository", "ecr:PutLifecyclePolicy"} <= granted


def test_stack_repositories_is_checked() -> None:
    with pytest.raises(SettingsError, match="stackRepositories"):
        make_template(stackRepositories="maybe")
