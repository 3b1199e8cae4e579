"""A JavaScript/TypeScript project's own container helper, a function or method taking `{ image, ... }` whose body
pulls it with dockerode (`docker.pull(image)`, `docker.createContainer({ Image: image })`), pulls what its callers in
any file of the tree give it: graphql-hive/gateway's `tenv.container({ name: 'redis', image: 'redis:8' })` in its
e2e tests (set ZZZU, 5 misses), the helper in `internal/e2e/src/tenv.ts`. The image is a string literal, or each
branch of a conditional of two literals (`win32 ? 'johnnyhuy/jaeger-windows:1809' : 'jaegertracing/all-in-one:1.56'`),
at the literal's line; a value built with `+` or from a name is known only when the test runs, and a call of a
function of the same name that does not pull adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_TENV = """\
import Docker from 'dockerode';

export function createTenv(cwd: string) {
  const docker = new Docker();
  const tenv = {
    async container({
      name,
      image,
      env = {},
      cmd = [],
    }: ContainerOptions): Promise<Container> {
      const exists = await docker.getImage(image).get().then(() => true).catch(() => false);
      if (!exists) {
        const imageStream = await docker.pull(image);
        await new Promise((resolve) => docker.modem.followProgress(imageStream, resolve));
      }
      const ctr = await docker.createContainer({ name, Image: image, Env: Object.entries(env) });
      return ctr;
    },
    async gateway() {
      return tenv.container({
        name: 'gateway-e2e',
        image: 'ghcr.io/acme/gateway:' + (process.env.TAG || 'latest'),
      });
    },
  };
  return tenv;
}
"""

_E2E = """\
import os from 'node:os';
import { createTenv } from '@internal/e2e';

const { container } = createTenv(__dirname);

beforeAll(async () => {
  const redis = await container({
    name: 'redis',
    image: 'redis:8',
    containerPort: 6379,
  });
  const jaeger = await container({
    name: 'jaeger',
    image:
      os.platform().toLowerCase() === 'win32'
        ? 'johnnyhuy/jaeger-windows:1809'
        : 'jaegertracing/all-in-one:1.56',
  });
});
"""

_UNRELATED = """\
function container({ image }) {
  return `<div class="container">${image}</div>`;
}
container({ image: 'logo.png:2' });
"""


def test_a_projects_own_container_helper_pulls_what_its_callers_give_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "internal/e2e/src/tenv.ts": _TENV,
            "e2e/otel/otel.e2e.ts": _E2E,
            "site/render.js": _UNRELATED,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert got == [
        ("e2e/otel/otel.e2e.ts", 9, "redis:8", "public"),
        ("e2e/otel/otel.e2e.ts", 16, "johnnyhuy/jaeger-windows:1809", "public"),
        ("e2e/otel/otel.e2e.ts", 17, "jaegertracing/all-in-one:1.56", "public"),
    ]
