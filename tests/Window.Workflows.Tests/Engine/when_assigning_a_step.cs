using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

/// <summary>改派: a supervisor gives a ready or claimed step to a named officer; the step's clock keeps running.</summary>
public class when_assigning_a_step
{
    private readonly EngineFixture _fixture = new();

    [Fact]
    public void a_claimed_step_goes_to_the_named_officer_and_the_entry_names_them()
    {
        var claimed = _fixture.Engine.Apply(_fixture.StartSample(), new ClaimStep("alice", "sample", "first")).Ok();
        _fixture.Clock.Advance(TimeSpan.FromHours(2));

        var result = _fixture.Engine.Apply(claimed, new AssignStep("boss", "sample", "first", "bob"));

        var assigned = result.Ok();
        Assert.Equal((StepStatus.Claimed, "bob"), (assigned.Step("sample", "first").Status, assigned.Step("sample", "first").ClaimedBy));
        Assert.Equal(claimed.Step("sample", "first").Clock, assigned.Step("sample", "first").Clock);
        var entry = Assert.Single(result.Events);
        Assert.Equal((JournalAction.StepAssigned, "boss", "bob"), (entry.Action, entry.Actor, entry.Reason));
        Assert.Equal(StepStatus.Done, _fixture.Engine.Approve(assigned, "sample", "first", "bob").Step("sample", "first").Status);
    }

    [Fact]
    public void a_ready_step_is_claimed_for_the_named_officer()
    {
        var assigned = _fixture.Engine.Apply(_fixture.StartSample(), new AssignStep("boss", "sample", "first", "bob")).Ok();

        Assert.Equal((StepStatus.Claimed, "bob"), (assigned.Step("sample", "first").Status, assigned.Step("sample", "first").ClaimedBy));
    }

    [Fact]
    public void assigning_to_the_claimer_or_a_decided_step_is_refused()
    {
        var claimed = _fixture.Engine.Apply(_fixture.StartSample(), new ClaimStep("alice", "sample", "first")).Ok();
        var approved = _fixture.Engine.Approve(claimed, "sample", "first", "alice");

        Assert.Equal(WorkflowErrorCodes.AlreadyAssigned, _fixture.Engine.Apply(claimed, new AssignStep("boss", "sample", "first", "alice")).Error?.Code);
        Assert.Equal(WorkflowErrorCodes.StepNotReady, _fixture.Engine.Apply(approved, new AssignStep("boss", "sample", "first", "bob")).Error?.Code);
    }

    [Fact]
    public void an_assignment_round_trips_through_the_stored_json()
    {
        WorkflowCommand command = new AssignStep("boss", "sample", "first", "bob");

        var json = System.Text.Json.JsonSerializer.Serialize(command, WorkflowJson.Options);

        Assert.Contains("\"type\":\"assign\"", json, StringComparison.Ordinal);
        Assert.Equal(command, System.Text.Json.JsonSerializer.Deserialize<WorkflowCommand>(json, WorkflowJson.Options));
    }
}
