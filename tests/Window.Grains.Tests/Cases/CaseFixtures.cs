using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using Window.Testing;
using Window.Workflows.Catalog;
using Window.Workflows.Engine;

namespace Window.Grains.Tests.Cases;

/// <summary>Cases opened by the deciders alone: the shipped catalogue, a fixed instant, no grain.</summary>
internal static class CaseFixtures
{
    /// <summary>A Tuesday morning in Beijing, a working day far from holidays.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly Actor Desk = new("desk1", Roles.FrontDesk, null);
    public static readonly Actor Health = new("doctor1", Roles.Department, "health");
    public static readonly Actor Housing = new("builder1", Roles.Department, "housing");
    public static readonly Actor Officer = new("officer1", Roles.Officer, null);
    public static readonly Actor Supervisor = new("boss1", Roles.Supervisor, null);

    private static readonly Lazy<WorkflowEngine> LazyEngine = new(() =>
        new WorkflowEngine(WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")), TimeProvider.System));

    public static WorkflowEngine Engine => LazyEngine.Value;

    public static CaseContext Context(DateTimeOffset? at = null) => new("case-1", Engine, at ?? Now);

    public static CommandMeta Meta(Actor actor, string key = "k1") => new(key, "hash-" + key, actor);

    public static OpenCase MedicalCheckup() =>
        new(Meta(Desk, "open"), "talent-1", [], "E", ["medical-checkup"], ["identity-card", "health-questionnaire"], []);

    /// <summary>A medical check-up case as opened by the window: its state and instance.</summary>
    public static (CaseState State, WorkflowInstance Instance) Opened()
    {
        var (accepted, refusal) = OpenCaseDecider.Accept(MedicalCheckup(), Context());
        Assert.Null(refusal);
        var decision = OpenCaseDecider.Open(MedicalCheckup(), accepted!, "RC-2026-000001", Officer.User, "ABCDEFGH", Context());
        return (decision.State!, decision.Instance!);
    }

    /// <summary>The case after <paramref name="decision"/>, failing the test when it was refused.</summary>
    public static (CaseState State, WorkflowInstance Instance) After(Decision decision, WorkflowInstance before)
    {
        Assert.Null(decision.Refusal);
        return (decision.State!, decision.Instance ?? before);
    }

    /// <summary>The medical check-up case with its only step approved by the health department: every item decided.</summary>
    public static (CaseState State, WorkflowInstance Instance) Completed()
    {
        var (state, instance) = Opened();
        (state, instance) = After(ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Health, "c"), Step), Context()), instance);
        return After(CompleteStepDecider.Decide(state, instance, new CompleteStepCommand(Meta(Health, "d"), Step, "approve", null, []), Context()), instance);
    }

    public const string Step = "medical-checkup.checkup-arrangement";
}
