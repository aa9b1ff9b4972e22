using Window.Contracts;
using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>The case endpoints: opening at the window, reading, and every command on a case.</summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/api/cases").WithTags("Cases");
        cases.MapPost("/", OpenAsync).RequireAuthorization(Policies.FrontDesk).WithName("OpenCase").WithSummary("The window opens a case (一窗口受理)");
        cases.MapGet("/", ListAsync).RequireAuthorization(Policies.CaseReaders).WithName("ListCases")
            .WithSummary("Cases by filters, a page at a time (page or cursor), newest first or by promised date");
        cases.MapPost("/search", SearchAsync).RequireAuthorization(Policies.CaseReaders).WithName("SearchCases")
            .WithSummary("The header's search: a case number (or its last digits), a name, an ID number or a phone, in the body");
        cases.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.CaseReaders).WithName("GetCase");
        cases.MapGet("/{id}/timeline", TimelineAsync).RequireAuthorization(Policies.CaseReaders).WithName("GetCaseTimeline");
        cases.MapPost("/{id}/steps/{stepId}/claim", (string id, string stepId, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.ClaimStepAsync(CommandSource.Of(http), id, stepId))).RequireAuthorization(Policies.DepartmentStaff).WithName("ClaimStep");
        cases.MapPost("/{id}/steps/{stepId}/release", (string id, string stepId, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.ReleaseStepAsync(CommandSource.Of(http), id, stepId))).RequireAuthorization(Policies.DepartmentStaff).WithName("ReleaseStep")
            .WithSummary("The officer who claimed a step gives it back to the department's queue (取消签收)");
        cases.MapPost("/{id}/steps/{stepId}/complete", (string id, string stepId, CompleteStepRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.CompleteStepAsync(CommandSource.Of(http), id, stepId, request))).RequireAuthorization(Policies.DepartmentStaff).WithName("CompleteStep");
        cases.MapPost("/{id}/supplements", (string id, SupplementRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.SupplyAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("SupplyMaterials");
        cases.MapPost("/{id}/visits", (string id, VisitRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.RecordVisitAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.DeskOrOfficer).WithName("RecordVisit");
        cases.MapPost("/{id}/officer", (string id, ReassignRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.ReassignAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Supervisors).WithName("ReassignOfficer");
        cases.MapPost("/{id}/delivery", (string id, DeliveryRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.DeliverAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.DeskOrOfficer).WithName("DeliverResult");
        cases.MapPost("/{id}/evaluation", (string id, EvaluationRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.EvaluateAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.FrontDesk).WithName("EvaluateCase");
        cases.MapPost("/{id}/withdrawal", (string id, WithdrawalRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.WithdrawAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.DeskOrOfficer).WithName("WithdrawCase");
        cases.MapPost("/{id}/talent/reveal", RevealAsync).RequireAuthorization(Policies.DeskOrOfficer).WithName("RevealPersonalData")
            .WithSummary("Shows one masked value of the talent in clear; journaled with who, when and why");
        return routes;
    }

    private static async Task<IResult> OpenAsync(OpenCaseRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
        CaseResults.From(http, await commands.OpenAsync(CommandSource.Of(http), request, http.RequestAborted),
            outcome => Results.Created($"/api/cases/{outcome.Case!.Id}", dtos.Case(outcome.Case)));

    private static async Task<IResult> ListAsync([AsParameters] CaseListQuery query, HttpContext http, CaseQueryService queries, CancellationToken cancellationToken) =>
        CaseResults.From(http, await queries.ListAsync(Actors.Of(http.User), query, cancellationToken));

    /// <summary>
    /// A read, but a POST: the searched name, ID number or phone travels in the body, which neither the access log, the
    /// trace (http.url) nor a browser's history records. No idempotency key: it changes nothing.
    /// </summary>
    private static async Task<IResult> SearchAsync(CaseSearchRequest? request, HttpContext http, CaseQueryService queries, CancellationToken cancellationToken) =>
        CaseResults.From(http, await queries.SearchAsync(Actors.Of(http.User), request, cancellationToken));

    private static async Task<IResult> GetAsync(string id, HttpContext http, CaseQueryService queries) =>
        await queries.CaseAsync(Actors.Of(http.User), id) is { } found ? Results.Ok(found) : CaseResults.Hidden(http);

    private static async Task<IResult> TimelineAsync(string id, HttpContext http, CaseQueryService queries) =>
        await queries.TimelineAsync(Actors.Of(http.User), id) is { } timeline ? Results.Ok(timeline) : CaseResults.Hidden(http);

    private static async Task<IResult> RevealAsync(string id, RevealRequest? request, HttpContext http, CaseCommandService commands)
    {
        var (outcome, revealed) = await commands.RevealAsync(CommandSource.Of(http), id, request);
        return CaseResults.From(http, outcome, _ =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(revealed);
        });
    }

    /// <summary>A command's answer: the case as the actor may see it.</summary>
    private static async Task<IResult> Answer(HttpContext http, CaseDtos dtos, Task<CaseOutcome> command) =>
        CaseResults.From(http, await command, outcome => Results.Ok(dtos.Case(outcome.Case!)));
}
