namespace Window.Contracts;

/// <summary>
/// An administrative act on a case that may wait for a supervisor (Administrative Licensing Law): an extension of the
/// statutory limit (延期, art. 42), a suspension (中止) or a termination (终止). Stored as <see cref="CaseActKinds"/>' strings.
/// </summary>
public enum CaseActKind
{
    /// <summary>延期: the statutory limit moves by some working days, once a supervisor approves.</summary>
    Extension,

    /// <summary>中止: every clock stands still until the case is resumed.</summary>
    Suspension,

    /// <summary>终止: every open item ends and every open step closes.</summary>
    Termination,
}

/// <summary>The stored strings of <see cref="CaseActKind"/> (the API's paths and bodies use them too).</summary>
public static class CaseActKinds
{
    /// <summary>The table; stored strings must never change.</summary>
    public static StoredNames<CaseActKind> Names { get; } = new(
        (CaseActKind.Extension, "extension"),
        (CaseActKind.Suspension, "suspension"),
        (CaseActKind.Termination, "termination"));

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out CaseActKind value) => Names.TryParse(stored, out value);

    extension(CaseActKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}

/// <summary>Where an extension request stands: pending, approved or refused.</summary>
public static class ExtensionStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";
}

/// <summary>One extension of the statutory limit (延期): asked for by the officer, decided by a supervisor.</summary>
[GenerateSerializer, Immutable, Alias("window.case-extension.v1")]
public sealed record CaseExtension(
    [property: Id(0)] int Days,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] DateTimeOffset RequestedAt,
    [property: Id(4)] string Status,
    [property: Id(5)] string? DecidedBy = null,
    [property: Id(6)] DateTimeOffset? DecidedAt = null,
    [property: Id(7)] string? Comment = null);

/// <summary>A suspension or termination asked for and waiting for a supervisor (the item's definition asks for approval).</summary>
[GenerateSerializer, Immutable, Alias("window.pending-act.v1")]
public sealed record PendingAct(
    [property: Id(0)] string Act,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] DateTimeOffset RequestedAt);

/// <summary>
/// A supplement past its last day, waiting for the officer's decision: extend it once, or close the item as 不予办理.
/// <see cref="Supplement"/> is <c>item.step</c> for a return's, <c>deferred</c> for the 容缺 materials'.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.overdue-supplement.v1")]
public sealed record OverdueSupplementView(
    [property: Id(0)] string Supplement,
    [property: Id(1)] IReadOnlyList<string> Items,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] bool Extended);

/// <summary>The input rules of the acts (one place for the API, the pages and the deciders).</summary>
public static class ActRulesInput
{
    /// <summary>An extension's days (a positive number of working days) and its required reason.</summary>
    public static RuleProblem? Extension(int? days, string? reason)
    {
        if (days is not > 0)
        {
            return new RuleProblem("days", "invalid_request", "days must be a positive number of working days.");
        }

        return CaseRules.Reason(reason);
    }

    /// <summary>A supervisor's decision: approve true or false, and an optional comment.</summary>
    public static RuleProblem? Decision(bool? approve, string? comment)
    {
        if (approve is null)
        {
            return new RuleProblem("approve", "invalid_request", "approve must be true or false.");
        }

        return TextRules.Check(comment, TextRules.FreeText, "comment") is { } text ? new RuleProblem("comment", text.Code, text.Message) : null;
    }

    /// <summary>A supplement's extension: the new last day (required) and the reason.</summary>
    public static RuleProblem? SupplementExtension(string? supplement, DateOnly? due, string? reason)
    {
        if (string.IsNullOrWhiteSpace(supplement))
        {
            return new RuleProblem("supplement", "invalid_request", "Name the overdue supplement (item.step or deferred).");
        }

        return due is null ? new RuleProblem("due", "invalid_request", "due must be a date (YYYY-MM-DD).") : CaseRules.Reason(reason);
    }
}

/// <summary>The officer asks a supervisor to extend the statutory limit by <see cref="Days"/> working days (延期).</summary>
[GenerateSerializer, Immutable, Alias("window.request-extension.v1")]
public sealed record RequestExtensionCommand(CommandMeta Meta, [property: Id(0)] int Days, [property: Id(1)] string Reason) : CaseCommand(Meta);

/// <summary>A supervisor approves or refuses the act pending on the case (<see cref="Act"/>: a <see cref="CaseActKinds"/> string).</summary>
[GenerateSerializer, Immutable, Alias("window.decide-act.v1")]
public sealed record DecideActCommand(CommandMeta Meta, [property: Id(0)] string Act, [property: Id(1)] bool Approve, [property: Id(2)] string? Comment) : CaseCommand(Meta);

/// <summary>The officer suspends the case (中止) for a stated reason; where the definition says so it waits for a supervisor.</summary>
[GenerateSerializer, Immutable, Alias("window.suspend.v1")]
public sealed record SuspendCommand(CommandMeta Meta, [property: Id(0)] string Reason) : CaseCommand(Meta);

/// <summary>The officer resumes a suspended case: its clocks restart.</summary>
[GenerateSerializer, Immutable, Alias("window.resume.v1")]
public sealed record ResumeCommand(CommandMeta Meta) : CaseCommand(Meta);

/// <summary>The officer terminates the case (终止); where the definition says so it waits for a supervisor.</summary>
[GenerateSerializer, Immutable, Alias("window.terminate.v1")]
public sealed record TerminateCommand(CommandMeta Meta, [property: Id(0)] string Reason) : CaseCommand(Meta);

/// <summary>The officer gives an overdue supplement (<c>item.step</c> or <c>deferred</c>) one more last day, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("window.extend-supplement.v1")]
public sealed record ExtendSupplementCommand(
    CommandMeta Meta, [property: Id(0)] string Supplement, [property: Id(1)] DateOnly Due, [property: Id(2)] string Reason) : CaseCommand(Meta);

/// <summary>The officer closes the item an overdue supplement holds up as 不予办理, with a reason.</summary>
[GenerateSerializer, Immutable, Alias("window.close-item.v1")]
public sealed record CloseItemCommand(CommandMeta Meta, [property: Id(0)] string ItemId, [property: Id(1)] string Reason) : CaseCommand(Meta);
