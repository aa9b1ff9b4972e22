using System.Diagnostics;
using Window.Contracts;
using Window.Grains.Cases;
using Window.Workflows.Engine;

namespace Window.Grains.Telemetry;

/// <summary>
/// A case's own trace: one span per command (children of the acceptance), one per timeline entry (children of their
/// command), recorded compactly in the state so that the tree can be rebuilt for a supervisor. Only opaque ids and
/// controlled values go into tags; a reason typed by staff never does.
/// </summary>
internal static class CaseTracer
{
    /// <summary>
    /// Starts the span of one command in the case's own trace: a child of the acceptance span stored with the case
    /// (or, for the acceptance itself, a new root), whatever request, department, day or silo it comes from.
    /// </summary>
    public static CommandScope Begin(string caseId, CaseState state, WorkflowInstance? instance, string name, Actor actor, DateTimeOffset now)
    {
        var trace = state.Trace;
        var parent = trace is { Commands.IsEmpty: false }
            ? new ActivityContext(ActivityTraceId.CreateFromString(trace.TraceId), ActivitySpanId.CreateFromString(trace.Commands[0].SpanId), ActivityTraceFlags.Recorded, isRemote: true)
            : default;
        var (workflow, version) = WorkflowOf(instance, null);
        var tags = new TagList { { WindowTelemetry.CaseId, caseId }, { WindowTelemetry.Command, name } };
        AddIfSet(ref tags, WindowTelemetry.CaseNumber, state.Number);
        AddIfSet(ref tags, WindowTelemetry.Department, actor.Department);
        if (workflow is not null)
        {
            tags.Add(WindowTelemetry.WorkflowId, workflow);
            tags.Add(WindowTelemetry.WorkflowVersion, version);
        }

        return new CommandScope(name, actor.Department, now, parent, tags);
    }

    /// <summary>
    /// Gives every timeline entry written since <paramref name="known"/> its own transition span (a child of the
    /// command's) and adds the command's compact record to the case's trace.
    /// </summary>
    public static CaseState Traced(string caseId, CaseState state, WorkflowInstance instance, int known, CommandScope span)
    {
        if (span.Activity is not { } command)
        {
            return state;
        }

        var timeline = state.Timeline;
        var end = span.Start + span.Elapsed;
        for (var index = known; index < timeline.Count; index++)
        {
            var entry = timeline[index];
            var (workflow, version) = WorkflowOf(instance, entry.ItemId);
            var tags = new TagList
            {
                { WindowTelemetry.CaseId, caseId },
                { WindowTelemetry.CaseNumber, state.Number },
                { WindowTelemetry.WorkflowId, workflow },
                { WindowTelemetry.WorkflowVersion, version },
            };
            AddIfSet(ref tags, WindowTelemetry.Item, entry.ItemId);
            AddIfSet(ref tags, WindowTelemetry.Step, entry.StepId);
            AddIfSet(ref tags, WindowTelemetry.Department, entry.Department);
            AddIfSet(ref tags, entry.Kind == TimelineKind.LightChanged.Stored ? WindowTelemetry.Light : WindowTelemetry.Outcome, TransitionOutcome(instance, entry));
            using var transition = WindowTelemetry.Source.StartActivity(entry.Kind, ActivityKind.Internal, command.Context, tags, startTime: entry.At);
            if (transition is not null)
            {
                transition.SetEndTime((end > entry.At ? end : entry.At.AddTicks(1)).UtcDateTime);
                timeline = timeline.SetItem(index, entry with { SpanId = transition.SpanId.ToHexString() });
            }
        }

        // Stopping a span started from a context leaves no current activity: the command's is current again.
        Activity.Current = command;
        var trace = state.Trace ?? new CaseTrace(command.TraceId.ToHexString(), []);
        // The first entry this command wrote, numbered after the tail's newest (the tail is not the whole journal).
        var firstSeq = known < timeline.Count ? timeline[known].Seq : known == 0 ? 1 : timeline[known - 1].Seq + 1;
        var record = new CommandSpan(command.SpanId.ToHexString(), span.Name, span.Start, span.Elapsed, firstSeq, span.Department, span.StepId, trace.Newest + 1);
        return state with { Timeline = timeline, Trace = trace with { Commands = trace.Numbered().Add(record) } };
    }

    /// <summary>
    /// The case's trace rebuilt from its state (whose trace holds every command's record: see <c>CaseGrain</c>'s read of the
    /// stored ones) and its whole <paramref name="journal"/> (numbered from 1, in order), as
    /// <paramref name="actor"/> may see it; null before any command.
    /// </summary>
    public static CaseTraceView? View(CaseState state, IReadOnlyList<TimelineEntry> journal, WorkflowInstance instance, Actor actor)
    {
        if (state.Trace is not { Commands.IsEmpty: false } trace)
        {
            return null;
        }

        var timeline = journal;
        var root = trace.Commands[0];
        var spans = new List<TraceSpanView>();
        for (var index = 0; index < trace.Commands.Count; index++)
        {
            var command = trace.Commands[index];
            if (index > 0 && !AccessRules.Shows(actor, command.Department))
            {
                continue;
            }

            var dot = command.StepId?.IndexOf('.', StringComparison.Ordinal) ?? -1;
            spans.Add(new TraceSpanView(
                command.SpanId, index == 0 ? null : root.SpanId, $"case.{command.Name}", command.Start, command.Start + command.Duration, command.Department,
                dot > 0 ? command.StepId![..dot] : null, dot > 0 ? command.StepId![(dot + 1)..] : null, index == 0 ? "created" : "ok"));
            var end = index + 1 < trace.Commands.Count ? trace.Commands[index + 1].FirstSeq - 1 : timeline.Count;
            for (var seq = command.FirstSeq; seq <= end && seq <= timeline.Count; seq++)
            {
                var entry = timeline[seq - 1];
                if (entry.SpanId is { } spanId && AccessRules.Shows(actor, entry.Department))
                {
                    spans.Add(new TraceSpanView(spanId, command.SpanId, entry.Kind, entry.At, entry.At, entry.Department, entry.ItemId, entry.StepId, TransitionOutcome(instance, entry),
                        Opinion(entry)));
                }
            }
        }

        return new CaseTraceView(trace.TraceId, spans);
    }

    /// <summary>The entries with the case's trace id on every one that has a span (stored once, not per entry).</summary>
    public static IReadOnlyList<TimelineEntry> WithTraceIds(CaseState state, IEnumerable<TimelineEntry> entries) =>
        state.Trace is { } trace ? [.. entries.Select(e => e.SpanId is null ? e : e with { TraceId = trace.TraceId })] : [.. entries];

    /// <summary>The definition an entry runs: its item's (pinned version), else the case's bundle or single item.</summary>
    public static (string? Id, int? Version) WorkflowOf(WorkflowInstance? instance, string? itemId)
    {
        if (instance is null)
        {
            return (null, null);
        }

        if (itemId is not null && instance.Items.FirstOrDefault(i => i.ItemId == itemId) is { } item)
        {
            return (item.ItemId, item.Version);
        }

        if (instance.BundleId is { } bundle)
        {
            return (bundle, instance.BundleVersion);
        }

        return instance.Items.Length == 1 ? (instance.Items[0].ItemId, instance.Items[0].Version) : (null, null);
    }

    /// <summary>
    /// A decision's written opinion (审查意见) for the stored trace the case page shows; never a span tag, so free text
    /// never leaves for the telemetry backend.
    /// </summary>
    private static string? Opinion(TimelineEntry entry) =>
        entry.Kind == TimelineKind.StepCompleted.Stored && entry.Detail is { } detail && !OutcomeKinds.TryParse(detail, out _) ? detail : null;

    /// <summary>A transition's outcome from controlled values only.</summary>
    private static string? TransitionOutcome(WorkflowInstance? instance, TimelineEntry entry) => TimelineKinds.TryParse(entry.Kind, out var kind) ? kind switch
    {
        TimelineKind.LightChanged => LightKinds.TryParse(entry.Detail, out var light) && light != LightKind.None ? light.Stored : null,
        TimelineKind.StepCompleted => instance?.Items.FirstOrDefault(i => i.ItemId == entry.ItemId)?.Steps.FirstOrDefault(s => s.Id == entry.StepId)?.Outcome is { } outcome
            ? CaseVocabulary.KindOf(outcome).Stored
            : null,
        TimelineKind.ItemApproved => OutcomeKind.Approve.Stored,
        TimelineKind.ItemRejected => OutcomeKind.Reject.Stored,
        _ => null,
    } : null;

    private static void AddIfSet(ref TagList tags, string key, string? value)
    {
        if (value is not null)
        {
            tags.Add(key, value);
        }
    }
}
