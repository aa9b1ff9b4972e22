using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// An authorised person reveals one of the talent's masked values (<see cref="RevealPersonalDataCommand"/>). The host shows
/// the value; the case journals who revealed which field and why (never the value).
/// </summary>
public static class RevealPersonalDataDecider
{
    /// <summary>The rules of the request alone: a known field and a reason (<see cref="PersonalDataReveal.Check"/>).</summary>
    public static CaseOutcome? Validate(RevealPersonalDataCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Rule(PersonalDataReveal.Check(command.Field, command.Reason));
    }

    /// <summary>Journals the reveal of a known field with its reason.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, RevealPersonalDataCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (Validate(command) is { } refused)
        {
            return Decision.Refused(refused);
        }

        var detail = PersonalDataReveal.Detail(command.Field, command.Reason?.Trim());
        return Decision.To(Journal.Add(state, context.Now, command.Meta.Actor, TimelineKind.PersonalDataRevealed.Stored, detail));
    }
}
