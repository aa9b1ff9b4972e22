using Window.Contracts;
using Window.Grains.Cases;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains.Telemetry;

/// <summary>What a case's stored changes mean for the metrics; counted after they are stored, never for a refusal.</summary>
internal static class CaseMetrics
{
    /// <summary>A case was opened: counted under its bundle or each of its items.</summary>
    public static void Opened(WorkflowInstance instance)
    {
        foreach (var item in CountedUnder(instance))
        {
            WindowTelemetry.CasesOpened.Add(1, new KeyValuePair<string, object?>(WindowTelemetry.Item, item));
        }
    }

    /// <summary>Counts the entries written since <paramref name="known"/>: step durations, breaches, completions and withdrawals.</summary>
    public static void Measure(CaseState state, WorkflowInstance instance, int known, WorkingCalendar calendar)
    {
        foreach (var entry in state.Timeline.Skip(known))
        {
            if (!TimelineKinds.TryParse(entry.Kind, out var kind))
            {
                continue;
            }

            switch (kind)
            {
                case TimelineKind.StepCompleted when instance.Items.FirstOrDefault(i => i.ItemId == entry.ItemId)?.Steps.FirstOrDefault(s => s.Id == entry.StepId) is { ReadyAt: { } ready } step:
                    var tags = new System.Diagnostics.TagList
                    {
                        { WindowTelemetry.Department, entry.Department ?? "" },
                        { WindowTelemetry.Item, entry.ItemId },
                        { WindowTelemetry.Outcome, step.Outcome is { } outcome ? CaseVocabulary.KindOf(outcome).Stored : "" },
                    };
                    WindowTelemetry.StepDuration.Record(Math.Max(0, (entry.At - ready).TotalSeconds), tags);
                    WindowTelemetry.StepWorkingDays.Record(Math.Max(0, calendar.WorkingDaysBetween(OfficeTime.DateOf(ready), OfficeTime.DateOf(entry.At))), tags);
                    break;
                case TimelineKind.LightChanged when entry.Detail == LightKind.Red.Stored:
                    WindowTelemetry.SlaBreaches.Add(
                        1,
                        new KeyValuePair<string, object?>(WindowTelemetry.Department, entry.Department ?? ""),
                        new KeyValuePair<string, object?>(WindowTelemetry.Item, entry.ItemId ?? CaseTracer.WorkflowOf(instance, null).Id ?? ""));
                    break;
                case TimelineKind.CaseCompleted or TimelineKind.Withdrawn:
                    var counter = kind == TimelineKind.Withdrawn ? WindowTelemetry.CasesWithdrawn : WindowTelemetry.CasesCompleted;
                    foreach (var item in CountedUnder(instance))
                    {
                        counter.Add(1, new KeyValuePair<string, object?>(WindowTelemetry.Item, item));
                    }

                    break;
            }
        }
    }

    private static IEnumerable<string> CountedUnder(WorkflowInstance instance) =>
        instance.BundleId is { } bundle ? [bundle] : instance.Items.Select(i => i.ItemId);
}
