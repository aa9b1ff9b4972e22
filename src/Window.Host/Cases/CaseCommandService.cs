using Window.Contracts;
using Window.Host.Api;
using Window.Host.Documents;
using Window.Host.Hosting;
using Window.Host.Identity;
using Window.Host.Privacy;

namespace Window.Host.Cases;

/// <summary>
/// The one front door for changing a case, used by the API and the pages alike (issue 17): each command's input rule
/// (<see cref="CaseRules"/>), the idempotency gate, the grain, and the case answered as the actor may see it. A
/// department's answer carries only the materials the definitions share with it, as its reads do.
/// </summary>
public sealed class CaseCommandService(
    IGrainFactory grains, IdempotencyGate gate, CaseOpening opening, CaseQueryService queries, PersonalDataProtector protector, SecurityEvents security,
    DocumentIssuer documents)
{
    /// <summary>Opens a case at the window (一窗口受理); the key names the case, so a retry reaches the same one.</summary>
    public async Task<CaseOutcome> OpenAsync(CommandSource source, OpenCaseRequest? request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (opening.Validate(request) is { } invalid)
        {
            return CaseOutcome.Fail(OutcomeStatus.Invalid, invalid.Code, invalid.Message, invalid.Details, invalid.Field);
        }

        return await WithDocumentsAsync(ResilientAsync(source, () => gate.RunAsync(source, request!, meta => opening.OpenAsync(meta, request!, cancellationToken))));
    }

    /// <summary>Department staff claim a ready step.</summary>
    public Task<CaseOutcome> ClaimStepAsync(CommandSource source, string caseId, string stepId) =>
        RunAsync(source, caseId, new { stepId }, meta => new ClaimStepCommand(meta, stepId));

    /// <summary>The department officer who claimed a step gives it back to the department's queue (取消签收).</summary>
    public Task<CaseOutcome> ReleaseStepAsync(CommandSource source, string caseId, string stepId) =>
        RunAsync(source, caseId, new { stepId, action = "release" }, meta => new ReleaseStepCommand(meta, stepId));

    /// <summary>Department staff approve, reject (with a reason) or return a step for supplement (with every missing material).</summary>
    public Task<CaseOutcome> CompleteStepAsync(CommandSource source, string caseId, string stepId, CompleteStepRequest? request)
    {
        if (CaseRules.StepCompletion(request?.Outcome, request?.Reason, request?.Missing) is { } problem)
        {
            return Refused(problem);
        }

        // An approval's opinion (审查意见) is kept where a decision's reason is: the journal entry of the step's decision.
        var reason = request!.Reason ?? (OutcomeKinds.TryParse(request.Outcome, out var kind) && kind == OutcomeKind.Approve ? request.Opinion : null);
        if (TextRules.Check(request.Opinion, TextRules.FreeText, "opinion") is { } opinion)
        {
            return Refused(new RuleProblem("opinion", opinion.Code, opinion.Message));
        }

        return WithDocumentsAsync(RunAsync(source, caseId, request, meta => new CompleteStepCommand(meta, stepId, request.Outcome!, reason?.Trim(), request.Missing ?? [],
            request.Due)));
    }

    /// <summary>The officer records materials supplied later (补正, 容缺补交).</summary>
    public Task<CaseOutcome> SupplyAsync(CommandSource source, string caseId, SupplementRequest? request)
    {
        if (request?.Materials is not { Count: > 0 } materials || materials.Any(string.IsNullOrWhiteSpace))
        {
            return Refused(new RuleProblem("materials", "invalid_request", "List the supplied material ids."));
        }

        return RunAsync(source, caseId, request, meta => new SupplyMaterialsCommand(meta, materials));
    }

    /// <summary>An in-person visit of the talent (跑动次数).</summary>
    public Task<CaseOutcome> RecordVisitAsync(CommandSource source, string caseId, VisitRequest? request) =>
        RunAsync(source, caseId, request ?? new VisitRequest(null), meta => new RecordVisitCommand(meta, request?.Purpose));

    /// <summary>A supervisor gives the case to another officer.</summary>
    public Task<CaseOutcome> ReassignAsync(CommandSource source, string caseId, ReassignRequest? request)
    {
        if (string.IsNullOrWhiteSpace(request?.Officer))
        {
            return Refused(new RuleProblem("officer", "invalid_request", "Name the officer who takes the case."));
        }

        return RunAsync(source, caseId, request, meta => new ReassignOfficerCommand(meta, request.Officer.Trim()));
    }

    /// <summary>
    /// The window hands over the result (post by default; <c>window</c> is in person): at the window, who collected it, and
    /// a proxy's name and ID number sealed before they reach the case (the request hash gets a keyed hash of them, never
    /// the clear values).
    /// </summary>
    public Task<CaseOutcome> DeliverAsync(CommandSource source, string caseId, DeliveryRequest? request)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (DeliveryRules.Check(request?.Method, request?.Collector, request?.Proxy?.Name, request?.Proxy?.IdNumber, OfficeToday()) is { } problem)
        {
            return Refused(problem);
        }

        var method = DeliveryRules.Method(request?.Method);
        var collector = method == DeliveryRules.InPerson ? request?.Collector ?? Collectors.Talent : null;
        var proxy = collector == Collectors.Proxy ? request!.Proxy! : null;
        var fingerprint = proxy is null ? null : protector.LookupHash($"{proxy.Name!.Trim()}\n{IdNumbers.Normalize(proxy.IdNumber!)}");
        return RunAsync(source, caseId, new { method, collector, proxy = fingerprint }, meta => new DeliverResultCommand(
            meta, method, collector, proxy is null ? null : protector.Seal(new TalentIdentity(proxy.Name!.Trim(), IdNumbers.Normalize(proxy.IdNumber!), ""))));
    }

    /// <summary>A supervisor gives a step to a named clerk; <paramref name="department"/> is the clerk's, from the staff directory.</summary>
    public Task<CaseOutcome> AssignStepAsync(CommandSource source, string caseId, string stepId, string user, string department) =>
        RunAsync(source, caseId, new { stepId, user, action = "assign" }, meta => new AssignStepCommand(meta, stepId, user, department));

    /// <summary>The officer records a follow-up (回访) of the case's rectification.</summary>
    public Task<CaseOutcome> FollowUpRectificationAsync(CommandSource source, string caseId, RectificationNoteRequest? request) =>
        Required(request?.Note, "note") is { } problem
            ? Refused(problem)
            : RunAsync(source, caseId, new { note = request!.Note, action = "follow-up" }, meta => new FollowUpRectificationCommand(meta, request.Note!.Trim()));

    /// <summary>The officer closes the case's rectification with its result (整改办结).</summary>
    public Task<CaseOutcome> CloseRectificationAsync(CommandSource source, string caseId, RectificationClosureRequest? request) =>
        Required(request?.Result, "result") is { } problem
            ? Refused(problem)
            : RunAsync(source, caseId, new { result = request!.Result, action = "closure" }, meta => new CloseRectificationCommand(meta, request.Result!.Trim()));

    /// <summary>The officer appeals the poor rating (差评申诉).</summary>
    public Task<CaseOutcome> AppealRatingAsync(CommandSource source, string caseId, RatingAppealRequest? request) =>
        Required(request?.Reason, "reason") is { } problem
            ? Refused(problem)
            : RunAsync(source, caseId, new { reason = request!.Reason, action = "appeal" }, meta => new AppealRatingCommand(meta, request.Reason!.Trim()));

    /// <summary>A supervisor upholds or voids an appealed rating.</summary>
    public Task<CaseOutcome> DecideAppealAsync(CommandSource source, string caseId, AppealDecisionRequest? request) =>
        request?.Uphold is not { } uphold
            ? Refused(new RuleProblem("uphold", "invalid_request", "Say whether the rating is upheld (true) or voided (false)."))
            : RunAsync(source, caseId, new { uphold, action = "appeal-decision" }, meta => new DecideAppealCommand(meta, uphold));

    private static RuleProblem? Required(string? text, string field) =>
        TextRules.Check(text, TextRules.FreeText, field, required: true) is { } problem ? new RuleProblem(field, problem.Code, problem.Message) : null;

    // Only the proxy's ID number's birth date is checked against it: the real day is right even under a test's fake clock.
    private static DateOnly OfficeToday() => Workflows.Calendar.OfficeTime.DateOf(TimeProvider.System.GetUtcNow());

    /// <summary>The front desk records the talent's 好差评 rating.</summary>
    public Task<CaseOutcome> EvaluateAsync(CommandSource source, string caseId, EvaluationRequest? request)
    {
        if (CaseRules.Rating(request?.Level, request?.Comment) is { } problem)
        {
            return Refused(problem);
        }

        return RunAsync(source, caseId, request!, meta => new EvaluateCommand(meta, request!.Level!.Value, request.Comment?.Trim()));
    }

    /// <summary>
    /// The talent's own rating, proven by the receipt's lookup code (the public API and the progress page): the same rule,
    /// the same wrong-code limit as the lookup. Without an outcome, the wait the number is limited for.
    /// </summary>
    public async Task<(CaseOutcome? Outcome, TimeSpan? RetryAfter)> EvaluateAsTalentAsync(CommandSource source, string number, PublicEvaluationRequest? request)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (CaseRules.Rating(request?.Level, request?.Comment) is { } problem)
        {
            return (Invalid(problem), null);
        }

        var (view, wait) = await queries.FindPublicAsync(number, request!.Code);
        if (view is null)
        {
            return wait is null ? (CaseQueryService.NoSuchPublicCase, null) : (null, wait);
        }

        var talent = source with { Actor = new Actor($"talent:{view.Number}", Roles.Talent, null) };
        return (await ResilientAsync(source, () => gate.RunAsync(talent, request,
            meta => grains.GetGrain<ICaseGrain>(view.Id).ExecuteAsync(new EvaluateCommand(meta, request.Level!.Value, request.Comment?.Trim())))), null);
    }

    /// <summary>The talent withdraws the application (撤回), and the reason is recorded.</summary>
    public Task<CaseOutcome> WithdrawAsync(CommandSource source, string caseId, WithdrawalRequest? request)
    {
        if (CaseRules.Withdrawal(request?.Reason) is { } problem)
        {
            return Refused(problem);
        }

        return RunAsync(source, caseId, request!, meta => new WithdrawCommand(meta, request!.Reason!.Trim()));
    }

    /// <summary>
    /// Shows one masked value of the talent in clear, for the API and the case page alike: the case journals who saw which
    /// field and why, the security log records it, and only this answer carries the value (never stored, never logged).
    /// </summary>
    public async Task<(CaseOutcome Outcome, RevealedDto? Revealed)> RevealAsync(CommandSource source, string caseId, RevealRequest? request)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (PersonalDataReveal.Check(request?.Field, request?.Reason) is { } problem)
        {
            return (Invalid(problem), null);
        }

        var field = request!.Field!;
        var outcome = await RunAsync(source, caseId, request, meta => new RevealPersonalDataCommand(meta, field, request.Reason!.Trim()));
        if (!outcome.Succeeded)
        {
            return (outcome, null);
        }

        security.Revealed(source.Actor.User, source.Actor.Role, field, caseId);
        var identity = protector.Unseal(outcome.Case!.SealedIdentity);
        var value = field switch
        {
            PersonalDataReveal.Name => identity.Name,
            PersonalDataReveal.IdNumber => identity.IdNumber,
            _ => identity.Phone,
        };
        return (outcome, new RevealedDto(field, value));
    }

    /// <summary>The case's officer asks a supervisor to extend the statutory limit by some working days (延期, art. 42).</summary>
    public Task<CaseOutcome> RequestExtensionAsync(CommandSource source, string caseId, ExtensionRequest? request)
    {
        if (ActRulesInput.Extension(request?.Days, request?.Reason) is { } problem)
        {
            return Refused(problem);
        }

        return RunAsync(source, caseId, request!, meta => new RequestExtensionCommand(meta, request!.Days!.Value, request.Reason!.Trim()));
    }

    /// <summary>A supervisor approves or refuses the extension, suspension or termination waiting on the case.</summary>
    public Task<CaseOutcome> DecideActAsync(CommandSource source, string caseId, CaseActKind act, ActDecisionRequest? request)
    {
        if (ActRulesInput.Decision(request?.Approve, request?.Comment) is { } problem)
        {
            return Refused(problem);
        }

        return WithDocumentsAsync(RunAsync(source, caseId, new { act = act.Stored, request }, meta => new DecideActCommand(meta, act.Stored, request!.Approve!.Value, request.Comment?.Trim())));
    }

    /// <summary>The case's officer suspends the case (中止) with a reason.</summary>
    public Task<CaseOutcome> SuspendAsync(CommandSource source, string caseId, ActReasonRequest? request) =>
        CaseRules.Reason(request?.Reason) is { } problem
            ? Refused(problem)
            : WithDocumentsAsync(RunAsync(source, caseId, new { act = "suspension", request }, meta => new SuspendCommand(meta, request!.Reason!.Trim())));

    /// <summary>The case's officer resumes a suspended case.</summary>
    public Task<CaseOutcome> ResumeAsync(CommandSource source, string caseId) =>
        RunAsync(source, caseId, new { act = "resumption" }, meta => new ResumeCommand(meta));

    /// <summary>The case's officer terminates the case (终止) with a reason.</summary>
    public Task<CaseOutcome> TerminateAsync(CommandSource source, string caseId, ActReasonRequest? request) =>
        CaseRules.Reason(request?.Reason) is { } problem
            ? Refused(problem)
            : WithDocumentsAsync(RunAsync(source, caseId, new { act = "termination", request }, meta => new TerminateCommand(meta, request!.Reason!.Trim())));

    /// <summary>The case's officer gives an overdue supplement one new last day, with a reason.</summary>
    public Task<CaseOutcome> ExtendSupplementAsync(CommandSource source, string caseId, SupplementExtensionRequest? request) =>
        ActRulesInput.SupplementExtension(request?.Supplement, request?.Due, request?.Reason) is { } problem
            ? Refused(problem)
            : RunAsync(source, caseId, request!, meta => new ExtendSupplementCommand(meta, request!.Supplement!.Trim(), request.Due!.Value, request.Reason!.Trim()));

    /// <summary>The case's officer closes an item an overdue supplement holds up as 不予办理, with a reason.</summary>
    public Task<CaseOutcome> CloseItemAsync(CommandSource source, string caseId, string itemId, ActReasonRequest? request) =>
        CaseRules.Reason(request?.Reason) is { } problem
            ? Refused(problem)
            : WithDocumentsAsync(RunAsync(source, caseId, new { itemId, request }, meta => new CloseItemCommand(meta, itemId, request!.Reason!.Trim())));

    private Task<CaseOutcome> RunAsync(CommandSource source, string caseId, object request, Func<CommandMeta, CaseCommand> build)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ResilientAsync(source, () => gate.RunAsync(source, request, meta => grains.GetGrain<ICaseGrain>(caseId).ExecuteAsync(build(meta))));
    }

    // A page is its own client: it retries a transient failure with the same key (the grain replays what was applied) and,
    // once the retries run out, shows 系统繁忙 instead of losing the page to an exception. The API answers 503 instead
    // (Hosting/TransientFailureHandler) and leaves the retry to its client.
    private static async Task<CaseOutcome> ResilientAsync(CommandSource source, Func<Task<CaseOutcome>> run)
    {
        if (!source.FromPage)
        {
            return await run();
        }

        var (outcome, failure) = await TransientFailures.RetryAsync(run);
        return outcome ?? CaseOutcome.Fail(OutcomeStatus.Unavailable, failure!.Code, failure.Detail);
    }

    // The documents of the act a command recorded (the receipt, a supplement or completion notice), issued before the answer
    // so that the desk can print the receipt at once; a replay issues what a crash left unissued. A command that recorded no
    // act (most step decisions) reads neither the journal nor the documents. A failed issue does not fail the command: the
    // act stands and DocumentSweep issues its document later (as it does for an act an earlier failure left unissued).
    private async Task<CaseOutcome> WithDocumentsAsync(Task<CaseOutcome> command)
    {
        var outcome = await command;
        if (outcome.Succeeded && outcome.Case is { } done && DocumentKinds.MayNeedDocuments(outcome.Recorded))
        {
            await documents.IssuePendingAsync(done.Id);
        }

        return outcome;
    }

    private static Task<CaseOutcome> Refused(RuleProblem problem) => Task.FromResult(Invalid(problem));

    private static CaseOutcome Invalid(RuleProblem problem) => CaseOutcome.Fail(OutcomeStatus.Invalid, problem.Code, problem.Message, field: problem.Field);
}
