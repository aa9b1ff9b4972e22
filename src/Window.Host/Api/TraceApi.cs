using Window.Host.Cases;
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

    private static async Task<IResult> TraceAsync(string id, HttpContext http, CaseQueryService queries) =>
        await queries.TraceAsync(Actors.Of(http.User), id) switch
        {
            (false, _) => CaseResults.Hidden(http),
            (_, { } trace) => Results.Ok(trace),
            _ => Problems.NotFound("This case was accepted before cases were traced."),
        };
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
    IReadOnlyList<TraceSpanDto> Children,
    string? Opinion = null);
