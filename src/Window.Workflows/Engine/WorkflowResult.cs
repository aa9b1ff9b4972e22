namespace Window.Workflows.Engine;

/// <summary>Why a command was refused; nothing changed.</summary>
/// <param name="Code">A stable code from <see cref="WorkflowErrorCodes"/>.</param>
/// <param name="Message">A sentence for the officer.</param>
/// <param name="Details">The ids the error is about (e.g. every missing material), for callers that list them.</param>
public sealed record WorkflowError(string Code, string Message, IReadOnlyList<string>? Details = null);

/// <summary>The stable error codes of <see cref="WorkflowError"/>.</summary>
public static class WorkflowErrorCodes
{
    /// <summary>No item or bundle has that id.</summary>
    public const string UnknownDefinition = "unknown_definition";

    /// <summary>The case has no item with that id.</summary>
    public const string UnknownItem = "unknown_item";

    /// <summary>The item has no step with that id.</summary>
    public const string UnknownStep = "unknown_step";

    /// <summary>The material is in none of the case's checklists.</summary>
    public const string UnknownMaterial = "unknown_material";

    /// <summary>Required materials are missing (all are listed at once).</summary>
    public const string MaterialsMissing = "materials_missing";

    /// <summary>A deferred material is not deferrable, or the supplement deadline exceeds the promised limit.</summary>
    public const string DeferralNotAllowed = "deferral_not_allowed";

    /// <summary>The case is completed.</summary>
    public const string CaseClosed = "case_closed";

    /// <summary>The item is already approved or rejected.</summary>
    public const string ItemClosed = "item_closed";

    /// <summary>The step is not ready (pending, returned, waiting, or finished).</summary>
    public const string StepNotReady = "step_not_ready";

    /// <summary>Another officer has claimed the step.</summary>
    public const string ClaimedByOther = "claimed_by_other";

    /// <summary>The step is not claimed, so there is nothing to release.</summary>
    public const string StepNotClaimed = "step_not_claimed";

    /// <summary>The step is a wait; it is not claimed or completed by people.</summary>
    public const string NotAHumanStep = "not_a_human_step";

    /// <summary>The step does not allow that outcome.</summary>
    public const string OutcomeNotAllowed = "outcome_not_allowed";

    /// <summary>A rejection needs a reason.</summary>
    public const string MissingReason = "missing_reason";

    /// <summary>A return for supplement must name the missing materials.</summary>
    public const string MissingMaterials = "missing_materials";

    /// <summary>None of the supplied materials was outstanding.</summary>
    public const string NothingOutstanding = "nothing_outstanding";

    /// <summary>The wait's time has not come yet.</summary>
    public const string WaitNotElapsed = "wait_not_elapsed";

    /// <summary>The case is suspended (中止): no step moves until it is resumed.</summary>
    public const string CaseSuspended = "case_suspended";

    /// <summary>Resumption of a case that is not suspended.</summary>
    public const string NotSuspended = "case_not_suspended";

    /// <summary>A supplement due date that is not after today.</summary>
    public const string InvalidDue = "invalid_due";

    /// <summary>The step is already claimed by the officer it would be assigned to.</summary>
    public const string AlreadyAssigned = "already_assigned";
}

/// <summary>
/// The result of a command: on success the new instance and the journal entries the command added;
/// on failure the unchanged instance (null for a refused <see cref="StartCase"/>) and the error.
/// </summary>
public sealed record WorkflowResult(WorkflowInstance? Instance, IReadOnlyList<JournalEntry> Events, WorkflowError? Error)
{
    /// <summary>Whether the command was applied.</summary>
    public bool IsSuccess => Error is null;

    internal static WorkflowResult Fail(WorkflowInstance? instance, string code, string message, IReadOnlyList<string>? details = null) =>
        new(instance, [], new WorkflowError(code, message, details));
}
