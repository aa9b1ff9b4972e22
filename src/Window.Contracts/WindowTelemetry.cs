using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Window.Contracts;

/// <summary>
/// Window's instrumentation in one place: the <see cref="ActivitySource"/> and <see cref="Meter"/> (both named
/// <see cref="Name"/>), the attribute keys and the instruments. Attributes carry opaque ids, catalogue ids and
/// controlled vocabularies only: never a talent's personal data, never free text typed by staff (reasons,
/// comments, visit purposes), never a request body.
/// </summary>
public static class WindowTelemetry
{
    /// <summary>The name of Window's ActivitySource and Meter.</summary>
    public const string Name = "Window";

    /// <summary>The opaque case id (the grain key), never the talent's identity.</summary>
    public const string CaseId = "window.case.id";

    /// <summary>The case number on the receipt (RC-2026-000001).</summary>
    public const string CaseNumber = "window.case.number";

    /// <summary>A service item (or bundle) id of the catalogue.</summary>
    public const string Item = "window.item";

    /// <summary>A step id of an item's definition.</summary>
    public const string Step = "window.step";

    /// <summary>A department id of the catalogue.</summary>
    public const string Department = "window.department";

    /// <summary>How a command or step ended: ok, created, approve, reject, return, replayed, or a refusal code.</summary>
    public const string Outcome = "window.outcome";

    /// <summary>The definition (bundle or item) a case or step runs.</summary>
    public const string WorkflowId = "window.workflow.id";

    /// <summary>The version of that definition the case is pinned to.</summary>
    public const string WorkflowVersion = "window.workflow.version";

    /// <summary>An SLA light: green, yellow, red.</summary>
    public const string Light = "window.light";

    /// <summary>The command a span or measurement is about (accept, claim-step, complete-step, ..., catch-up).</summary>
    public const string Command = "window.command";

    /// <summary>Spans of case commands and step transitions (see the Telemetry README of the host).</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Window's own instruments (the host adds an observable gauge of open steps on a meter of the same name).</summary>
    public static Meter Meter { get; } = new(Name);

    /// <summary>Cases accepted at the window, by item (a bundle counts once, under its own id).</summary>
    public static Counter<long> CasesOpened { get; } = Meter.CreateCounter<long>("window.cases.opened", "{case}", "Cases accepted at the window");

    /// <summary>Cases whose every item was decided, by item.</summary>
    public static Counter<long> CasesCompleted { get; } = Meter.CreateCounter<long>("window.cases.completed", "{case}", "Cases with every item decided");

    /// <summary>Cases withdrawn, by item.</summary>
    public static Counter<long> CasesWithdrawn { get; } = Meter.CreateCounter<long>("window.cases.withdrawn", "{case}", "Cases withdrawn");

    /// <summary>Time from a step being ready to its decision in working days, by department, item and outcome.</summary>
    public static Histogram<int> StepWorkingDays { get; } = Meter.CreateHistogram<int>(
        "window.step.handling.working_days", "{working_day}", "Working days from a step being ready to its decision",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 5, 10, 15, 20, 30, 45] });

    /// <summary>Wall time from a step being ready to its decision, by department, item and outcome.</summary>
    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram<double>(
        "window.step.handling.duration", "s", "Wall time from a step being ready to its decision",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 600, 3600, 14400, 86400, 259200, 604800, 1209600, 2592000, 5184000] });

    /// <summary>Lights that turned red (a case or step past its limit), by department (steps) and item.</summary>
    public static Counter<long> SlaBreaches { get; } = Meter.CreateCounter<long>("window.sla.breaches", "{breach}", "Lights that turned red");

    /// <summary>Requests answered by replaying a stored outcome (the same Idempotency-Key sent again).</summary>
    public static Counter<long> IdempotentReplays { get; } = Meter.CreateCounter<long>("window.commands.replayed", "{command}", "Commands replayed for a repeated Idempotency-Key");

    /// <summary>Failures a retry can get past (a silo or the database away, a timeout), by problem code: answered 503 or retried by a page.</summary>
    public static Counter<long> TransientFailures { get; } = Meter.CreateCounter<long>("window.transient_failures", "{failure}", "Transient failures answered 503 or retried by a page");

    /// <summary>How long the case grain took for a command, by command and outcome.</summary>
    public static Histogram<double> CommandDuration { get; } = Meter.CreateHistogram<double>(
        "window.command.duration", "s", "Time the case grain took for a command",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
}
