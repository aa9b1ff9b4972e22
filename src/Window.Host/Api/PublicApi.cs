using Window.Contracts;
using Window.Storage.ReadModel;

namespace Window.Host.Api;

/// <summary>
/// What a talent reaches without signing in: their case's progress by number and the receipt's lookup code,
/// and the 好差评 form at completion. A wrong number or code is the same 404, so nothing can be probed.
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

    private static async Task<IResult> LookupAsync(string number, string? code, IReadModel readModel, IGrainFactory grains, CaseDtos dtos, CancellationToken cancellationToken) =>
        await FindAsync(number, code, readModel, grains, cancellationToken) is { } view ? Results.Ok(dtos.Public(view)) : Problems.NotFound("No case with that number and code.");

    private static async Task<IResult> EvaluateAsync(
        string number, PublicEvaluationRequest? request, HttpContext http, IReadModel readModel, IGrainFactory grains, IdempotencyGate gate, CaseDtos dtos)
    {
        if (request?.Level is not (>= 1 and <= 5))
        {
            return Problems.Invalid("level", "level must be 1 (非常不满意) to 5 (非常满意).");
        }

        if (Problems.Text("comment", request.Comment, TextRules.FreeText) is { } invalid)
        {
            return invalid;
        }

        if (await FindAsync(number, request.Code, readModel, grains, http.RequestAborted) is not { } view)
        {
            return Problems.NotFound("No case with that number and code.");
        }

        var talent = new Actor($"talent:{view.Number}", Roles.Talent, null);
        return await gate.RunAsync(http, talent, request,
            meta => grains.GetGrain<ICaseGrain>(view.Id).ExecuteAsync(new EvaluateCommand(meta, request.Level.Value, request.Comment?.Trim())),
            outcome => Results.Ok(dtos.Public(outcome.Case!)));
    }

    private static async Task<CaseView?> FindAsync(string number, string? code, IReadModel readModel, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || number.Length > 40 || await readModel.CaseIdByNumberAsync(number, cancellationToken) is not { } caseId)
        {
            return null;
        }

        return await grains.GetGrain<ICaseGrain>(caseId).LookupAsync(code);
    }
}
