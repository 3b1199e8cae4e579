"""Testcontainers tests whose images are kept in a JSON file that a module of theirs loads by a literal path and
reads the image entries of (`formatImage(config.images.postgres)`): the entries the module reads are listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DIGEST = "sha256:" + "0123456789abcdef" * 4
IMAGES_JSON = """\
{
  "images": {
    "postgres": {"repository": "postgres", "tag": "17.2-alpine"},
    "broker": {"repository": "ghcr.io/acme/broker", "tag": "DIGEST"},
    "nightly": {"repository": "acme/nightly", "tag": "v0.0.0-20260101"},
    "mailer": {"image": "axllent/mailpit:v1.21.8"}
  },
  "timeouts": {"start": 60}
}
""".replace("DIGEST", DIGEST)

IMAGES_MODULE = """\
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = dirname(fileURLToPath(import.meta.url));
const configPath = resolve(__dirname, '../../test-images.json');
const config = JSON.parse(readFileSync(configPath, 'utf-8'));

function formatImage({ repository, tag }) {
  return tag.startsWith('sha256:') ? `${repository}@${tag}` : `${repository}:${tag}`;
}

export const POSTGRES_IMAGE = process.env.TEST_IMAGE_POSTGRES || formatImage(config.images.postgres);
export const BROKER_IMAGE = process.env.TEST_IMAGE_BROKER || formatImage(config.images.broker);
export const START_TIMEOUT = config.timeouts.start;
"""

SETUP = """\
import { GenericContainer, Wait } from 'testcontainers';
import { BROKER_IMAGE, POSTGRES_IMAGE } from './test-images.mjs';

export default async function globalSetup() {
  const db = await new GenericContainer(POSTGRES_IMAGE).withExposedPorts(5432).start();
  const broker = await new GenericContainer(BROKER_IMAGE).withWaitStrategy(Wait.forLogMessage('ready')).start();
  return async () => {
    await broker.stop();
    await db.stop();
  };
}
"""

# a module no Testcontainers test imports: its JSON is a fixture of something else
OTHER = """\
const fixture = require('./catalog.json');
export const shown = fixture.images.web;
"""

TREE = {
    "test-images.json": IMAGES_JSON,
    "web/tests/test-images.mjs": IMAGES_MODULE,
    "web/tests/global-setup.mjs": SETUP,
    "web/src/catalog.js": OTHER,
    "web/src/catalog.json": '{"images": {"web": "acme/web:1.0"}}\n',
}


def test_the_json_entries_a_testcontainers_module_reads_are_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["reference"], r["file"], r["line"], r["status"]) for r in records) == [
        (
            f"ghcr.io/acme/broker@{DIGEST}",
            "web/tests/test-images.mjs",
            14,
            "public",
        ),
        ("postgres:17.2-alpine", "web/tests/test-images.mjs", 13, "public"),
    ]
    assert {r["use"] for r in records} == {
        "testcontainers (images.postgres of test-images.json)",
        "testcontainers (images.broker of test-images.json)",
    }
