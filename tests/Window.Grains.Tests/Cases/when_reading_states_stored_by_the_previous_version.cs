using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Window.Grains.Cases;
using Window.Testing;
using Window.Workflows.Engine;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

/// <summary>
/// States stored by the build before the instance codec (main at 13a455e: the instance as UTF-8 JSON in field 20) still
/// read, and the next change stores their instance in the binary form (issue 26). The bytes are that build's own, kept in
/// <c>tests/fixtures/previous-version/13a455e-states/</c>.
/// </summary>
public sealed class when_reading_states_stored_by_the_previous_version
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Theory]
    [InlineData("checkup-returned.bin", "fixture-checkup")]
    [InlineData("bundle-opened.bin", "fixture-bundle")]
    public void the_instance_reads_and_the_next_change_stores_it_in_the_binary_form(string file, string caseId)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "previous-version", "13a455e-states", file));
        var old = Serializer.Deserialize<CaseState>(bytes)!;
        var instance = old.ReadInstance();

        var (next, kept, _) = Settlement.Settle(old, instance, old, instance, new CaseContext(caseId, Engine, Now.AddDays(1)));
        var stored = Serializer.SerializeToArray(next);
        var read = Serializer.Deserialize<CaseState>(stored)!;

        Assert.True(old is { IsOpened: true, Instance.Length: > 0, EngineInstance.Length: 0 }, "the fixture holds the instance as JSON");
        Assert.Equal(caseId, instance.CaseId);
        Assert.Same(instance, kept);
        Assert.True(read is { Instance.Length: 0, InstanceJson: "", EngineInstance.Length: > 0 }, "the next change stores the binary form only");
        Assert.Equal(WorkflowJson.Serialize(instance), WorkflowJson.Serialize(read.ReadInstance()));
        Assert.Equal((old.Number, old.Version + 1, old.Commands.Count), (read.Number, read.Version, read.Commands.Count));
        Assert.Equal(old.Timeline, read.Timeline);
        Assert.InRange(stored.Length, 1, bytes.Length - 1);
    }
}
