using Window.Workflows.Definitions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

public class when_serializing_an_instance
{
    private readonly EngineFixture _fixture = new();

    private WorkflowInstance Busy()
    {
        var instance = _fixture.Engine.Start(Support.Open("case-1", ["sample", "talent-certification"], [.. Support.AllMaterials("talent-certification"), "bank-account"])).Ok();
        instance = _fixture.Engine.Apply(instance, new ClaimStep("alice", "sample", "first")).Ok();
        instance = _fixture.Engine.Apply(instance, new CompleteStep("alice", "sample", "first", Outcome.Return, "blurred", ["identity-card"])).Ok();
        _fixture.Clock.Advance(TimeSpan.FromDays(1));
        instance = _fixture.Engine.Apply(instance, new SupplyMaterials("talent", ["identity-card"])).Ok();
        return _fixture.Engine.Approve(instance, "talent-certification", "hrss-review");
    }

    [Fact]
    public void it_round_trips_through_system_text_json()
    {
        var instance = Busy();

        var json = WorkflowJson.Serialize(instance);
        var back = WorkflowJson.Deserialize(json);

        Assert.Equal(json, WorkflowJson.Serialize(back));
        Assert.Equal(instance.Step("sample", "first"), back.Step("sample", "first") with { ReturnedFor = instance.Step("sample", "first").ReturnedFor, Clock = instance.Step("sample", "first").Clock });
        Assert.Contains("\"status\":\"Claimed\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void a_round_tripped_instance_keeps_working()
    {
        var back = WorkflowJson.Deserialize(WorkflowJson.Serialize(Busy()));

        var next = _fixture.Engine.Approve(back, "sample", "first", "alice");

        Assert.Equal(StepStatus.Done, next.Step("sample", "first").Status);
    }

    [Fact]
    public void commands_round_trip_with_a_type_discriminator()
    {
        WorkflowCommand command = new CompleteStep("alice", "sample", "first", Outcome.Return, "blurred", ["identity-card"]);

        var json = System.Text.Json.JsonSerializer.Serialize(command, WorkflowJson.Options);
        var back = System.Text.Json.JsonSerializer.Deserialize<WorkflowCommand>(json, WorkflowJson.Options);

        Assert.Contains("\"type\":\"complete\"", json, StringComparison.Ordinal);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, WorkflowJson.Options));
    }

    [Fact]
    public void the_same_commands_at_the_same_instants_give_the_same_state()
    {
        var first = WorkflowJson.Serialize(Busy());
        var again = new when_serializing_an_instance();

        Assert.Equal(first, WorkflowJson.Serialize(again.Busy()));
    }
}
