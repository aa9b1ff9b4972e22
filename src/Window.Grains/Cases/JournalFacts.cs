using System.Collections.Frozen;
using System.Collections.Immutable;
using Window.Contracts;

namespace Window.Grains.Cases;

/// <summary>
/// What the case's view reads from its journal, folded from the entries the state no longer holds (they live in the read
/// model): when each step last ended, when each item was last decided, when the case was last completed, each decided
/// step's written opinion. Bounded by the definitions (steps and items), not by the number of commands.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.journal-facts.v1")]
public sealed record JournalFacts
{
    private static readonly FrozenSet<string> StepEndings =
        new[] { TimelineKind.StepCompleted, TimelineKind.WaitElapsed, TimelineKind.StepSkipped, TimelineKind.StepCancelled }.Select(k => k.Stored).ToFrozenSet(StringComparer.Ordinal);

    private static readonly string ItemApproved = TimelineKind.ItemApproved.Stored;

    private static readonly string ItemRejected = TimelineKind.ItemRejected.Stored;

    private static readonly string CaseCompleted = TimelineKind.CaseCompleted.Stored;

    private static readonly string StepCompleted = TimelineKind.StepCompleted.Stored;

    /// <summary>No entry folded yet (a new case, or a state written before the journal left it).</summary>
    public static readonly JournalFacts Empty = new();

    /// <summary>When each step (<see cref="KeyOf"/>) last ended.</summary>
    [Id(0)] public ImmutableDictionary<string, DateTimeOffset> StepEnds { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>When each item was last approved or rejected.</summary>
    [Id(1)] public ImmutableDictionary<string, DateTimeOffset> ItemDecisions { get; init; } = ImmutableDictionary<string, DateTimeOffset>.Empty;

    /// <summary>When the case was last completed.</summary>
    [Id(2)] public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Each decided step's written opinion or reason (审查意见), not the bare outcome a decision without one records.</summary>
    [Id(3)] public ImmutableDictionary<string, string> Opinions { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The key of a step in <see cref="StepEnds"/> and <see cref="Opinions"/>.</summary>
    public static string KeyOf(string? itemId, string stepId) => $"{itemId}.{stepId}";

    /// <summary>These facts with <paramref name="entries"/> (newer than every entry folded before, in order) folded in.</summary>
    public JournalFacts Fold(IEnumerable<TimelineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ImmutableDictionary<string, DateTimeOffset>.Builder? ends = null;
        ImmutableDictionary<string, DateTimeOffset>.Builder? decisions = null;
        ImmutableDictionary<string, string>.Builder? opinions = null;
        var completedAt = CompletedAt;
        foreach (var entry in entries)
        {
            if (entry.StepId is not null && StepEndings.Contains(entry.Kind))
            {
                var key = KeyOf(entry.ItemId, entry.StepId);
                (ends ??= StepEnds.ToBuilder())[key] = entry.At;
                if (entry.Kind == StepCompleted && entry.Detail is { } detail && !OutcomeKinds.TryParse(detail, out _))
                {
                    (opinions ??= Opinions.ToBuilder())[key] = detail;
                }
            }
            else if (entry.Kind == ItemApproved || entry.Kind == ItemRejected)
            {
                (decisions ??= ItemDecisions.ToBuilder())[entry.ItemId!] = entry.At;
            }
            else if (entry.Kind == CaseCompleted)
            {
                completedAt = entry.At;
            }
        }

        return ends is null && decisions is null && opinions is null && completedAt == CompletedAt
            ? this
            : this with
            {
                StepEnds = ends?.ToImmutable() ?? StepEnds,
                ItemDecisions = decisions?.ToImmutable() ?? ItemDecisions,
                CompletedAt = completedAt,
                Opinions = opinions?.ToImmutable() ?? Opinions,
            };
    }
}
