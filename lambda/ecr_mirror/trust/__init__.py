"""Trust decisions: signature, attestation and age verdicts from bytes, keys and clocks (pure, no network).

May import errors and the pure OCI types; never the client, the network or AWS. Fetching signatures is the
client's job; applying a verdict (held / rejected / copied) is the run's.

    keyless         keyless (Fulcio certificate) signatures: Sigstore bundles and the cosign tag scheme
                    (imports `sigstore` only when a verification runs: its import costs about a second)
"""
