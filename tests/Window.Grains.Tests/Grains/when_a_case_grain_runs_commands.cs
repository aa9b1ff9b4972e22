using Window.Contracts;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Grains;

[Collection(CaseClusterCollection.Name)]
public sealed class when_a_case_grain_runs_commands(CaseCluster fixture)
{
    private readonly IGrainFactory grains = fixture.Cluster.GrainFactory;

    [Fact]
    public async Task a_replayed_idempotency_key_has_one_effect()
    {
        var grain = await OpenAsync();
        var visit = new RecordVisitCommand(Meta(Desk, "visit-1"), "question");

        var first = await grain.ExecuteAsync(visit);
        var again = await grain.ExecuteAsync(visit);

        Assert.Equal(OutcomeStatus.Ok, first.Status);
        Assert.True(again.Replayed);
        Assert.Equal(first.Case!.Trips, again.Case!.Trips);
        Assert.Equal(2, (await grain.GetAsync())!.Trips);
        Assert.Single(await grain.TimelineAsync(), e => e.Kind == "visit");
    }

    [Fact]
    public async Task an_outcome_names_the_journal_kinds_its_command_wrote_and_a_replay_none()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = grains.GetGrain<ICaseGrain>(id);
        var opening = MedicalCheckup();

        var opened = await grain.OpenAsync(opening);
        var visit = new RecordVisitCommand(Meta(Desk, "visit-kinds"), "question");
        var visited = await grain.ExecuteAsync(visit);
        var replayed = await grain.ExecuteAsync(visit);
        var reopened = await grain.OpenAsync(opening);

        Assert.Contains("accepted", opened.Recorded!);
        Assert.Equal(["visit"], visited.Recorded!);
        Assert.True(replayed.Replayed);
        Assert.Null(replayed.Recorded);
        Assert.True(reopened.Replayed);
        Assert.Null(reopened.Recorded);
    }

    [Fact]
    public async Task a_departments_answer_carries_only_the_materials_shared_with_it_as_its_reads_do()
    {
        var grain = grains.GetGrain<ICaseGrain>(Guid.NewGuid().ToString("N"));
        var talentOffice = new Actor("reviewer1", Roles.Department, "talent-office");
        var opened = await grain.OpenAsync(new OpenCase(Meta(Desk, "open-subsidy"), "talent-1", [], "E", ["housing-subsidy"],
            ["identity-card", "talent-certificate", "purchase-contract", "deed-tax-receipt", "bank-account"], []));
        var claim = new ClaimStepCommand(Meta(talentOffice, "claim-review"), "housing-subsidy.talent-office-review");

        var claimed = await grain.ExecuteAsync(claim);
        var replayed = await grain.ExecuteAsync(claim);
        var seen = await grain.ViewForAsync(talentOffice);

        Assert.Equal(OutcomeStatus.Created, opened.Status);
        Assert.Contains(opened.Case!.Materials, m => m.Id == "bank-account");
        Assert.Equal(["identity-card", "talent-certificate"], claimed.Case!.Materials.Select(m => m.Id));
        Assert.Equal(seen!.Materials.Select(m => m.Id), claimed.Case.Materials.Select(m => m.Id));
        Assert.Equal(claimed.Case.Materials.Select(m => m.Id), replayed.Case!.Materials.Select(m => m.Id));
        Assert.Contains((await grain.GetAsync())!.Materials, m => m.Id == "bank-account");
    }

    [Fact]
    public async Task the_same_key_with_another_request_is_refused()
    {
        var grain = await OpenAsync();
        await grain.ExecuteAsync(new RecordVisitCommand(Meta(Desk, "visit-1"), "question"));

        var reused = await grain.ExecuteAsync(new RecordVisitCommand(new CommandMeta("visit-1", "other-hash", Desk), "another"));

        Assert.Equal(OutcomeStatus.KeyReused, reused.Status);
    }

    [Fact]
    public async Task a_request_hash_kept_as_bytes_still_tells_the_same_request_from_another()
    {
        var grain = await OpenAsync();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("visit"u8));
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("another visit"u8));

        var first = await grain.ExecuteAsync(new RecordVisitCommand(new CommandMeta("visit-hex", hash, Desk), "question"));
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var again = await grain.ExecuteAsync(new RecordVisitCommand(new CommandMeta("visit-hex", hash.ToUpperInvariant(), Desk), "question"));
        var reused = await grain.ExecuteAsync(new RecordVisitCommand(new CommandMeta("visit-hex", other, Desk), "another"));

        Assert.Equal(OutcomeStatus.Ok, first.Status);
        Assert.True(again.Replayed);
        Assert.Equal(OutcomeStatus.KeyReused, reused.Status);
    }

    [Fact]
    public async Task a_reactivated_case_reloads_its_state()
    {
        var grain = await OpenAsync();
        await grain.ExecuteAsync(new ClaimStepCommand(Meta(Health, "claim"), Step));
        var before = await grain.GetAsync();

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await grain.GetAsync();

        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal("claimed", Assert.Single(after.Steps).Status);
        Assert.True((await grain.ExecuteAsync(new ClaimStepCommand(Meta(Health, "claim"), Step))).Replayed);
    }

    [Fact]
    public async Task the_projection_sink_receives_every_version_in_order_once()
    {
        var (grain, id) = await OpenWithIdAsync();
        await grain.ExecuteAsync(new ClaimStepCommand(Meta(Health, "claim"), Step));
        await grain.ExecuteAsync(new CompleteStepCommand(Meta(Health, "approve"), Step, "approve", null, []));
        await grain.ExecuteAsync(new CompleteStepCommand(Meta(Health, "approve"), Step, "approve", null, []));

        var projections = CaseCluster.Sink.Of(id);

        Assert.Equal([1L, 2L, 3L], projections.Select(p => p.Case.Version));
        Assert.Equal("completed", projections[^1].Case.Status);
        var seqs = projections.SelectMany(p => p.Events).Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count), seqs);
    }

    [Fact]
    public async Task a_department_without_a_step_in_the_case_does_not_see_it()
    {
        var grain = await OpenAsync();

        Assert.Null(await grain.ViewForAsync(Housing));
        Assert.NotNull(await grain.ViewForAsync(Health));
    }

    private async Task<ICaseGrain> OpenAsync() => (await OpenWithIdAsync()).Grain;

    private async Task<(ICaseGrain Grain, string Id)> OpenWithIdAsync()
    {
        var id = Guid.NewGuid().ToString("N");
        var grain = grains.GetGrain<ICaseGrain>(id);
        var opened = await grain.OpenAsync(MedicalCheckup());
        Assert.Equal(OutcomeStatus.Created, opened.Status);
        Assert.Equal("officer2", opened.Case!.Officer);
        return (grain, id);
    }
}
