using Window.Contracts;
using Window.Host.Identity;
using Window.Storage.ReadModel;

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

    private static async Task<IResult> LookupAsync(
        string number, string? code, HttpContext http, IReadModel readModel, IGrainFactory grains, RateLimits limits, CaseDtos dtos, CancellationToken cancellationToken) =>
        await FindAsync(number, code, readModel, grains, limits, cancellationToken) switch
        {
            { View: { } view } => Results.Ok(dtos.Public(view)),
            { RetryAfter: { } wait } => RateLimits.TooMany(http, wait),
            _ => Problems.NotFound("No case with that number and code."),
        };

    private static async Task<IResult> EvaluateAsync(
        string number, PublicEvaluationRequest? request, HttpContext http, IReadModel readModel, IGrainFactory grains, RateLimits limits, IdempotencyGate gate, CaseDtos dtos)
    {
        if (request?.Level is not (>= 1 and <= 5))
        {
            return Problems.Invalid("level", "level must be 1 (非常不满意) to 5 (非常满意).");
        }

        if (Problems.Text("comment", request.Comment, TextRules.FreeText) is { } invalid)
        {
            return invalid;
        }

        var found = await FindAsync(number, request.Code, readModel, grains, limits, http.RequestAborted);
        if (found.View is not { } view)
        {
            return found.RetryAfter is { } wait ? RateLimits.TooMany(http, wait) : Problems.NotFound("No case with that number and code.");
        }

        var talent = new Actor($"talent:{view.Number}", Roles.Talent, null);
        return await gate.RunAsync(http, talent, request,
            meta => grains.GetGrain<ICaseGrain>(view.Id).ExecuteAsync(new EvaluateCommand(meta, request.Level.Value, request.Comment?.Trim())),
            outcome => Results.Ok(dtos.Public(outcome.Case!)));
    }

    /// <summary>
    /// The case with that number and code (the API and the progress page alike); without a view, the wait when the
    /// number has had too many wrong codes. That refusal comes before the code is checked, so that a right guess
    /// then cannot be told from a wrong one.
    /// </summary>
    public static async Task<(CaseView? View, TimeSpan? RetryAfter)> FindAsync(
        string number, string? code, IReadModel readModel, IGrainFactory grains, RateLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(limits);
        if (string.IsNullOrWhiteSpace(code) || number.Length > 40)
        {
            return (null, null);
        }

        if (limits.CodesExhausted(number) is { } wait)
        {
            return (null, wait);
        }

        if (await readModel.CaseIdByNumberAsync(number, cancellationToken) is not { } caseId)
        {
            return (null, null);
        }

        var view = await grains.GetGrain<ICaseGrain>(caseId).LookupAsync(code);
        if (view is null)
        {
            limits.WrongCode(number);
        }

        return (view, null);
    }
}
