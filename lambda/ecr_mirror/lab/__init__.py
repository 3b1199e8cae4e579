"""The lab: real local registries and test images for the demo, the test suite and the benchmark.

Test-only code (needs the `lab` extra: cryptography); the Lambda function never imports it.

    registry.py     LocalRegistry: the real `docker-registry` binary on a free loopback port
                    (anonymous, htpasswd Basic, or token auth), with request counting
    accesslog.py    parse the registry's access log into (method, kind) records
    htpasswd.py     bcrypt htpasswd entries
    tokenserver.py  TokenServer: a Docker-Hub-like token service minting JWTs the registry accepts
    jwt_sign.py     key, self-signed cert and JWT signing for the token server
    content.py      deterministic bytes: tar.gz layers, multi-GiB layers streamed in constant memory
    images.py       image / index / manifest-list builders (no I/O) and ImageDescription
    challenge.py    Basic / Bearer challenge handling for the lab's own clients
    push.py         PushClient and push_image: a tiny independent push client
    samples.py      seed_samples: the demo's sample set
    skopeo.py       the real `skopeo` binary as an independent checker
"""

from __future__ import annotations
