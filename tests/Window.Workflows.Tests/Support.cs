using Microsoft.Extensions.Time.Testing;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Conditions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests;

/// <summary>Shared fixtures: the repository's catalogue, a clock, and shorthand for commands.</summary>
internal static class Support
{
    private static readonly Lazy<WorkflowCatalog> LazyCatalog = new(() => WorkflowCatalog.Load(WorkflowsFolder));

    /// <summary>The repository's <c>workflows/</c> folder, found by walking up to the folder holding Window.sln.</summary>
    public static string WorkflowsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Join(dir.FullName, "Window.sln")))
                {
                    return Path.Join(dir.FullName, "workflows");
                }
            }

            throw new InvalidOperationException("Window.sln not found above the test binaries.");
        }
    }

    public static WorkflowCatalog Catalog => LazyCatalog.Value;

    public static WorkingCalendar Calendar => Catalog.Calendar;

    /// <summary>09:00 China Standard Time on the given date.</summary>
    public static DateTimeOffset At(int year, int month, int day, int hour = 9) =>
        new(year, month, day, hour, 0, 0, OfficeTime.Offset);

    public static FakeTimeProvider Clock(DateTimeOffset start) => new(start);

    public static WorkflowEngine Engine(FakeTimeProvider clock, WorkflowCatalog? catalog = null) => new(catalog ?? Catalog, clock);

    public static IReadOnlyList<string> AllMaterials(params string[] itemIds) =>
        [.. itemIds.SelectMany(id => Catalog.LatestItem(id)!.Materials).Select(m => m.Id).Distinct()];

    public static IReadOnlyList<string> BundleMaterials(string bundleId) => AllMaterials([.. Catalog.LatestBundle(bundleId)!.Items]);

    public static StartCase Open(string caseId, IReadOnlyList<string> definitions, IReadOnlyList<string> materials, IReadOnlyDictionary<string, CaseValue>? data = null) =>
        new(caseId, "desk-1", definitions, data ?? new Dictionary<string, CaseValue> { ["tier"] = CaseValue.Of("C") }, materials);

    public static WorkflowInstance Started(WorkflowEngine engine, string item, IReadOnlyDictionary<string, CaseValue>? data = null)
    {
        var result = engine.Start(Open("case-1", [item], AllMaterials(item), data));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Instance!;
    }

    public static WorkflowInstance Ok(this WorkflowResult result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Instance!;
    }

    public static WorkflowInstance Approve(this WorkflowEngine engine, WorkflowInstance instance, string item, string step, string actor = "officer") =>
        engine.Apply(instance, new CompleteStep(actor, item, step, Definitions.Outcome.Approve)).Ok();

    public static StepInstance Step(this WorkflowInstance instance, string item, string step) =>
        instance.Items.Single(i => i.ItemId == item).Steps.Single(s => s.Id == step);

    public static ItemInstance Item(this WorkflowInstance instance, string item) => instance.Items.Single(i => i.ItemId == item);
}
