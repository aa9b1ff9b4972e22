using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Window.Contracts;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Grains;

/// <summary>
/// The newest replay record keeps no view (issue 26): a retry rebuilds it from the stored state at the record's time, in
/// this activation or the next, and it becomes a delta when the case moves on; every key answers its first answer.
/// </summary>
[Collection(BytesClusterCollection.Name)]
public sealed class when_a_retry_is_answered_from_the_state(BytesCluster fixture)
{
    private static readonly Actor CaseOfficer = new("officer2", Roles.Officer, null);

    private static readonly Serializer<CaseView> Views = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<CaseView>>();

    private static readonly Serializer States = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public async Task every_key_replays_its_first_answer_byte_for_byte_across_activations()
    {
        BytesCluster.Warnings.Clear();
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
        var open = MedicalCheckup();
        var answers = new List<(CaseCommand Command, CaseOutcome First)> { (open, await grain.OpenAsync(open)) };
        for (var n = 1; n <= 8; n++)
        {
            BytesCluster.Clock.Advance(TimeSpan.FromMinutes(50));
            CaseCommand command = (n % 3) switch
            {
                1 => new ClaimStepCommand(Meta(Health, $"claim-{n}"), Step),
                2 => new ReleaseStepCommand(Meta(Health, $"release-{n}"), Step),
                _ => new RecordVisitCommand(Meta(CaseOfficer, $"visit-{n}"), "咨询"),
            };
            answers.Add((command, await grain.ExecuteAsync(command)));
            if (n % 2 == 0)
            {
                await DeactivateAsync();
            }

            // The newest answer, rebuilt from the state (in a new activation every other time), is the first one.
            Assert.Equal(Bytes(answers[^1].First), Bytes(await RetryAsync(grain, command)));
        }

        var stored = States.Deserialize<CaseState>(BytesCluster.Storage.BytesOf(GrainId.Create("case", id)))!;
        Assert.Null(stored.Commands[stored.ReplayHead!].View);
        Assert.All(stored.Commands.Values.Where(r => r != stored.Commands[stored.ReplayHead!]), r => Assert.NotNull(r.DeltaOf));
        Assert.NotNull(stored.Opening!.DeltaOf);
        await DeactivateAsync();
        foreach (var (command, first) in answers)
        {
            var again = await RetryAsync(grain, command);
            Assert.True(again.Replayed);
            Assert.Equal(Bytes(first), Bytes(again));
        }

        // Each rebuilt view had the hash of the first answer: nothing was answered from a differing rebuild.
        Assert.DoesNotContain(BytesCluster.Warnings.Logged, w => w.Contains("rebuilt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task time_moving_the_case_on_packs_the_newest_answer_and_the_opening_outlives_the_records_it_stood_on()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
        var open = MedicalCheckup();
        var opened = await grain.OpenAsync(open);
        BytesCluster.Clock.Advance(TimeSpan.FromMinutes(30));
        var claim = new ClaimStepCommand(Meta(Health, "claim-before-days"), Step);
        var claimed = await grain.ExecuteAsync(claim);
        await DeactivateAsync();

        // Days pass: the lights turn, a catch-up stores the case without a command; the claim's answer can no longer be
        // rebuilt from the state, so it was packed first.
        BytesCluster.Clock.Advance(TimeSpan.FromDays(12));
        Assert.True(await grain.CatchUpAsync());
        var stored = States.Deserialize<CaseState>(BytesCluster.Storage.BytesOf(GrainId.Create("case", id)))!;
        Assert.NotNull(stored.Commands[stored.ReplayHead!].View);
        Assert.Equal(Bytes(claimed), Bytes(await RetryAsync(grain, claim)));

        // A command after the retention: the claim's record expires, and the opening, which stood on it, stands on the newest.
        var visit = new RecordVisitCommand(Meta(CaseOfficer, "visit-after-days"), "咨询");
        var visited = await grain.ExecuteAsync(visit);
        stored = States.Deserialize<CaseState>(BytesCluster.Storage.BytesOf(GrainId.Create("case", id)))!;
        Assert.Equal(new[] { ReplayLedgerKey(visit) }, stored.Commands.Keys);
        Assert.Equal(ReplayLedgerKey(visit), stored.Opening!.DeltaOf);
        await DeactivateAsync();
        Assert.Equal(Bytes(opened), Bytes(await grain.OpenAsync(open)));
        Assert.Equal(Bytes(visited), Bytes(await RetryAsync(grain, visit)));
    }

    [Fact]
    public async Task a_case_stored_by_the_previous_version_replays_every_key_and_goes_on()
    {
        // Written by main at 13a455e (the BytesCluster, its clock at CaseFixtures.Now): a medical check-up opened at 09:00,
        // claimed by doctor1 ("claim-1", 09:05), a visit by officer2 ("visit-2", 09:10), released ("release-3", 09:15).
        // The opening and the head ("release-3") packed whole, the older two as deltas, no versions or hashes.
        var id = "previous-ledger-13a455e";
        BytesCluster.Storage.Put(GrainId.Create("case", id), Convert.FromBase64String(PreviousLedger.State));
        var grain = fixture.Cluster.GrainFactory.GetGrain<ICaseGrain>(id);
        var commands = new CaseCommand[]
        {
            new ClaimStepCommand(Meta(Health, "claim-1"), Step),
            new RecordVisitCommand(Meta(CaseOfficer, "visit-2"), "咨询"),
            new ReleaseStepCommand(Meta(Health, "release-3"), Step),
        };

        var opening = await grain.OpenAsync(MedicalCheckup());
        var replays = new List<CaseOutcome>();
        foreach (var command in commands)
        {
            replays.Add(await RetryAsync(grain, command));
        }

        Assert.Equal((OutcomeStatus.Created, true, 1L, "ready"), (opening.Status, opening.Replayed, opening.Case!.Version, opening.Case.Steps.Single().Status));
        Assert.Equal([(2L, 1, "claimed"), (3L, 2, "claimed"), (4L, 2, "ready")], replays.Select(r => (r.Case!.Version, r.Case.Trips, r.Case.Steps.Single().Status)));
        Assert.All(replays, r => Assert.True(r.Replayed));

        // A new command turns the old head and the old opening into deltas; the opening still answers as it did.
        var visit = new RecordVisitCommand(Meta(CaseOfficer, "visit-today"), "咨询");
        var visited = await grain.ExecuteAsync(visit);
        Assert.Equal(OutcomeStatus.Ok, visited.Status);
        Assert.Equal(Bytes(opening), Bytes(await grain.OpenAsync(MedicalCheckup())));
        await DeactivateAsync();
        Assert.Equal(Bytes(opening), Bytes(await grain.OpenAsync(MedicalCheckup())));
        Assert.Equal(Bytes(visited), Bytes(await RetryAsync(grain, visit)));
    }

    private static string ReplayLedgerKey(CaseCommand command) => Window.Grains.Cases.ReplayLedger.KeyOf(command.Meta);

    private static Task<CaseOutcome> RetryAsync(ICaseGrain grain, CaseCommand command) =>
        command is OpenCase open ? grain.OpenAsync(open) : grain.ExecuteAsync(command);

    private static byte[] Bytes(CaseOutcome outcome) => Views.SerializeToArray(outcome.Case!);

    private Task DeactivateAsync() => fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
