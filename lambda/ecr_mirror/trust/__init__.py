"""Trust decisions, pure: policies (policy.py), and verdicts from bytes, keys and clocks.

    policy.py       the `policies:` model of the rules form: minAge, key, identity/issuer, attestations
    durations.py    `48h`, `10m`, `2s` (as --deadline takes them)
    keys.py         PEM/DER public keys (ECDSA P-256/P-384, RSA, Ed25519) and signature checks (`cryptography`)
    evidence.py     what the client fetched for a digest: cosign `.sig` / `.att` layers, Sigstore bundles
    cosign.py       key-based cosign signatures (simple-signing payload, signature annotation)
    dsse.py         key-based DSSE attestations (in-toto statements with a predicate type)
    keyless.py      keyless (Fulcio certificate) signatures: Sigstore bundles and the cosign tag scheme
                    (imports `sigstore` only when a verification runs: its import costs about a second)
    keyless_gate.py where keyless verification (keyless.py) plugs in
    first_seen.py   when each upstream digest of a tag was first seen (the state of `minAge`)
    verdict.py      pass / held / rejected, with the reason and, for age, when the image becomes eligible
    judge.py        a policy's verdict for one digest from all of the above

May import: ecr_mirror.errors, the pure modules of ecr_mirror.oci (reference, mediatypes, manifest),
`cryptography` and `sigstore`. Never the registry client or AWS: fetching signatures is the client's job, reading
keys from KMS or SSM the front doors', and applying a verdict (held / rejected / copied) the run's.
"""

from __future__ import annotations
