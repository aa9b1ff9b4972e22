using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>
/// What a talent reaches without signing in: their case's progress by number and the receipt's lookup code,
/// and the 好差评 form at completion. A wrong number or code is the same 404, so nothing can be probed; each client
/// address and each case number's wrong codes are limited (<see cref="RateLimitSettings.PublicLimits"/>).
/// </summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public/cases").WithTags("Public");
        group.MapGet("/{number}", LookupAsync).WithName("PublicCaseLookup");
        group.MapPost("/{number}/evaluation", EvaluateAsync).WithName("PublicEvaluation");
        return routes;
    }

    private static async Task<IResult> LookupAsync(string number, string? code, HttpContext http, CaseQueryService queries, CancellationToken cancellationToken) =>
        await queries.LookupAsync(number, code, cancellationToken) switch
        {
            { Case: { } found } => Results.Ok(found),
            { RetryAfter: { } wait } => RateLimits.TooMany(http, wait),
            _ => Problems.From(CaseQueryService.NoSuchPublicCase),
        };

    private static async Task<IResult> EvaluateAsync(
        string number, PublicEvaluationRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
        await commands.EvaluateAsTalentAsync(CommandSource.Of(http), number, request) switch
        {
            { Outcome: { } outcome } => CaseResults.From(http, outcome, done => Results.Ok(dtos.Public(done.Case!))),
            var (_, wait) => RateLimits.TooMany(http, wait!.Value),
        };
}
