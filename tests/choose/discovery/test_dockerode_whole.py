"""dockerode calls read whole: two imports bound to objects, runs with and without a command array, comments at
the start of a line and at the file's end, the `Image` key (dockerode.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.dockerode import dockerode_pulls
from ecr_mirror.choose.discovery.found import Found

SETUP = """
import Docker from 'dockerode'
const Dockerode = require('dockerode')
const engine = new Docker()
const second = new Dockerode()
await engine.pull('engine:1')
await second.pull('second:1')
await docker.run('no-command:1', cmd, process.stdout)
await docker.run('ran:1', ['echo'], process.stdout)
//await docker.pull('commented:1')
const c = await docker.createContainer({ Image: 'created:1' })
// Image: 'commented:2',
const options = { Image: 'optioned:1' }
// the end"""


def test_every_call_form_in_order() -> None:
    # (the file starts with a blank line and ends with a comment) objects of either import; a run without a
    # command array after the image is not dockerode's; commented calls and keys are not read
    assert dockerode_pulls(SETUP, "test/setup.ts") == [
        Found(text, "test/setup.ts", line, None, "dockerode", "TypeScript source")
        for text, line in [("engine:1", 6), ("second:1", 7), ("ran:1", 9), ("created:1", 11), ("optioned:1", 13)]
    ]


def test_a_file_naming_dockerode_without_importing_it_is_not_read() -> None:
    assert dockerode_pulls("// no dockerode import here\nawait docker.pull('x:1')\n", "test/setup.ts") == []
