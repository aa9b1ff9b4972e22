using System.Diagnostics;
using Window.Contracts;
using Window.Grains.Cases;

namespace Window.Grains.Telemetry;

/// <summary>
/// One command's span and duration. The span is started with <see cref="Activity.Current"/> cleared so that it
/// joins the case's trace (or starts it) rather than the request's; the request's span is linked both ways and
/// made current again at the end. Times follow the grain's <see cref="TimeProvider"/> so that spans, timeline
/// and the recorded tree agree; durations are measured.
/// </summary>
internal sealed class CommandScope : IDisposable
{
    private readonly Activity? incoming;
    private readonly long started = Stopwatch.GetTimestamp();
    private string outcome = "error";

    public CommandScope(string name, string? department, DateTimeOffset start, ActivityContext parent, TagList tags)
    {
        Name = name;
        Department = department;
        Start = start;
        incoming = Activity.Current;
        var links = incoming is null || incoming.TraceId == parent.TraceId ? null : new[] { new ActivityLink(incoming.Context) };
        Activity.Current = null;
        Activity = WindowTelemetry.Source.StartActivity($"case.{name}", ActivityKind.Internal, parent, tags, links, start);
        if (Activity is null)
        {
            Activity.Current = incoming;
        }
        else if (links is not null)
        {
            incoming!.AddLink(new ActivityLink(Activity.Context));
        }
    }

    public string Name { get; }

    public string? Department { get; }

    public string? StepId { get; private set; }

    public DateTimeOffset Start { get; }

    public Activity? Activity { get; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

    /// <summary>Tags the span with the step a command acts on, when it names one.</summary>
    public void Target(StepAddress? target)
    {
        if (target is null)
        {
            return;
        }

        StepId = target.ToString();
        Activity?.SetTag(WindowTelemetry.Item, target.ItemId).SetTag(WindowTelemetry.Step, target.StepId);
    }

    public void End(CaseOutcome result) =>
        outcome = result.Replayed ? "replayed" : result.Succeeded ? result.Status.ToString().ToLowerInvariant() : result.Code ?? result.Status.ToString().ToLowerInvariant();

    public void Dispose()
    {
        var elapsed = Elapsed;
        WindowTelemetry.CommandDuration.Record(
            elapsed.TotalSeconds, new KeyValuePair<string, object?>(WindowTelemetry.Command, Name), new KeyValuePair<string, object?>(WindowTelemetry.Outcome, outcome));
        if (Activity is null)
        {
            return;
        }

        Activity.SetTag(WindowTelemetry.Outcome, outcome);
        if (outcome == "error")
        {
            Activity.SetStatus(ActivityStatusCode.Error);
        }

        Activity.SetEndTime((Start + (elapsed > TimeSpan.Zero ? elapsed : TimeSpan.FromTicks(1))).UtcDateTime);
        Activity.Dispose();
        Activity.Current = incoming;
    }
}
