"""A C# builder's interpolated image filled by the literals derived classes pass to its class's primary constructor."""

from __future__ import annotations

from ecr_mirror.choose.discovery.csharp_primary_constructors import primary_constructor_images

SOURCE = """\
public abstract class QueueFixture(string name, string tag)
{
    public IContainer Queue { get; } = new ContainerBuilder($"acme/{name}:{tag}").Build();
    public string Text { get; } = new StringBuilder($"{name}:{tag}").ToString();
}
public sealed class Queue1(IMessageSink sink) : QueueFixture("queue", "1.2");
public sealed class Queue2(IMessageSink sink) : QueueFixture(tag: "2.0", name: "queue");
public sealed class Queue3(IMessageSink sink) : QueueFixture("queue", Versions.Latest);
"""


def test_literal_arguments_by_position_or_name_fill_the_builder_s_string_only() -> None:
    images = [image for _, image in primary_constructor_images(SOURCE)]
    assert images == ["acme/queue:1.2", "acme/queue:2.0"]  # not StringBuilder's text, nor a field's value
