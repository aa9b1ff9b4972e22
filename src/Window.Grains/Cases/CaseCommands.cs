using Window.Contracts;
using Window.Grains.Cases.Commands;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>Routes a case command to its decider (one file per command under <c>Commands</c>).</summary>
public static class CaseCommands
{
    /// <summary>The rules of the request alone, checked before the case is touched.</summary>
    public static CaseOutcome? Validate(CaseCommand command) => command switch
    {
        CompleteStepCommand complete => CompleteStepDecider.Validate(complete),
        RecordVisitCommand visit => RecordVisitDecider.Validate(visit),
        EvaluateCommand evaluate => EvaluateDecider.Validate(evaluate),
        WithdrawCommand withdraw => WithdrawDecider.Validate(withdraw),
        RevealPersonalDataCommand reveal => RevealPersonalDataDecider.Validate(reveal),
        RequestExtensionCommand extension => RequestExtensionDecider.Validate(extension),
        DecideActCommand decide => DecideActDecider.Validate(decide),
        SuspendCommand suspend => SuspendDecider.Validate(suspend),
        TerminateCommand terminate => TerminateDecider.Validate(terminate),
        ExtendSupplementCommand extendSupplement => ExtendSupplementDecider.Validate(extendSupplement),
        CloseItemCommand close => CloseItemDecider.Validate(close),
        AssignStepCommand assign => AssignStepDecider.Validate(assign),
        FollowUpRectificationCommand followUp => FollowUpRectificationDecider.Validate(followUp),
        CloseRectificationCommand close => CloseRectificationDecider.Validate(close),
        AppealRatingCommand appeal => AppealRatingDecider.Validate(appeal),
        _ => null,
    };

    /// <summary>Whether deciding <paramref name="command"/> needs the officer directory (fetched by the grain before deciding).</summary>
    public static bool NeedsOfficers(CaseCommand command) => command is ReassignOfficerCommand;

    /// <summary>The command's decision on the case as it is; <paramref name="officers"/> is the directory when <see cref="NeedsOfficers"/>.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, CaseCommand command, CaseContext context, IReadOnlyCollection<string> officers) => command switch
    {
        ClaimStepCommand claim => ClaimStepDecider.Decide(state, instance, claim, context),
        ReleaseStepCommand release => ReleaseStepDecider.Decide(state, instance, release, context),
        CompleteStepCommand complete => CompleteStepDecider.Decide(state, instance, complete, context),
        SupplyMaterialsCommand supply => SupplyMaterialsDecider.Decide(state, instance, supply, context),
        RecordVisitCommand visit => RecordVisitDecider.Decide(state, instance, visit, context),
        ReassignOfficerCommand reassign => ReassignOfficerDecider.Decide(state, instance, reassign, context, officers),
        DeliverResultCommand deliver => DeliverResultDecider.Decide(state, instance, deliver, context),
        EvaluateCommand evaluate => EvaluateDecider.Decide(state, instance, evaluate, context),
        WithdrawCommand withdraw => WithdrawDecider.Decide(state, instance, withdraw, context),
        RevealPersonalDataCommand reveal => RevealPersonalDataDecider.Decide(state, instance, reveal, context),
        RequestExtensionCommand extension => RequestExtensionDecider.Decide(state, instance, extension, context),
        DecideActCommand decide => DecideActDecider.Decide(state, instance, decide, context),
        SuspendCommand suspend => SuspendDecider.Decide(state, instance, suspend, context),
        ResumeCommand resume => ResumeDecider.Decide(state, instance, resume, context),
        TerminateCommand terminate => TerminateDecider.Decide(state, instance, terminate, context),
        ExtendSupplementCommand extendSupplement => ExtendSupplementDecider.Decide(state, instance, extendSupplement, context),
        CloseItemCommand close => CloseItemDecider.Decide(state, instance, close, context),
        AssignStepCommand assign => AssignStepDecider.Decide(state, instance, assign, context),
        FollowUpRectificationCommand followUp => FollowUpRectificationDecider.Decide(state, instance, followUp, context),
        CloseRectificationCommand close => CloseRectificationDecider.Decide(state, instance, close, context),
        AppealRatingCommand appeal => AppealRatingDecider.Decide(state, instance, appeal, context),
        DecideAppealCommand decide => DecideAppealDecider.Decide(state, instance, decide, context),
        _ => Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "unknown_command", $"Unknown command {command?.GetType().Name}.")),
    };

    /// <summary>
    /// The command's name in spans, metrics and the stored trace: written out, never derived from the CLR type's name,
    /// so that renaming a record cannot rename what is stored.
    /// </summary>
    public static string NameOf(CaseCommand command) => command switch
    {
        OpenCase => "accept",
        ClaimStepCommand => "claim-step",
        ReleaseStepCommand => "release-step",
        CompleteStepCommand => "complete-step",
        SupplyMaterialsCommand => "supply-materials",
        RecordVisitCommand => "record-visit",
        ReassignOfficerCommand => "reassign-officer",
        DeliverResultCommand => "deliver-result",
        EvaluateCommand => "evaluate",
        WithdrawCommand => "withdraw",
        RevealPersonalDataCommand => "reveal-personal-data",
        RequestExtensionCommand => "request-extension",
        DecideActCommand => "decide-act",
        SuspendCommand => "suspend",
        ResumeCommand => "resume",
        TerminateCommand => "terminate",
        ExtendSupplementCommand => "extend-supplement",
        CloseItemCommand => "close-item",
        AssignStepCommand => "assign-step",
        FollowUpRectificationCommand => "follow-up-rectification",
        CloseRectificationCommand => "close-rectification",
        AppealRatingCommand => "appeal-rating",
        DecideAppealCommand => "decide-appeal",
        _ => "unknown",
    };
}
