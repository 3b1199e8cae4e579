"""Testcontainers in JavaScript and TypeScript: a template string given to a container class (`new
GenericContainer(`redis:${tag}`)`) inside a test function of the file that a list of rows calls (`VERSIONS.forEach(({
version, image }) => testWith(version, image))`, `VERSIONS.forEach(testWith)` with `${options.tag}`): one image per
row, the parameter's default where the row has no such key; and a template string without placeholders."""

from __future__ import annotations

from ecr_mirror.choose.discovery.testcontainers import started_images

ROWS = """\
import { GenericContainer } from 'testcontainers'

const TEST_VERSIONS = [
  // { version: '4.0', readonly: false },
  { version: '5.1', image: 'example/store-old', options: { legacy: true } },
  {version: '5.7'},
  { version: '5.7', readonly: true },
]

function testWith(tag, readonly = false, image = 'example/store', options = {}) {
  describe(`Store [${tag}]`, () => {
    beforeAll(async () => {
      container = await new GenericContainer(`${image}:${tag}`)
        .withExposedPorts(3306)
        .start()
    })
  })
}

TEST_VERSIONS.forEach(({ version, readonly, image, options }) => testWith(version, readonly, image, options))
"""

OPTIONS = """\
import { GenericContainer, StartedTestContainer } from "testcontainers";

const TEST_VERSIONS = [
  { tag: '26.5', readOnly: false },
  { tag: '24.2', readOnly: true },
] as const

function testWith(options: typeof TEST_VERSIONS[number]) {
  describe(`Column store [${options.tag}]`, () => {
    beforeAll(async () => {
      container = await new GenericContainer(`example/columns:${options.tag}`)
        .withName(`columns-${options.readOnly.toString()}`)
        .start();
    });
  });
}

TEST_VERSIONS.forEach(testWith);
"""

PLAIN = """\
import { GenericContainer } from "testcontainers";

it("backs up", async () => {
  const container = await new GenericContainer(`example/store:latest`).start();
  const other = await new GenericContainer(`example/store:${unknown}`).start();
});
"""

NOT_CALLED = """\
import { GenericContainer } from "testcontainers";

const VERSIONS = [{ version: '1.0' }]

function startWith(tag) {
  return new GenericContainer(`example/store:${tag}`).start()
}

VERSIONS.forEach(({ version }) => describe(version, () => {}))
"""


def test_rows_given_to_the_test_function() -> None:
    found = started_images(ROWS, "tests/store.spec.js")
    assert [(f.text, f.line, f.use) for f in found] == [
        ("example/store-old:5.1", 5, "testcontainers"),
        ("example/store:5.7", 6, "testcontainers"),
        ("example/store:5.7", 7, "testcontainers"),
    ]


def test_a_row_given_whole_read_by_its_fields() -> None:
    found = started_images(OPTIONS, "tests/columns.spec.ts")
    assert [(f.text, f.line) for f in found] == [("example/columns:26.5", 4), ("example/columns:24.2", 5)]


def test_a_template_string_without_placeholders() -> None:
    found = started_images(PLAIN, "tests/backup.spec.ts")
    assert [(f.text, f.line) for f in found] == [("example/store:latest", 4)]


def test_a_function_no_rows_call_is_not_read() -> None:
    assert started_images(NOT_CALLED, "tests/store.spec.js") == []
