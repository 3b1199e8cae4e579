"""The images a Makefile hands its test runs in their environment (make_test_environment.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_test_environment import environment_test_images
from tests.support.hang_guard import finishes

# shaped like an operator's Makefile: receiver and scanner images its e2e and functional suites read from the
# environment (`os.Getenv("IMAGE_SCANNER")`), with overridable defaults
MAKEFILE = """\
export BRANCH=$(shell git rev-parse --abbrev-ref HEAD)
IMAGE_COLLECTOR?=quay.io/acme/collector:v0.54.0
IMAGE_RECEIVER?=quay.io/acme/collector:v0.54.0-devel
IMAGE_SCANNER ?= quay.io/acme/tls-scanner:latest
IMAGE_ROUTER?=quay.io/acme/event-router:v0.5.0
IMG ?= quay.io/acme/operator:latest
BUNDLE_IMG ?= bundle:latest
LOG_LEVEL ?= 3

test-env: ## print the environment
\t@echo \\
\tIMAGE_RECEIVER=$(IMAGE_RECEIVER) \\
\tIMAGE_UNUSED=quay.io/acme/echoed:1.0

.PHONY: test-functional
test-functional:
\tRELATED_IMAGE_COLLECTOR=$(IMAGE_COLLECTOR) \\
\tIMAGE_RECEIVER=$(IMAGE_RECEIVER) \\
\tgo test ./test/functional/...

test-e2e:
\tIMAGE_SCANNER=$(IMAGE_SCANNER) \\
\tIMAGE_ROUTER=${IMAGE_ROUTER} \\
\tIMAGE_OPERATOR=$(IMG) \\
\tIMAGE_BUNDLE=$(BUNDLE_IMG) \\
\tIMAGE_LOCAL=registry.svc:5000/acme/operator:$(BRANCH) \\
\tLOG_LEVEL=$(LOG_LEVEL) hack/test-e2e.sh

deploy:
\tIMAGE_DEPLOYED=quay.io/acme/deployed:1.0 hack/deploy.sh

docker-build:
\tdocker build -t $(IMG) .
"""


def test_the_images_a_test_target_hands_its_command_in_its_environment_are_listed() -> None:
    found = environment_test_images(MAKEFILE, "Makefile")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/acme/collector:v0.54.0", 17),
        ("quay.io/acme/collector:v0.54.0-devel", 18),
        ("quay.io/acme/tls-scanner:latest", 22),
        ("quay.io/acme/event-router:v0.5.0", 23),
    ]


def test_a_variable_given_two_values_is_not_known() -> None:
    text = "IMAGE_X ?= quay.io/acme/x:1\nifdef CI\nIMAGE_X = quay.io/acme/x:2\nendif\n"
    text += "test:\n\tIMAGE_X=$(IMAGE_X) go test ./...\n"
    assert environment_test_images(text, "Makefile") == []


def test_a_long_continued_recipe_stays_linear() -> None:
    text = "test:\n\tIMAGE_A=quay.io/a/b:1 \\\n" + "\tX=1 \\\n" * 200_000 + "\tgo test\n"
    assert len(finishes(environment_test_images, text, "Makefile")) == 1
