using Window.Contracts;
using Window.Host.Components.Ui;

namespace Window.Host.Components.Actions;

/// <summary>
/// A refused action as a dialog shows it: the sentence for the problem and the field it concerns, so that the message
/// stands under that field (the same field the API's problem details name); without a field it heads the dialog.
/// </summary>
public sealed record ActionProblem(string? Field, string Message)
{
    /// <summary>The refusal of <paramref name="outcome"/>, or <see langword="null"/> when it succeeded.</summary>
    public static ActionProblem? Of(CaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Succeeded ? null : new ActionProblem(outcome.Field, Text.Problem(outcome.Code, outcome.Field));
    }

    /// <summary>A rule's refusal checked before sending (the same <see cref="RuleProblem"/> the front door gives).</summary>
    public static ActionProblem? Of(RuleProblem? problem) => problem is null ? null : new ActionProblem(problem.Field, Text.Problem(problem.Code, problem.Field));

    /// <summary>Whether the problem is about <paramref name="field"/>: "true" for <c>aria-invalid</c>, else null (no attribute).</summary>
    public static string? Invalid(ActionProblem? problem, string field) => problem?.Field == field ? "true" : null;

    /// <summary>The id of the message under the input <paramref name="inputId"/> (see <c>ActionField</c>).</summary>
    public static string ErrorId(string inputId) => inputId + "-error";

    /// <summary>
    /// <c>aria-describedby</c> of the input <paramref name="inputId"/>: its message while the problem names
    /// <paramref name="field"/>, so that a screen reader reads the message with the field; null (no attribute) otherwise.
    /// </summary>
    public static string? DescribedBy(ActionProblem? problem, string field, string inputId) => problem?.Field == field ? ErrorId(inputId) : null;
}
