using System.Collections.Immutable;
using Window.Contracts;

namespace Window.Grains.Sla;

/// <summary>A light that changed since it was last recorded: the case's own (<see cref="Subject"/> "case") or a step's ("item.step").</summary>
public sealed record LightChange(string Subject, string? ItemId, string? StepId, string? Department, string From, string To);

/// <summary>
/// Compares the lights a case shows now with those last recorded in its journal. Each change is recorded once
/// (the grain is the only writer of its state), which is what makes escalations exactly-once across silos.
/// </summary>
public static class LightWatch
{
    /// <summary>The case's subject key.</summary>
    public const string CaseSubject = "case";

    /// <summary>The lights now and the changes from <paramref name="recorded"/>; subjects no longer lit are dropped silently.</summary>
    public static (ImmutableDictionary<string, string> Lights, IReadOnlyList<LightChange> Changes) Detect(
        ImmutableDictionary<string, string> recorded, CaseView view)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(view);
        var now = new Dictionary<string, (string Light, string? Item, string? Step, string? Department)>(StringComparer.Ordinal);
        if (view.Light != LightKind.None.Stored)
        {
            now[CaseSubject] = (view.Light, null, null, null);
        }

        foreach (var step in view.Steps.Where(s => s.Light != LightKind.None.Stored))
        {
            now[step.Id] = (step.Light, step.ItemId, step.StepId, step.Department);
        }

        var changes = new List<LightChange>();
        foreach (var (subject, current) in now)
        {
            var before = recorded.GetValueOrDefault(subject, LightKind.Green.Stored);
            if (before != current.Light)
            {
                changes.Add(new LightChange(subject, current.Item, current.Step, current.Department, before, current.Light));
            }
        }

        return (now.ToImmutableDictionary(pair => pair.Key, pair => pair.Value.Light, StringComparer.Ordinal), changes);
    }
}
