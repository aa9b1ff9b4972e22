using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>
/// Rectifications (整改) after poor ratings: the list, and the acts on one — follow-up, closure and appeal by the case's
/// officer, the appeal's decision by a supervisor. A rectification's id is its case's; each act answers the case.
/// </summary>
public static class RectificationsApi
{
    public static IEndpointRouteBuilder MapRectificationsApi(this IEndpointRouteBuilder routes)
    {
        var rectifications = routes.MapGroup("/api/rectifications").WithTags("Rectifications");
        rectifications.MapGet("/", ListAsync).RequireAuthorization(Policies.Rectifiers).WithName("ListRectifications")
            .WithSummary("Rectifications, earliest due first: status open, closed or appealed; an officer sees those of their own cases");
        rectifications.MapPost("/{id}/follow-up", (string id, RectificationNoteRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.FollowUpRectificationAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("FollowUpRectification");
        rectifications.MapPost("/{id}/closure", (string id, RectificationClosureRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.CloseRectificationAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("CloseRectification");
        rectifications.MapPost("/{id}/appeal", (string id, RatingAppealRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.AppealRatingAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("AppealRating");
        rectifications.MapPost("/{id}/appeal/decision", (string id, AppealDecisionRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.DecideAppealAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Supervisors).WithName("DecideAppeal");
        return routes;
    }

    private static async Task<IResult> ListAsync(string? status, int? page, int? pageSize, HttpContext http, RectificationService rectifications, CancellationToken cancellationToken) =>
        CaseResults.From(http, await rectifications.ListAsync(Actors.Of(http.User), status, page, pageSize, cancellationToken));

    private static async Task<IResult> Answer(HttpContext http, CaseDtos dtos, Task<Window.Contracts.CaseOutcome> command) =>
        CaseResults.From(http, await command, outcome => Results.Ok(dtos.Case(outcome.Case!)));
}
