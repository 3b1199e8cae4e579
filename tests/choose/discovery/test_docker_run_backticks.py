"""`docker run` whose option values hold a backtick command substitution (`-v \\`pwd\\`/conf/squid.conf:/etc/...`):
the substitution is part of the option's value, and the image after it is read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_run import docker_runs

SCRIPT = """\
#!/bin/bash
set -e
docker network create proxy-net
docker run --network proxy-net -d --rm -v `pwd`/tests/squid.conf:/etc/squid/conf.d/x.conf ubuntu/squid:5.2-22.04_beta
docker run --network proxy-net -d \\
  --name squid-b \\
  -v `pwd`/tests/squid-auth.conf:/etc/squid/conf.d/x.conf \\
  ubuntu/squid:5.2-22.04_beta
ID=`docker run -d redis:7.2`
"""


def test_backtick_substitutions_inside_option_values() -> None:
    found = docker_runs(SCRIPT, "tests/run_proxy_tests.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("ubuntu/squid:5.2-22.04_beta", 4, None),
        ("ubuntu/squid:5.2-22.04_beta", 5, None),
        ("redis:7.2", 9, None),
    ]
