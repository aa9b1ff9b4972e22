using Window.Contracts;
using Window.Host.Cases;
using Window.Host.Identity;
using Window.Storage.ReadModel;

namespace Window.Host.Api;

/// <summary><c>POST /api/cases/{id}/extension</c>: extend the statutory limit by <c>days</c> working days, and why.</summary>
public sealed record ExtensionRequest(int? Days, string? Reason);

/// <summary><c>POST /api/cases/{id}/{act}/decision</c>: a supervisor approves (true) or refuses (false), with an optional comment.</summary>
public sealed record ActDecisionRequest(bool? Approve, string? Comment);

/// <summary><c>POST /api/cases/{id}/suspension</c>, <c>/termination</c>, <c>/items/{itemId}/closure</c>: the required reason.</summary>
public sealed record ActReasonRequest(string? Reason);

/// <summary><c>POST /api/cases/{id}/supplement-extension</c>: the overdue supplement (<c>item.step</c> or <c>deferred</c>), its new last day and why.</summary>
public sealed record SupplementExtensionRequest(string? Supplement, DateOnly? Due, string? Reason);

/// <summary>
/// A case's administrative acts as staff see them: the statutory last day (法定时限, moved by approved extensions; null while
/// suspended or once decided), whether it is suspended or was breached, the extensions and the days still allowed, the act
/// waiting for a supervisor, and the supplements past their last day.
/// </summary>
public sealed record CaseActsDto(
    DateOnly? StatutoryBy,
    bool Suspended,
    bool StatutoryBreached,
    IReadOnlyList<CaseExtension> Extensions,
    int ExtensionDaysLeft,
    PendingAct? Pending,
    IReadOnlyList<OverdueSupplementView> OverdueSupplements);

/// <summary>What the talent sees of the acts: the statutory last day, whether the case is suspended, the approved extensions.</summary>
public sealed record PublicActsDto(DateOnly? StatutoryBy, bool Suspended, IReadOnlyList<PublicExtensionDto> Extensions);

/// <summary>An approved extension as the talent is told of it: how many working days and why.</summary>
public sealed record PublicExtensionDto(int Days, string Reason, DateTimeOffset? ApprovedAt);

/// <summary>One act waiting for a supervisor, with its case's number.</summary>
public sealed record PendingDecisionDto(string CaseId, string Number, string Act, DateTimeOffset RequestedAt, string RequestedBy, int? Days, string? Reason);

/// <summary>
/// The administrative acts on a case (issue 20): extension (延期), suspension (中止) and resumption, termination (终止), a
/// supervisor's decision on each that waits for one, and the officer's decision on an overdue supplement.
/// </summary>
public static class CaseActsApi
{
    public static IEndpointRouteBuilder MapCaseActsApi(this IEndpointRouteBuilder routes)
    {
        var cases = routes.MapGroup("/api/cases").WithTags("Case acts");
        cases.MapPost("/{id}/extension", (string id, ExtensionRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.RequestExtensionAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("RequestExtension")
            .WithSummary("The case's officer asks to extend the statutory limit by some working days (延期)");
        cases.MapPost("/{id}/suspension", (string id, ActReasonRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.SuspendAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("SuspendCase")
            .WithSummary("The case's officer suspends the case (中止): its clocks stand still");
        cases.MapPost("/{id}/resumption", (string id, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.ResumeAsync(CommandSource.Of(http), id))).RequireAuthorization(Policies.Officers).WithName("ResumeCase")
            .WithSummary("The case's officer resumes a suspended case: its clocks restart");
        cases.MapPost("/{id}/termination", (string id, ActReasonRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.TerminateAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("TerminateCase")
            .WithSummary("The case's officer terminates the case (终止): every open item ends");
        foreach (var act in Enum.GetValues<CaseActKind>())
        {
            cases.MapPost($"/{{id}}/{act.Stored}/decision", (string id, ActDecisionRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
                Answer(http, dtos, commands.DecideActAsync(CommandSource.Of(http), id, act, request))).RequireAuthorization(Policies.Supervisors)
                .WithName($"Decide{act}").WithSummary($"A supervisor approves or refuses the pending {act.Stored}");
        }

        cases.MapPost("/{id}/supplement-extension", (string id, SupplementExtensionRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.ExtendSupplementAsync(CommandSource.Of(http), id, request))).RequireAuthorization(Policies.Officers).WithName("ExtendSupplement")
            .WithSummary("The case's officer gives an overdue supplement one new last day");
        cases.MapPost("/{id}/items/{itemId}/closure", (string id, string itemId, ActReasonRequest? request, HttpContext http, CaseCommandService commands, CaseDtos dtos) =>
            Answer(http, dtos, commands.CloseItemAsync(CommandSource.Of(http), id, itemId, request))).RequireAuthorization(Policies.Officers).WithName("CloseItem")
            .WithSummary("The case's officer closes an item held up by an overdue supplement as 不予办理");
        routes.MapGet("/api/decisions", async (HttpContext http, PendingDecisions decisions, CancellationToken cancellationToken) =>
            await decisions.ForAsync(Actors.Of(http.User), cancellationToken) is { } pending ? Results.Ok(pending) : Results.Forbid())
            .RequireAuthorization(Policies.Supervisors).WithTags("Case acts").WithName("PendingDecisions")
            .WithSummary("Extensions, suspensions and terminations waiting for a supervisor, oldest first");
        return routes;
    }

    /// <summary>The acts part of a case's view.</summary>
    public static CaseActsDto Acts(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new CaseActsDto(view.StatutoryBy, view.Suspended, view.StatutoryBreached, view.Extensions ?? [], view.ExtensionDaysLeft, view.PendingAct,
            view.OverdueSupplements ?? []);
    }

    /// <summary>The acts part of the talent's view: no names of staff, only approved extensions.</summary>
    public static PublicActsDto PublicActs(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new PublicActsDto(view.StatutoryBy, view.Suspended,
            [.. (view.Extensions ?? []).Where(e => e.Status == ExtensionStatuses.Approved).Select(e => new PublicExtensionDto(e.Days, e.Reason, e.DecidedAt))]);
    }

    /// <summary>A pending request as a supervisor's list shows it (an extension's detail is <c>days|reason</c>).</summary>
    public static PendingDecisionDto Decision(PendingActRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (days, reason) = (default(int?), row.Detail);
        if (row.Act == CaseActKind.Extension.Stored && row.Detail?.Split('|', 2) is [var first, var rest] && int.TryParse(first, out var parsed))
        {
            (days, reason) = (parsed, rest);
        }

        return new PendingDecisionDto(row.CaseId, row.Number, row.Act, row.At, row.Actor, days, reason);
    }

    private static async Task<IResult> Answer(HttpContext http, CaseDtos dtos, Task<CaseOutcome> command) =>
        CaseResults.From(http, await command, outcome => Results.Ok(dtos.Case(outcome.Case!)));
}
