using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>Handing work over (issue 20): a step to a named clerk, an officer's open cases to another officer, and what a user still holds.</summary>
public static class HandoverApi
{
    public static IEndpointRouteBuilder MapHandoverApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/cases/{id}/steps/{stepId}/assignee", AssignAsync).RequireAuthorization(Policies.Supervisors).WithTags("Cases").WithName("AssignStep")
            .WithSummary("A supervisor gives a step to a named clerk of its department (改派)");
        var officers = routes.MapGroup("/api/officers").WithTags("Handover");
        officers.MapPost("/{user}/handover", HandOverAsync).RequireAuthorization(Policies.Supervisors).WithName("HandOverCases")
            .WithSummary("A supervisor hands every open case of one officer to another; answers how many moved");
        officers.MapGet("/{user}/open-work", OpenWorkAsync).RequireAuthorization(Policies.Oversight).WithName("OpenWork")
            .WithSummary("How many open cases a user owns and steps they have claimed (confirm a handover, or before deactivating them)");
        return routes;
    }

    private static async Task<IResult> AssignAsync(string id, string stepId, AssigneeRequest? request, HttpContext http, HandoverService handover, CaseDtos dtos) =>
        CaseResults.From(http, await handover.AssignStepAsync(CommandSource.Of(http), id, stepId, request, http.RequestAborted), outcome => Results.Ok(dtos.Case(outcome.Case!)));

    private static async Task<IResult> HandOverAsync(string user, HandoverRequest? request, HttpContext http, HandoverService handover)
    {
        var (done, refusal, replayed) = await handover.HandOverAsync(CommandSource.Of(http), user, request, http.RequestAborted);
        if (replayed)
        {
            http.Response.Headers[IdempotencyGate.ReplayedHeader] = "true";
        }

        return done is not null ? Results.Ok(done) : Problems.From(refusal!);
    }

    private static async Task<IResult> OpenWorkAsync(string user, HandoverService handover, CancellationToken cancellationToken) =>
        Results.Ok(await handover.OpenWorkAsync(user, cancellationToken));
}
