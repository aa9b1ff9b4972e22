namespace Window.Contracts;

/// <summary>Why a command's input was refused before it reached the case: the field, a problem code and a sentence.</summary>
public sealed record RuleProblem(string Field, string Code, string Message);

/// <summary>
/// The rules on a command's own input that do not need the case (issue 17: one rule, one place): the API, the pages
/// and the deciders ask here instead of writing the check again. What needs the case (is the step ready, is the
/// material on the checklist) stays with the case.
/// </summary>
public static class CaseRules
{
    /// <summary>The lowest 好差评 level (非常不满意).</summary>
    public const int LowestRating = 1;

    /// <summary>The highest 好差评 level (非常满意).</summary>
    public const int HighestRating = 5;

    /// <summary>A 好差评 rating (GB/T 39734-2020: five levels) and its optional comment.</summary>
    public static RuleProblem? Rating(int? level, string? comment)
    {
        if (level is not (>= LowestRating and <= HighestRating))
        {
            return new RuleProblem("level", "invalid_request", $"level must be {LowestRating} (非常不满意) to {HighestRating} (非常满意).");
        }

        return TextRules.Check(comment, TextRules.FreeText, "comment") is { } text ? new RuleProblem("comment", text.Code, text.Message) : null;
    }

    /// <summary>
    /// A department's decision on a step: a rejection gives its reason, a return for supplement lists every missing
    /// material at once (一次性告知).
    /// </summary>
    public static RuleProblem? StepCompletion(string? outcome, string? reason, IReadOnlyList<string>? missing)
    {
        if (!OutcomeKinds.TryParse(outcome, out var kind))
        {
            return new RuleProblem("outcome", "invalid_request", "outcome must be approve, reject or return.");
        }

        if (kind == OutcomeKind.Reject && string.IsNullOrWhiteSpace(reason))
        {
            return new RuleProblem("reason", "invalid_request", "A rejection needs a reason.");
        }

        if (kind == OutcomeKind.Return && (missing is not { Count: > 0 } || missing.Any(string.IsNullOrWhiteSpace)))
        {
            return new RuleProblem("missing", "invalid_request", "A return for supplement must list every missing material.");
        }

        return null;
    }

    /// <summary>A withdrawal (撤回) says why: the case is closed for good, and the file must show on whose word and for what.</summary>
    public static RuleProblem? Withdrawal(string? reason) => Reason(reason);

    /// <summary>A required reason (<c>reason</c>): free text with something visible in it.</summary>
    public static RuleProblem? Reason(string? reason) =>
        TextRules.Check(reason, TextRules.FreeText, "reason", required: true) is { } text ? new RuleProblem("reason", text.Code, text.Message) : null;
}
