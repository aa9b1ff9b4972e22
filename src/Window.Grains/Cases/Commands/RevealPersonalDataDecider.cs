using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// An authorised person reveals one of the talent's masked values (<see cref="RevealPersonalDataCommand"/>). The host shows
/// the value; the case journals who revealed which field (never the value).
/// </summary>
public static class RevealPersonalDataDecider
{
    /// <summary>The fields that can be revealed.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(["name", "idNumber", "phone"], StringComparer.Ordinal);

    /// <summary>Journals the reveal of a known field.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, RevealPersonalDataCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (!Fields.Contains(command.Field))
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_field", "field must be name, idNumber or phone.", [], "field"));
        }

        return Decision.To(Journal.Add(state, context.Now, command.Meta.Actor, TimelineKind.PersonalDataRevealed.Stored, command.Field));
    }
}
