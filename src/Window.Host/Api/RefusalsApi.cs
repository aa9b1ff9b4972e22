using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>Refusals at the window (不予受理): recorded by the desk with every reason, listed for supervisors.</summary>
public static class RefusalsApi
{
    public static IEndpointRouteBuilder MapRefusalsApi(this IEndpointRouteBuilder routes)
    {
        var refusals = routes.MapGroup("/api/refusals").WithTags("Refusals");
        refusals.MapPost("/", RefuseAsync).RequireAuthorization(Policies.FrontDesk).WithName("RefuseApplication")
            .WithSummary("The window refuses an application (不予受理) with every reason; answers its id, number and decision document");
        refusals.MapGet("/", ListAsync).RequireAuthorization(Policies.Oversight).WithName("ListRefusals").WithSummary("Refusals, newest first, a page at a time");
        refusals.MapGet("/{id}/document", DocumentAsync).RequireAuthorization(Policies.RefusalReaders).WithName("RefusalDocument")
            .WithSummary("The refusal's decision (不予受理决定书) as a PDF");
        return routes;
    }

    private static async Task<IResult> RefuseAsync(RefusalRequest? request, HttpContext http, RefusalService refusals)
    {
        var (refusal, problem, replayed) = await refusals.RefuseAsync(CommandSource.Of(http), request, http.RequestAborted);
        if (problem is not null)
        {
            return problem.Code == "idempotency_key_reused"
                ? Problems.Create(StatusCodes.Status422UnprocessableEntity, problem.Code, problem.Message, problem.Field, [])
                : Problems.Create(StatusCodes.Status400BadRequest, problem.Code, problem.Message, problem.Field, problem.Details);
        }

        if (replayed)
        {
            http.Response.Headers[IdempotencyGate.ReplayedHeader] = "true";
        }

        return Results.Created($"/api/refusals/{refusal!.Id}", refusal);
    }

    private static async Task<IResult> DocumentAsync(string id, HttpContext http, RefusalService refusals, CancellationToken cancellationToken) =>
        await refusals.DocumentAsync(id, cancellationToken) is { } found
            ? Documents.DocumentsApi.Pdf(http, new Documents.DocumentDto(found.Record.Id, found.Record.Kind, new NameDto("不予受理决定书", "Refusal decision"),
                found.Record.Number, found.Record.IssuedAt, found.Record.IssuedBy, found.Record.Sha256, found.Record.Replaces), found.Pdf)
            : Problems.NotFound("This refusal has no decision document.");

    private static async Task<IResult> ListAsync(int? page, int? pageSize, HttpContext http, RefusalService refusals, CancellationToken cancellationToken) =>
        CaseResults.From(http, await refusals.ListAsync(page, pageSize, cancellationToken));
}
