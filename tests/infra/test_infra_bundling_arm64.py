"""The function's bundle on its own platform: keyless verification run by CPython 3.13 for aarch64 (emulated).

sigstore brings compiled wheels (cryptography, pydantic-core, rfc3161-client, cffi). The bundle holds their
manylinux aarch64 builds, which an x86_64 host cannot load; scripts/arm64_python.sh unpacks Debian 13's aarch64
CPython 3.13 and qemu-user runs it, so the bundle's own files import and verify here as they would on Lambda.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from tests.support.sigstore_world import GITHUB_ISSUER, SigstoreWorld

PROJECT = Path(__file__).resolve().parents[2]
DIGEST = "sha256:" + hashlib.sha256(b"an image index").hexdigest()
WORKFLOW = "https://github.com/example/app/.github/workflows/release.yml@refs/tags/v1"
SLSA = "https://slsa.dev/provenance/v1"

# Runs inside the emulated interpreter, with nothing but the bundle on its path (-I: no site-packages, no env).
PROBE = """
import json, platform, sys
bundle, work = sys.argv[1], sys.argv[2]
sys.path.insert(0, bundle)
from pathlib import Path
import cryptography.hazmat.bindings._rust as rust, pydantic_core
from ecr_mirror.trust.keyless import IdentityRule, TrustedRootSource, verify_bundle, verify_cosign_keyless
from ecr_mirror.trust.sigstore_verify import load_trusted_root
inputs = json.loads(Path(work, "inputs.json").read_text())
root = TrustedRootSource.from_file(Path(work, "trusted_root.json"))
rule = IdentityRule(issuer=inputs["issuer"], identity_regex=inputs["regex"])
other = IdentityRule(issuer=inputs["issuer"], identity="someone@example.com")
read = lambda name: Path(work, name).read_bytes()
annotations = json.loads(read("annotations.json"))
digest = inputs["digest"]
results = {
    "message": verify_bundle(read("message.json"), subject_digest=digest, rule=rule, trusted_root=root).ok,
    "dsse": verify_bundle(read("dsse.json"), subject_digest=digest, rule=rule, trusted_root=root,
                          predicate_type=inputs["predicate"]).ok,
    "cosign": verify_cosign_keyless(read("payload.json"), annotations, subject_digest=digest, rule=rule,
                                    trusted_root=root).ok,
    "cosign_other_identity": verify_cosign_keyless(read("payload.json"), annotations, subject_digest=digest,
                                                   rule=other, trusted_root=root).ok,
    "public_good_fulcio_certs": len(load_trusted_root(TrustedRootSource()).get_fulcio_certs()),
}
print(json.dumps({
    "machine": platform.machine(),
    "python": list(sys.version_info[:2]),
    "native": [rust.__file__, pydantic_core._pydantic_core.__file__],
    "results": results,
}))
"""


@pytest.fixture(scope="module")
def arm64_python() -> list[str]:
    """The command that starts the emulated aarch64 CPython 3.13 (built once by scripts/arm64_python.sh)."""
    done = subprocess.run(
        ["bash", str(PROJECT / "scripts" / "arm64_python.sh")], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"scripts/arm64_python.sh failed (run scripts/setup.sh first):\n{done.stderr}", pytrace=False)
    root = done.stdout.strip().splitlines()[-1]
    return ["qemu-aarch64-static", "-L", root, f"{root}/usr/bin/python3.13", "-I"]


@pytest.mark.slow
@pytest.mark.xdist_group("lambda-bundle")  # one worker builds the bundle once: see conftest
def test_keyless_verification_runs_from_the_bundle_on_aarch64_python_313(
    arm64_python: list[str], lambda_bundle: Path, tmp_path: Path
) -> None:
    bundle = lambda_bundle
    world = SigstoreWorld()
    world.write_trusted_root(tmp_path / "trusted_root.json")
    (tmp_path / "message.json").write_bytes(world.message_bundle(DIGEST, WORKFLOW, GITHUB_ISSUER))
    (tmp_path / "dsse.json").write_bytes(world.dsse_bundle(DIGEST, SLSA, WORKFLOW, GITHUB_ISSUER))
    payload, annotations = world.cosign_signature(DIGEST, WORKFLOW, GITHUB_ISSUER)
    (tmp_path / "payload.json").write_bytes(payload)
    (tmp_path / "annotations.json").write_text(json.dumps(annotations), encoding="utf-8")
    inputs = {
        "digest": DIGEST,
        "issuer": GITHUB_ISSUER,
        "regex": r"https://github\.com/example/app/.+",
        "predicate": SLSA,
    }
    (tmp_path / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")

    done = subprocess.run(
        [*arm64_python, "-c", PROBE, str(bundle), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["machine"] == "aarch64" and report["python"] == [3, 13]
    assert all(path.startswith(str(bundle)) for path in report["native"]), report["native"]  # the bundle's builds
    assert report["results"] == {
        "message": True,
        "dsse": True,
        "cosign": True,
        "cosign_other_identity": False,
        "public_good_fulcio_certs": report["results"]["public_good_fulcio_certs"],
    }
    assert report["results"]["public_good_fulcio_certs"] >= 2
