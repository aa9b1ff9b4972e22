namespace Window.Contracts;

/// <summary>
/// One span of a case's trace as the case recorded it: a command (the root is the acceptance) or a step
/// transition (a timeline entry). <see cref="ParentSpanId"/> is null for the root only.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.trace-span-view.v1")]
public sealed record TraceSpanView(
    [property: Id(0)] string SpanId,
    [property: Id(1)] string? ParentSpanId,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset Start,
    [property: Id(4)] DateTimeOffset End,
    [property: Id(5)] string? Department,
    [property: Id(6)] string? ItemId,
    [property: Id(7)] string? StepId,
    [property: Id(8)] string? Outcome,
    [property: Id(9)] string? Opinion = null);

/// <summary>The case's trace id (one trace per case, rooted at acceptance) and its recorded spans, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("window.case-trace-view.v1")]
public sealed record CaseTraceView(
    [property: Id(0)] string TraceId,
    [property: Id(1)] IReadOnlyList<TraceSpanView> Spans);
