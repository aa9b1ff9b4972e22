using System.Collections.Immutable;
using Window.Contracts;

namespace Window.Grains.Cases;

/// <summary>
/// What a case's administrative acts leave in its stored state (<see cref="CaseState.Acts"/>; absent in cases stored
/// before them, which read as <see cref="None"/>): the extensions asked for and decided, the suspension or termination
/// waiting for a supervisor, whether the statutory limit was breached, and the overdue supplements already journaled
/// and extended.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.case-acts.v1")]
public sealed record CaseActs
{
    /// <summary>A case without acts.</summary>
    public static readonly CaseActs None = new();

    [Id(0)] public ImmutableList<CaseExtension> Extensions { get; init; } = [];

    [Id(1)] public PendingAct? Pending { get; init; }

    /// <summary>Whether the statutory breach was journaled (once per case).</summary>
    [Id(2)] public bool StatutoryBreached { get; init; }

    /// <summary>Overdue supplements journaled, as <c>supplement@due</c>: each last day is journaled once.</summary>
    [Id(3)] public ImmutableSortedSet<string> OverdueNoticed { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>Supplements (<c>item.step</c> or <c>deferred</c>) given their one extension.</summary>
    [Id(4)] public ImmutableSortedSet<string> SupplementsExtended { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>Working days granted by approved extensions.</summary>
    public int ExtendedDays => Extensions.Where(e => e.Status == ExtensionStatuses.Approved).Sum(e => e.Days);

    /// <summary>Working days asked for and not refused (approved or pending).</summary>
    public int AskedDays => Extensions.Where(e => e.Status != ExtensionStatuses.Refused).Sum(e => e.Days);

    /// <summary>The extension waiting for a supervisor, if any.</summary>
    public CaseExtension? PendingExtension => Extensions.FirstOrDefault(e => e.Status == ExtensionStatuses.Pending);

    /// <summary>The acts of <paramref name="state"/>.</summary>
    public static CaseActs Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Acts ?? None;
    }
}
