using Window.Workflows.Conditions;
using Microsoft.Extensions.Time.Testing;
using Window.Workflows.Catalog;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

/// <summary>An engine over a catalogue holding the sample item (two parallel steps and a join) and the shipped items.</summary>
internal sealed class EngineFixture
{
    private static readonly Lazy<WorkflowCatalog> SampleCatalog = new(() =>
    {
        using var folder = new TempCatalog().With("sample.json", TempCatalog.Sample);
        var sample = folder.Load().LatestItem("sample")!;
        return Support.Catalog.Publish(sample);
    });

    public EngineFixture(DateTimeOffset? start = null)
    {
        Clock = new FakeTimeProvider(start ?? Support.At(2026, 3, 2));
        Engine = new WorkflowEngine(SampleCatalog.Value, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public WorkflowEngine Engine { get; }

    public WorkflowInstance StartSample() =>
        Engine.Start(new StartCase("case-1", "desk-1", ["sample"], new Dictionary<string, CaseValue>(), ["identity-card", "bank-account"])).Ok();
}
