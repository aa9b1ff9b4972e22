using Window.Contracts;
using Window.Host.Identity;
using Window.Host.Privacy;
using Window.Storage.ReadModel;
using Window.Workflows.Catalog;

namespace Window.Host.Api;

/// <summary>The case endpoints: opening at the window, reading, and every command on a case.</summary>
public static class CasesApi
{
    private static readonly string[] Statuses = ["open", "completed", "delivered", "withdrawn"];
    private static readonly string[] Lights = ["green", "yellow", "red", "none"];

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/api/cases").WithTags("Cases");
        cases.MapPost("/", OpenAsync).RequireAuthorization(Policies.FrontDesk).WithName("OpenCase").WithSummary("The window opens a case (一窗口受理)");
        cases.MapGet("/", SearchAsync).RequireAuthorization(Policies.CaseReaders).WithName("SearchCases");
        cases.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.CaseReaders).WithName("GetCase");
        cases.MapGet("/{id}/timeline", TimelineAsync).RequireAuthorization(Policies.CaseReaders).WithName("GetCaseTimeline");
        cases.MapPost("/{id}/steps/{stepId}/claim", (string id, string stepId, HttpContext http, Commands commands) =>
            commands.RunAsync(http, id, new { stepId }, meta => new ClaimStepCommand(meta, stepId))).RequireAuthorization(Policies.DepartmentStaff).WithName("ClaimStep");
        cases.MapPost("/{id}/steps/{stepId}/complete", CompleteAsync).RequireAuthorization(Policies.DepartmentStaff).WithName("CompleteStep");
        cases.MapPost("/{id}/supplements", SupplyAsync).RequireAuthorization(Policies.Officers).WithName("SupplyMaterials");
        cases.MapPost("/{id}/visits", (string id, VisitRequest? request, HttpContext http, Commands commands) =>
            commands.RunAsync(http, id, request ?? new VisitRequest(null), meta => new RecordVisitCommand(meta, request?.Purpose))).RequireAuthorization(Policies.DeskOrOfficer).WithName("RecordVisit");
        cases.MapPost("/{id}/officer", ReassignAsync).RequireAuthorization(Policies.Supervisors).WithName("ReassignOfficer");
        cases.MapPost("/{id}/delivery", (string id, DeliveryRequest? request, HttpContext http, Commands commands) =>
            commands.RunAsync(http, id, request ?? new DeliveryRequest(null), meta => new DeliverResultCommand(meta, request?.Method ?? "post"))).RequireAuthorization(Policies.DeskOrOfficer).WithName("DeliverResult");
        cases.MapPost("/{id}/evaluation", EvaluateAsync).RequireAuthorization(Policies.FrontDesk).WithName("EvaluateCase");
        cases.MapPost("/{id}/withdrawal", (string id, WithdrawalRequest? request, HttpContext http, Commands commands) =>
            commands.RunAsync(http, id, request ?? new WithdrawalRequest(null), meta => new WithdrawCommand(meta, request?.Reason))).RequireAuthorization(Policies.DeskOrOfficer).WithName("WithdrawCase");
        cases.MapPost("/{id}/talent/reveal", RevealAsync).RequireAuthorization(Policies.DeskOrOfficer).WithName("RevealPersonalData")
            .WithSummary("Shows one masked value of the talent in clear; journaled");
        return routes;
    }

    private static async Task<IResult> OpenAsync(OpenCaseRequest? request, HttpContext http, CaseOpening opening, IdempotencyGate gate, CaseDtos dtos)
    {
        if (opening.Validate(request) is { } invalid)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, invalid.Code, invalid.Message, invalid.Field, invalid.Details);
        }

        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        return await gate.RunAsync(http, Actors.Of(http.User), request!, meta => opening.OpenAsync(meta, request!, http.RequestAborted),
            outcome => Results.Created($"/api/cases/{outcome.Case!.Id}", dtos.Case(outcome.Case)));
    }

    private static async Task<IResult> SearchAsync(
        string? status, string? item, string? department, string? light, string? officer, int? page, HttpContext http,
        IReadModel readModel, WorkflowCatalog catalog, CaseDtos dtos, CancellationToken cancellationToken)
    {
        var actor = Actors.Of(http.User);
        if (actor.Role == Roles.Department)
        {
            // Department staff search only the cases that reach their department.
            if (department is not null && department != actor.Department)
            {
                return http.Deny(StatusCodes.Status403Forbidden, "another department's cases", "Department staff see only their own department's cases.");
            }

            department = actor.Department;
        }

        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.Invalid("status", $"status must be one of {string.Join(", ", Statuses)}.");
        }

        if (light is not null && !Lights.Contains(light))
        {
            return Problems.Invalid("light", $"light must be one of {string.Join(", ", Lights)}.");
        }

        if (item is not null && catalog.LatestItem(item) is null)
        {
            return Problems.Invalid("item", $"Unknown service item {item}.");
        }

        if (department is not null && !catalog.Departments.ContainsKey(department))
        {
            return Problems.Invalid("department", $"Unknown department {department}.");
        }

        if (page is < 1)
        {
            return Problems.Invalid("page", "page starts at 1.");
        }

        var found = await readModel.SearchCasesAsync(new CaseFilter(status, item, department, light, officer, page ?? 1), cancellationToken);
        return Results.Ok(new PageDto<CaseSummaryDto>([.. found.Items.Select(dtos.Summary)], found.Page, found.PageSize, found.Total, found.TotalIsLowerBound));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains, CaseDtos dtos) =>
        await grains.GetGrain<ICaseGrain>(id).ViewForAsync(Actors.Of(http.User)) is { } view ? Results.Ok(dtos.Case(view)) : Hidden(http);

    private static async Task<IResult> TimelineAsync(string id, HttpContext http, IGrainFactory grains, CaseDtos dtos)
    {
        var actor = Actors.Of(http.User);
        var grain = grains.GetGrain<ICaseGrain>(id);
        if (await grain.ViewForAsync(actor) is null)
        {
            return Hidden(http);
        }

        return Results.Ok((await grain.TimelineForAsync(actor)).Select(dtos.Timeline).ToList());
    }

    // Department staff get the same 404 for a case outside their department as for no case; it is still a denial.
    private static IResult Hidden(HttpContext http) =>
        Actors.Of(http.User).Role == Roles.Department
            ? http.Deny(StatusCodes.Status404NotFound, "case outside the department", "No such case.")
            : Problems.NotFound("No such case.");

    private static Task<IResult> CompleteAsync(string id, string stepId, CompleteStepRequest? request, HttpContext http, Commands commands)
    {
        if (request?.Outcome is not ("approve" or "reject" or "return"))
        {
            return Task.FromResult(Problems.Invalid("outcome", "outcome must be approve, reject or return."));
        }

        if (request.Outcome == "reject" && string.IsNullOrWhiteSpace(request.Reason))
        {
            return Task.FromResult(Problems.Invalid("reason", "A rejection needs a reason."));
        }

        if (request.Outcome == "return" && (request.Missing is not { Count: > 0 } || request.Missing.Any(string.IsNullOrWhiteSpace)))
        {
            return Task.FromResult(Problems.Invalid("missing", "A return for supplement must list every missing material."));
        }

        return commands.RunAsync(http, id, request, meta => new CompleteStepCommand(meta, stepId, request.Outcome, request.Reason?.Trim(), request.Missing ?? []));
    }

    private static Task<IResult> SupplyAsync(string id, SupplementRequest? request, HttpContext http, Commands commands)
    {
        if (request?.Materials is not { Count: > 0 } materials || materials.Any(string.IsNullOrWhiteSpace))
        {
            return Task.FromResult(Problems.Invalid("materials", "List the supplied material ids."));
        }

        return commands.RunAsync(http, id, request, meta => new SupplyMaterialsCommand(meta, materials));
    }

    private static Task<IResult> ReassignAsync(string id, ReassignRequest? request, HttpContext http, Commands commands)
    {
        if (string.IsNullOrWhiteSpace(request?.Officer))
        {
            return Task.FromResult(Problems.Invalid("officer", "Name the officer who takes the case."));
        }

        return commands.RunAsync(http, id, request, meta => new ReassignOfficerCommand(meta, request.Officer.Trim()));
    }

    private static Task<IResult> EvaluateAsync(string id, EvaluationRequest? request, HttpContext http, Commands commands)
    {
        if (request?.Level is not (>= 1 and <= 5))
        {
            return Task.FromResult(Problems.Invalid("level", "level must be 1 (非常不满意) to 5 (非常满意)."));
        }

        if (Problems.Text("comment", request.Comment, TextRules.FreeText) is { } invalid)
        {
            return Task.FromResult(invalid);
        }

        return commands.RunAsync(http, id, request, meta => new EvaluateCommand(meta, request.Level.Value, request.Comment?.Trim()));
    }

    private static Task<IResult> RevealAsync(
        string id, RevealRequest? request, HttpContext http, IGrainFactory grains, IdempotencyGate gate, PersonalDataProtector protector, SecurityEvents security)
    {
        if (request?.Field is not ("name" or "idNumber" or "phone"))
        {
            return Task.FromResult(Problems.Invalid("field", "field must be name, idNumber or phone."));
        }

        return gate.RunAsync(http, Actors.Of(http.User), request,
            meta => grains.GetGrain<ICaseGrain>(id).ExecuteAsync(new RevealPersonalDataCommand(meta, request.Field)),
            outcome =>
            {
                var actor = Actors.Of(http.User);
                security.Revealed(actor.User, actor.Role, request.Field, id);
                http.Response.Headers.CacheControl = "no-store";
                var identity = protector.Unseal(outcome.Case!.SealedIdentity);
                var value = request.Field switch { "name" => identity.Name, "idNumber" => identity.IdNumber, _ => identity.Phone };
                return Results.Ok(new RevealedDto(request.Field, value));
            });
    }

    /// <summary>Runs a command on an existing case through the idempotency gate and answers with the case.</summary>
    public sealed class Commands(IGrainFactory grains, IdempotencyGate gate, CaseDtos dtos)
    {
        public Task<IResult> RunAsync(HttpContext http, string caseId, object request, Func<CommandMeta, CaseCommand> build)
        {
            ArgumentNullException.ThrowIfNull(build);
            return gate.RunAsync(
                http,
                Actors.Of(http.User),
                request,
                meta => grains.GetGrain<ICaseGrain>(caseId).ExecuteAsync(build(meta)),
                outcome => Results.Ok(dtos.Case(outcome.Case!)));
        }
    }
}
