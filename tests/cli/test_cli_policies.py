"""The policy gate end to end: `ecr-mirror sync` with a YAML list whose policies name a PEM key or a minAge,
between two real registries, with signatures made by the tests themselves (lab/signing.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.choose.naming import target_for
from ecr_mirror.cli.main import main
from ecr_mirror.lab.artifacts import cosign_tag
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import PrivateKey, generate_key, public_pem, push_cosign_signature
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.oci.reference import parse_reference


class World:
    """A source and a target registry, a trusted key (its PEM beside the list), a list file and a state file."""

    def __init__(self, source: LocalRegistry, target: LocalRegistry, tmp_path: Path) -> None:
        self.source, self.target, self.dir = source, target, tmp_path
        self.key = generate_key("p256")
        (tmp_path / "keys").mkdir()
        (tmp_path / "keys" / "trusted.pub").write_bytes(public_pem(self.key))
        self.list = tmp_path / "images.yaml"
        self.state = tmp_path / "state" / "first-seen.json"
        self.to = f"{target.host}/mirror"

    def push(self, repo: str, tag: str, *, signed_by: PrivateKey | None = None, seed: str | None = None) -> str:
        image = push_image(self.source, repo, oci_image(seed=seed or f"{repo}:{tag}:{time.time_ns()}"), tags=[tag])
        if signed_by is not None:
            push_cosign_signature(self.source, repo, image.digest, signed_by)
        return image.digest

    def source_ref(self, repo: str, tag: str) -> str:
        return f"{self.source.host}/{repo}:{tag}"

    def target_ref(self, repo: str, tag: str) -> str:
        return str(target_for(parse_reference(self.source_ref(repo, tag)), self.to))

    def write_list(self, policies: str, images: list[str]) -> None:
        lines = "".join(f"  - {line}\n" for line in images)
        self.list.write_text(f"policies:\n{policies}images:\n{lines}")

    def sync(self, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict[str, Any], str]:
        argv = [
            "sync",
            "--images",
            str(self.list),
            "--to",
            self.to,
            "--plain-http",
            "--json",
            "--state",
            str(self.state),
        ]
        code = main([*argv, *extra])
        out, err = capsys.readouterr()
        return code, json.loads(out) if out.strip() else {}, err

    def at_target(self, repo: str, tag: str) -> str | None:
        try:
            return inspect_digest(self.target_ref(repo, tag), tls_verify=False)
        except Exception:
            return None


@pytest.fixture
def world(source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path) -> World:
    return World(source_registry, target_registry, tmp_path)


def _by_source(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {image["source"].rsplit("/", 1)[-1]: image for image in report["images"]}


def test_signed_is_copied_with_its_signature_unsigned_held_other_key_rejected(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    other = generate_key("p256")
    signed = world.push("team/signed", "1", signed_by=world.key)
    world.push("team/unsigned", "1")
    first = world.push("team/hijacked", "1", signed_by=world.key)
    policy = "  signed: {key: keys/trusted.pub}\n"
    world.write_list(
        policy + "defaultPolicy: signed\n",
        [world.source_ref(r, "1") for r in ("team/signed", "team/unsigned", "team/hijacked")],
    )

    code, report, err = world.sync(capsys)
    images = _by_source(report)
    assert code == 0, err
    assert images["signed:1"]["status"] == "copied" and images["signed:1"]["policy"] == "signed"
    assert world.at_target("team/signed", "1") == signed
    sig_tag = cosign_tag(signed)
    assert world.at_target("team/signed", sig_tag) == inspect_digest(
        f"{world.source.host}/team/signed:{sig_tag}", tls_verify=False
    )
    unsigned = images["unsigned:1"]
    assert unsigned["status"] == "held" and "no cosign signature" in unsigned["held_reason"]
    assert world.at_target("team/unsigned", "1") is None  # first listed and held: no tag at all
    assert images["hijacked:1"]["status"] == "copied" and world.at_target("team/hijacked", "1") == first
    assert report["summary"]["held"] == 1

    hijacked = world.push("team/hijacked", "1", signed_by=other)  # the tag moves upstream, signed by another key
    code, report, err = world.sync(capsys)
    image = _by_source(report)["hijacked:1"]
    assert code == 1, err
    assert image["status"] == "rejected" and image["upstream_digest"] == hijacked
    assert "verifies with key keys/trusted.pub" in image["error"]
    assert world.at_target("team/hijacked", "1") == first  # the tag at the target did not move
    assert report["summary"]["rejected"] == 1


def test_unsigned_image_held_in_text_output_behind_section(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.push("team/unsigned", "1")
    world.write_list(
        "  signed: {key: keys/trusted.pub}\n", [f"{{source: {world.source_ref('team/unsigned', '1')}, policy: signed}}"]
    )
    argv = ["sync", "--images", str(world.list), "--to", world.to, "--plain-http", "--state", str(world.state)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0
    assert "1 held" in out
    # After a run: one summary line; the reason is on the image's progress line, not repeated.
    assert "behind upstream: 1 (1 held;" in out and "no cosign signature" in err
    code = main([*argv, "--dry-run"])  # HEAD requests only: signatures are judged when copying, and it says so
    out, _ = capsys.readouterr()
    assert code == 0
    assert "behind upstream (1):" in out and "if its signatures verify" in out


def test_min_age_holds_a_new_digest_then_copies_it_three_seconds_later(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    digest = world.push("team/young", "1")
    world.write_list(
        "  cooling: {minAge: 2s}\n", [f"{{source: {world.source_ref('team/young', '1')}, policy: cooling}}"]
    )

    code, report, err = world.sync(capsys, "--dry-run")
    (image,) = report["images"]
    assert code == 0, err
    assert image["status"] == "held" and image["eligible_at"] and "would be held" in image["detail"]
    assert not world.state.exists()  # a dry run reads the state, never writes it

    code, report, err = world.sync(capsys)
    (image,) = report["images"]
    assert code == 0, err
    assert image["status"] == "held" and "too young" in image["held_reason"] and image["eligible_at"]
    assert world.at_target("team/young", "1") is None
    state = json.loads(world.state.read_text())
    assert state["firstSeen"][world.source_ref("team/young", "1")]["digest"] == digest

    time.sleep(3)
    code, report, err = world.sync(capsys)
    (image,) = report["images"]
    assert code == 0, err
    assert image["status"] == "copied"
    assert world.at_target("team/young", "1") == digest
    assert json.loads(world.state.read_text())["firstSeen"] == {}  # mirrored: nothing left to remember


def test_digest_pin_ignores_min_age(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    digest = world.push("team/pinned", "1")
    world.write_list(
        "  cooling: {minAge: 48h}\n", [f"{{source: '{world.source.host}/team/pinned@{digest}', policy: cooling}}"]
    )
    code, report, err = world.sync(capsys)
    (image,) = report["images"]
    assert code == 0, err
    assert image["status"] == "copied" and image["digest"] == digest


def test_digest_pin_obeys_the_signature_part(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    digest = world.push("team/pinned", "1", signed_by=generate_key("ed25519"))
    world.write_list(
        "  signed: {key: keys/trusted.pub, minAge: 48h}\n",
        [f"{{source: '{world.source.host}/team/pinned@{digest}', policy: signed}}"],
    )
    code, report, err = world.sync(capsys)
    (image,) = report["images"]
    assert code == 1, err
    assert image["status"] == "rejected"


def test_corrupt_state_file_is_an_error_naming_it(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.push("team/young", "1")
    world.write_list(
        "  cooling: {minAge: 2s}\n", [f"{{source: {world.source_ref('team/young', '1')}, policy: cooling}}"]
    )
    world.state.parent.mkdir(parents=True)
    world.state.write_text("{not json")
    code, _, err = world.sync(capsys)
    assert code == 2
    assert str(world.state) in err and "corrupt" in err
    assert world.state.read_text() == "{not json"  # never silently reset


def test_unreadable_key_fails_its_images_and_names_the_key(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.push("team/signed", "1", signed_by=world.key)
    world.write_list(
        "  signed: {key: keys/missing.pub}\n", [f"{{source: {world.source_ref('team/signed', '1')}, policy: signed}}"]
    )
    code, report, _ = world.sync(capsys)
    (image,) = report["images"]
    assert code == 1
    assert image["status"] == "failed" and "keys/missing.pub" in image["error"]
    assert world.at_target("team/signed", "1") is None


def test_signed_index_is_verified_on_the_index_digest(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    index = push_image(world.source, "team/multi", oci_index(seed="multi"), tags=["1"])
    push_cosign_signature(world.source, "team/multi", index.digest, world.key)
    world.write_list(
        "  signed: {key: keys/trusted.pub}\n", [f"{{source: {world.source_ref('team/multi', '1')}, policy: signed}}"]
    )
    code, report, err = world.sync(capsys)
    (image,) = report["images"]
    assert code == 0, err
    assert image["status"] == "copied" and world.at_target("team/multi", "1") == index.digest


def test_identity_policy_holds_an_image_without_a_keyless_signature(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.push("team/app", "1", signed_by=world.key)  # signed with a key, not keyless
    world.write_list(
        "  k8s: {identity: krel-trust@k8s-releng-prod.iam.gserviceaccount.com, issuer: https://accounts.google.com}\n",
        [f"{{source: {world.source_ref('team/app', '1')}, policy: k8s}}"],
    )
    code, report, err = world.sync(capsys)
    (image,) = report["images"]
    assert code == 0, err
    assert image["status"] == "held" and "keyless" in image["held_reason"]  # never passed unverified
    assert world.at_target("team/app", "1") is None


def test_unreadable_trusted_root_is_a_usage_error_naming_it(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    world.write_list("  c: {minAge: 1s}\n", ["alpine"])
    with pytest.raises(SystemExit) as caught:
        world.sync(capsys, "--trusted-root", str(world.dir / "missing-root.json"))
    assert caught.value.code == 2
    assert "missing-root.json" in capsys.readouterr().err


def test_a_list_without_keys_never_imports_cryptography(tmp_path: Path) -> None:
    """cryptography holds about 10 MB of resident memory: a list with no key policy must not pay for it."""
    listing = tmp_path / "images.txt"
    listing.write_text("alpine:3.20\n")
    probe = (
        "import sys; from pathlib import Path; from ecr_mirror.choose.imagelist import parse_image_list; "
        "from ecr_mirror.cli.trust_setup import prepare_trust; "
        f"images = parse_image_list(Path({str(listing)!r}).read_text()); "
        f"prepare_trust(images, Path({str(listing)!r}), Path({str(tmp_path / 'state.json')!r}), dry_run=True); "
        "print('cryptography' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stderr
