"""Directories a test runner's convention reserves for the input files of the project's own unit tests: not read.

- `__fixtures__/`: the JavaScript suites' name, beside Jest's own `__tests__/`, `__mocks__/` and `__snapshots__/`
  (https://jestjs.io/docs/manual-mocks, https://jestjs.io/docs/snapshot-testing), for the files a test reads and
  hands to the code under test; a dependency updater keeps there one compose file, Dockerfile, manifest or CI file
  per parser case (renovate's `lib/modules/manager/*/__fixtures__/`, loaded by `Fixtures.get(...)` in the
  `extract.spec.ts` beside them: `dockersamples/examplevotingapp_vote:before`, `nginx:1.7.9`).
- `spec/fixtures/`: RSpec's, the `fixture_path` that `rails generate rspec:install` writes into `rails_helper.rb`
  (`config.fixture_path = "#{::Rails.root}/spec/fixtures"`), and where a gem's specs keep the files they parse
  (dependabot-core's `docker/spec/fixtures/docker/dockerfiles/*`, `composefiles/*`: `ubuntu:17.04`, `nginx:1.14.2`).

- a policy query's `test/`: KICS queries (and the scanners built on them, DataDog's datadog-iac-scanner) keep each
  rule's cases in a `test/` directory beside the rule, the files it must flag (`positive*.dockerfile`,
  `positive1.yaml`) and must not (`negative*`), with the findings it must report in `positive_expected_result.json`
  (https://docs.kics.io/latest/creating-queries/); a `test/` holding that file is one (not another `test/`).

A test's file handed to a parser is never built or started. A `fixtures/` directory of no such convention (pytest's
`tests/fixtures/docker/docker-compose.yml`, started by a fixture; a Go `testdata/`) stays read: a test may start it.
"""

from __future__ import annotations

from pathlib import Path

FIXTURES = "unit tests' input files (__fixtures__/, spec/fixtures/)"


QUERY_SAMPLES = "a policy query's test samples (test/ beside positive_expected_result.json)"


def is_query_samples(path: Path) -> bool:
    """Whether `path`, a directory met in the walk, is a KICS query's `test/` (see the module)."""
    return path.name == "test" and (path / "positive_expected_result.json").is_file()


def is_fixture_directory(path: Path) -> bool:
    """Whether `path`, a directory met in the walk, is `__fixtures__` or RSpec's `spec/fixtures`."""
    return path.name == "__fixtures__" or (path.name == "fixtures" and path.parent.name == "spec")
