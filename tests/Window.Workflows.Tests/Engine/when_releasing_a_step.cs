using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

public class when_releasing_a_step
{
    private readonly EngineFixture _fixture = new();

    private WorkflowInstance ClaimedBy(string officer) =>
        _fixture.Engine.Apply(_fixture.StartSample(), new ClaimStep(officer, "sample", "first")).Ok();

    private void AssertRefused(WorkflowInstance instance, WorkflowCommand command, string code)
    {
        var result = _fixture.Engine.Apply(instance, command);

        Assert.Equal(code, result.Error?.Code);
        Assert.Same(instance, result.Instance);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void the_claimer_releases_it_and_it_is_ready_for_anyone_in_the_department()
    {
        var claimed = ClaimedBy("alice");

        var result = _fixture.Engine.Apply(claimed, new ReleaseStep("alice", "sample", "first"));

        var released = result.Ok();
        Assert.Equal((StepStatus.Ready, (string?)null), (released.Step("sample", "first").Status, released.Step("sample", "first").ClaimedBy));
        var entry = Assert.Single(result.Events);
        Assert.Equal((JournalAction.StepReleased, "alice", "first"), (entry.Action, entry.Actor, entry.StepId));
        var bob = _fixture.Engine.Apply(released, new ClaimStep("bob", "sample", "first")).Ok();
        Assert.Equal("bob", bob.Step("sample", "first").ClaimedBy);
    }

    [Fact]
    public void releasing_keeps_the_step_clock_running_from_when_it_became_ready()
    {
        var claimed = ClaimedBy("alice");
        _fixture.Clock.Advance(TimeSpan.FromHours(3));

        var released = _fixture.Engine.Apply(claimed, new ReleaseStep("alice", "sample", "first")).Ok();

        Assert.Equal(claimed.Step("sample", "first").Clock, released.Step("sample", "first").Clock);
        Assert.Equal(claimed.Step("sample", "first").ReadyAt, released.Step("sample", "first").ReadyAt);
    }

    [Fact]
    public void another_officer_cannot_release_a_claim_that_is_not_theirs()
    {
        AssertRefused(ClaimedBy("alice"), new ReleaseStep("bob", "sample", "first"), WorkflowErrorCodes.ClaimedByOther);
    }

    [Fact]
    public void a_step_nobody_claimed_has_nothing_to_release()
    {
        AssertRefused(_fixture.StartSample(), new ReleaseStep("alice", "sample", "first"), WorkflowErrorCodes.StepNotClaimed);
    }

    [Fact]
    public void a_decided_step_cannot_be_released()
    {
        var approved = _fixture.Engine.Approve(ClaimedBy("alice"), "sample", "first", "alice");

        AssertRefused(approved, new ReleaseStep("alice", "sample", "first"), WorkflowErrorCodes.StepNotClaimed);
    }

    [Fact]
    public void a_wait_step_is_not_released_by_people()
    {
        var instance = Support.Started(_fixture.Engine, "talent-certification");
        instance = _fixture.Engine.Approve(instance, "talent-certification", "hrss-review");
        instance = _fixture.Engine.Approve(instance, "talent-certification", "expert-review");

        AssertRefused(instance, new ReleaseStep("o", "talent-certification", "public-notice"), WorkflowErrorCodes.NotAHumanStep);
    }

    [Fact]
    public void a_release_round_trips_through_the_stored_json()
    {
        WorkflowCommand command = new ReleaseStep("alice", "sample", "first");

        var json = System.Text.Json.JsonSerializer.Serialize(command, WorkflowJson.Options);

        Assert.Contains("\"type\":\"release\"", json, StringComparison.Ordinal);
        Assert.Equal(command, System.Text.Json.JsonSerializer.Deserialize<WorkflowCommand>(json, WorkflowJson.Options));
    }
}
