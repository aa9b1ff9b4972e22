using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>The refusals several deciders give, and the engine's errors mapped once to outcomes.</summary>
public static class Refusals
{
    /// <summary>The case is delivered or withdrawn (or, for some commands, completed).</summary>
    public static CaseOutcome Closed() =>
        CaseOutcome.Fail(OutcomeStatus.Conflict, WorkflowErrorCodes.CaseClosed, "The case is closed.");

    /// <summary>No such step, or none the actor may see.</summary>
    public static CaseOutcome StepNotFound(string stepId) =>
        CaseOutcome.Fail(OutcomeStatus.NotFound, WorkflowErrorCodes.UnknownStep, $"This case has no step {stepId}.");

    /// <summary>A free text the case would keep breaks the one text rule.</summary>
    public static CaseOutcome? Text(string? text, string field) =>
        TextRules.Check(text, TextRules.FreeText, field) is { } problem
            ? CaseOutcome.Fail(OutcomeStatus.Invalid, problem.Code, problem.Message, [], field)
            : null;

    /// <summary>A broken input rule of <see cref="CaseRules"/> as the outcome the API maps to a problem naming its field.</summary>
    public static CaseOutcome? Rule(RuleProblem? problem) =>
        problem is null ? null : CaseOutcome.Fail(OutcomeStatus.Invalid, problem.Code, problem.Message, [], problem.Field);

    /// <summary>The engine's error as the outcome the API maps to a problem: its status and the field it concerns.</summary>
    public static CaseOutcome FromEngine(WorkflowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.Code switch
        {
            WorkflowErrorCodes.UnknownStep or WorkflowErrorCodes.UnknownItem => OutcomeStatus.NotFound,
            WorkflowErrorCodes.MissingReason => OutcomeStatus.Invalid,
            WorkflowErrorCodes.MissingMaterials => OutcomeStatus.Invalid,
            WorkflowErrorCodes.InvalidDue => OutcomeStatus.Invalid,
            WorkflowErrorCodes.MaterialsMissing or WorkflowErrorCodes.DeferralNotAllowed or WorkflowErrorCodes.UnknownMaterial
                or WorkflowErrorCodes.UnknownDefinition or WorkflowErrorCodes.OutcomeNotAllowed or WorkflowErrorCodes.NothingOutstanding => OutcomeStatus.Unprocessable,
            _ => OutcomeStatus.Conflict,
        };
        var field = error.Code switch
        {
            WorkflowErrorCodes.MissingReason => "reason",
            WorkflowErrorCodes.MissingMaterials => "missing",
            WorkflowErrorCodes.MaterialsMissing or WorkflowErrorCodes.UnknownMaterial => "materials",
            WorkflowErrorCodes.DeferralNotAllowed => "deferred",
            WorkflowErrorCodes.UnknownDefinition => "items",
            WorkflowErrorCodes.InvalidDue => "due",
            _ => null,
        };
        return CaseOutcome.Fail(status, error.Code, error.Message, error.Details ?? [], field);
    }
}
