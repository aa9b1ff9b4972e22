using Window.Contracts;

namespace Window.Grains.Cases;

/// <summary>What the rectification deciders share: the case's rectification, whichever way it was stored, and its refusals.</summary>
public static class RectificationRules
{
    /// <summary>
    /// The case's rectification: the stored one, or, for a case rated before rectifications were recorded, the one its
    /// evaluation's due day opened (owned by the case's officer); null when no poor rating opened one.
    /// </summary>
    public static RectificationView? Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Rectification
            ?? (state.Evaluation is { RectificationDue: { } due } ? new RectificationView(state.Officer, due, RectificationStates.Open, []) : null);
    }

    /// <summary>The open rectification, or the refusal: none opened, or already closed.</summary>
    public static (RectificationView? Open, CaseOutcome? Refusal) Open(CaseState state)
    {
        var rectification = Of(state);
        if (rectification is null)
        {
            // The case exists and the act is out of order for it (no poor rating yet): a conflict, as for other acts before their time.
            return (null, CaseOutcome.Fail(OutcomeStatus.Conflict, "no_rectification", "This case has no rectification."));
        }

        return rectification.State == RectificationStates.Open
            ? (rectification, null)
            : (null, CaseOutcome.Fail(OutcomeStatus.Conflict, "rectification_closed", "The rectification is closed."));
    }

    /// <summary>A required free text (note, result, reason) under the one text rule.</summary>
    public static CaseOutcome? Required(string? text, string field) =>
        TextRules.Check(text, TextRules.FreeText, field, required: true) is { } problem
            ? CaseOutcome.Fail(OutcomeStatus.Invalid, problem.Code, problem.Message, [], field)
            : null;
}
