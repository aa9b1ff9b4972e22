using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using Window.Contracts;
using Xunit.Abstractions;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Grains;

/// <summary>
/// A case's stored state stays small and bounded (issue 26): what it holds does not grow with every command it takes,
/// so a case worked on for weeks costs the database and the silo what a new one does. Its commands are traced as in the
/// host (whose OpenTelemetry records every span), so the trace's part of the state is measured too.
/// </summary>
[Collection(BytesClusterCollection.Name)]
public sealed class when_a_case_grows_long(BytesCluster fixture, ITestOutputHelper output) : IDisposable
{
    /// <summary>Records every span of the case's source, as the host's default sampler does.</summary>
    private readonly ActivityListener listener = Listening();

    /// <summary>The officer the case cluster's workload gives every new case.</summary>
    private static readonly Actor CaseOfficer = new("officer2", Roles.Officer, null);

    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    /// <summary>A command's meta as the host makes it: its request hash a SHA-256 in hexadecimal, as the replay records keep it.</summary>
    private static CommandMeta Meta(Actor actor, string key) =>
        new(key, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), actor);

    [Fact]
    public async Task an_old_key_replays_its_own_view_after_later_commands()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(Guid.NewGuid().ToString("N"));
        await grain.OpenAsync(MedicalCheckup());
        var first = await grain.ExecuteAsync(new ClaimStepCommand(Meta(Health, "claim-old"), Step));
        await grain.ExecuteAsync(new RecordVisitCommand(Meta(CaseOfficer, "visit-later"), "咨询"));
        await grain.ExecuteAsync(new ReleaseStepCommand(Meta(Health, "release-later"), Step));

        var again = await grain.ExecuteAsync(new ClaimStepCommand(Meta(Health, "claim-old"), Step));

        Assert.True(again.Replayed);
        Assert.Equal((first.Case!.Version, first.Case.Trips, first.Case.Steps.Single().Status), (again.Case!.Version, again.Case.Trips, again.Case.Steps.Single().Status));
        Assert.Equal(3, (await grain.GetAsync())!.Version - first.Case.Version + 1);
    }

    [Fact]
    public async Task a_kept_command_costs_the_replay_ledger_a_delta_not_a_packed_view()
    {
        var stored = await WorkAsync(20);

        output.WriteLine($"after 20 commands: {stored.Length} B ({Parts(stored)})");
        Assert.InRange(Serializer.SerializeToArray(Serializer.Deserialize<CaseState>(stored)!.Commands).Length, 1, 19 * 160);
    }

    [Fact]
    public async Task a_case_after_500_commands_stores_at_most_twice_a_case_after_20()
    {
        var young = await WorkAsync(20);
        var old = await WorkAsync(500);

        output.WriteLine($"after 20 commands: {young.Length} B ({Parts(young)})");
        output.WriteLine($"after 500 commands: {old.Length} B ({Parts(old)})");
        Assert.InRange(old.Length, 1, 2 * young.Length);
    }

    // Issue 26: 4,903 B before the newest replay record stopped storing its view (and the opening its own); 3,600 B since.
    [Fact]
    public async Task a_case_after_20_commands_stores_at_most_4_kb()
    {
        var young = await WorkAsync(20);

        output.WriteLine($"after 20 commands: {young.Length} B ({Parts(young)})");
        Assert.InRange(young.Length, 1, 4096);
    }

    [Fact]
    public async Task a_state_of_the_previous_version_with_its_whole_journal_loads_answers_the_same_and_is_trimmed()
    {
        // A state as the previous version wrote it: the whole journal in the timeline, no folded facts. Made from a case
        // worked here (its journal read back whole), stored under a new id whose read model holds nothing yet.
        var source = await WorkAsync(30, decide: true);
        var sourceGrain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(source.Id);
        var journal = await sourceGrain.TimelineAsync();
        var trimmed = Serializer.Deserialize<CaseState>(source.Bytes)!;
        Assert.True(trimmed.Timeline.Count < journal.Count / 4, $"{trimmed.Timeline.Count} of {journal.Count} entries kept");
        var old = trimmed with { Timeline = [.. journal.Select(e => e with { TraceId = null })], Facts = null };
        var id = Guid.NewGuid().ToString("N");
        BytesCluster.Storage.Put(GrainId.Create("case", id), Serializer.SerializeToArray(old));
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);

        var view = (await grain.GetAsync())!;
        var expected = (await sourceGrain.GetAsync())!;
        Assert.Equal(expected.Steps.Select(s => (s.CompletedAt, s.Opinion, s.Status)), view.Steps.Select(s => (s.CompletedAt, s.Opinion, s.Status)));
        Assert.Equal(expected.Items.Select(i => i.DecidedAt), view.Items.Select(i => i.DecidedAt));
        Assert.Equal(expected.CompletedAt, view.CompletedAt);
        Assert.Equal(journal, await grain.TimelineAsync());

        // The next commands project the old journal and trim it; the view and the journal stay the same.
        for (var n = 0; n < 2; n++)
        {
            BytesCluster.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(OutcomeStatus.Ok, (await grain.ExecuteAsync(new RecordVisitCommand(Meta(CaseOfficer, $"visit-after-{n}"), "咨询"))).Status);
        }

        var stored = Serializer.Deserialize<CaseState>(BytesCluster.Storage.BytesOf(GrainId.Create("case", id)))!;
        Assert.InRange(stored.Timeline.Count, 1, 4);
        var after = await grain.TimelineAsync();
        Assert.Equal(journal, after.Take(journal.Count));
        Assert.Equal(Enumerable.Range(1, after.Count), after.Select(e => e.Seq));
        var later = (await grain.GetAsync())!;
        Assert.Equal(view.Steps.Select(s => (s.CompletedAt, s.Opinion)), later.Steps.Select(s => (s.CompletedAt, s.Opinion)));
        Assert.Equal(view.Items.Select(i => i.DecidedAt), later.Items.Select(i => i.DecidedAt));
    }

    public void Dispose() => listener.Dispose();

    private static ActivityListener Listening()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WindowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task a_state_of_the_previous_version_with_every_command_span_loads_shows_the_same_trace_and_is_trimmed()
    {
        // A state as the previous version wrote it: every command's span in the trace, unnumbered, and the whole journal.
        // Made from a case worked here (its spans and journal read back whole), stored under a new id whose read model holds
        // nothing yet.
        var supervisor = new Actor("supervisor1", Roles.Supervisor, null);
        var source = await WorkAsync(30, decide: true);
        var sourceGrain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(source.Id);
        var expected = (await sourceGrain.TraceForAsync(supervisor))!;
        var sink = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredService<ICaseProjectionSink>();
        var spans = await sink.SpansAsync(source.Id, int.MaxValue);
        var trimmed = Serializer.Deserialize<CaseState>(source.Bytes)!;
        Assert.Equal(Enumerable.Range(1, 32), spans.Select(s => s.Number));
        Assert.InRange(trimmed.Trace!.Commands.Count, 2, 4);
        Assert.Equal(32, expected.Spans.Count(s => s.Name.StartsWith("case.", StringComparison.Ordinal)));
        var old = trimmed with
        {
            Timeline = [.. (await sourceGrain.TimelineAsync()).Select(e => e with { TraceId = null })],
            Facts = null,
            Trace = trimmed.Trace! with { Commands = [.. spans.Select(s => new CommandSpan(s.SpanId, s.Name, s.StartedAt, s.Duration, s.FirstSeq, s.Department, s.StepId))] },
        };
        var id = Guid.NewGuid().ToString("N");
        BytesCluster.Storage.Put(GrainId.Create("case", id), Serializer.SerializeToArray(old));
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);

        var view = (await grain.TraceForAsync(supervisor))!;
        Assert.Equal(expected.TraceId, view.TraceId);
        Assert.Equal(expected.Spans, view.Spans);

        // The next commands project the old spans and trim them; the trace keeps every span, the new ones after.
        for (var n = 0; n < 3; n++)
        {
            BytesCluster.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(OutcomeStatus.Ok, (await grain.ExecuteAsync(new RecordVisitCommand(Meta(CaseOfficer, $"visit-after-{n}"), "咨询"))).Status);
        }

        var stored = Serializer.Deserialize<CaseState>(BytesCluster.Storage.BytesOf(GrainId.Create("case", id)))!;
        Assert.InRange(stored.Trace!.Commands.Count, 2, 4);
        Assert.Equal(expected.Spans[0].SpanId, stored.Trace.Commands[0].SpanId);
        var later = (await grain.TraceForAsync(supervisor))!;
        Assert.Equal(expected.Spans, later.Spans.Take(expected.Spans.Count));
        Assert.Equal(3, later.Spans.Skip(expected.Spans.Count).Count(s => s.Name.StartsWith("case.", StringComparison.Ordinal)));
        Assert.All(later.Spans.Skip(1).Where(s => s.Name.StartsWith("case.", StringComparison.Ordinal)), s => Assert.Equal(expected.Spans[0].SpanId, s.ParentSpanId));
    }

    /// <summary>A medical check-up case that took <paramref name="commands"/> commands an hour apart: the health clerk claims
    /// and releases its step and the officer records visits, as a long-running case would; its stored bytes.</summary>
    private async Task<byte[]> WorkAsync(int commands) => (await WorkAsync(commands, decide: false)).Bytes;

    /// <summary>As <see cref="WorkAsync(int)"/>; when <paramref name="decide"/>, the health clerk then claims and approves its step
    /// with an opinion, so that the view has a step end, an opinion and a decided item to read from the journal.</summary>
    private async Task<(string Id, byte[] Bytes)> WorkAsync(int commands, bool decide)
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
        Assert.Equal(OutcomeStatus.Created, (await grain.OpenAsync(MedicalCheckup())).Status);
        for (var n = 1; n < commands; n++)
        {
            BytesCluster.Clock.Advance(TimeSpan.FromHours(1));
            CaseCommand command = (n % 3) switch
            {
                1 => new ClaimStepCommand(Meta(Health, $"claim-{n}"), Step),
                2 => new ReleaseStepCommand(Meta(Health, $"release-{n}"), Step),
                _ => new RecordVisitCommand(Meta(CaseOfficer, $"visit-{n}"), "咨询办理进度"),
            };
            Assert.Equal(OutcomeStatus.Ok, (await grain.ExecuteAsync(command)).Status);
        }

        if (decide)
        {
            await grain.ExecuteAsync(new ClaimStepCommand(Meta(Health, "claim-to-decide"), Step));
            Assert.Equal(OutcomeStatus.Ok, (await grain.ExecuteAsync(new CompleteStepCommand(Meta(Health, "decide"), Step, "approve", "体检结果合格", []))).Status);
        }

        return (id, BytesCluster.Storage.BytesOf(GrainId.Create("case", id)));
    }

    /// <summary>What each part of a stored state weighs, serialized alone.</summary>
    private static string Parts(byte[] stored)
    {
        var state = Serializer.Deserialize<CaseState>(stored)!;
        return string.Join(", ", new (string Name, object? Part)[]
        {
            ("timeline", state.Timeline),
            ("replay records", state.Commands),
            ("opening record", state.Opening),
            ("instance", state.Instance),
            ("engine instance", state.EngineInstance),
            ("trace", state.Trace),
            ("lights", state.Lights),
            ("acts", state.Acts),
        }.Select(p => $"{p.Name} {(p.Part is null ? 0 : Serializer.SerializeToArray(p.Part).Length)} B"));
    }
}
