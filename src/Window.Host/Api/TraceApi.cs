using Window.Contracts;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>
/// <c>GET /api/cases/{id}/trace</c>: the case's one trace (rooted at acceptance) as a tree for the UI's
/// drill-down. Spans are exported, not stored, so the tree is built from what the case recorded: one compact
/// record per command and a span id per timeline entry. Readable by whoever may read the case.
/// </summary>
public static class TraceApi
{
    public static IEndpointRouteBuilder MapTraceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/cases/{id}/trace", TraceAsync).RequireAuthorization(Policies.CaseReaders).WithTags("Cases").WithName("GetCaseTrace")
            .WithSummary("The case's trace across departments, as a tree of spans");
        return routes;
    }

    /// <summary>Nests the recorded spans under their parents; a span whose parent is not visible hangs under the root.</summary>
    public static CaseTraceDto Tree(CaseTraceView trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var children = trace.Spans.Where(s => s.ParentSpanId is not null).ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        var root = trace.Spans.First(s => s.ParentSpanId is null);
        var known = trace.Spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var orphans = trace.Spans.Where(s => s.ParentSpanId is { } parent && !known.Contains(parent));

        TraceSpanDto Node(TraceSpanView span, IEnumerable<TraceSpanView> extra) => new(
            span.SpanId, span.ParentSpanId, span.Name, span.Start, span.End, span.Department,
            span.ItemId, span.StepId, span.Outcome, [.. children[span.SpanId].Concat(extra).Select(child => Node(child, []))]);

        return new CaseTraceDto(trace.TraceId, Node(root, orphans));
    }

    private static async Task<IResult> TraceAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var actor = Actors.Of(http.User);
        var grain = grains.GetGrain<ICaseGrain>(id);
        if (await grain.ViewForAsync(actor) is null)
        {
            return actor.Role == Roles.Department
                ? http.Deny(StatusCodes.Status404NotFound, "case outside the department", "No such case.")
                : Problems.NotFound("No such case.");
        }

        return await grain.TraceForAsync(actor) is { } trace
            ? Results.Ok(Tree(trace))
            : Problems.NotFound("This case was accepted before cases were traced.");
    }
}

/// <summary>A case's trace: its W3C trace id and the tree of its spans, rooted at acceptance.</summary>
public sealed record CaseTraceDto(string TraceId, TraceSpanDto Root);

/// <summary>One span of a case's trace: a command (case.*) or a step transition (a timeline kind), with its children.</summary>
public sealed record TraceSpanDto(
    string SpanId,
    string? ParentSpanId,
    string Name,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Department,
    string? Item,
    string? Step,
    string? Outcome,
    IReadOnlyList<TraceSpanDto> Children);
