using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>
/// Who may do and see what on a case: the second check of every command (the API checks roles first). Department staff
/// reach only cases with their department's steps, and see only their department's entries and shared materials;
/// officers act on their own cases.
/// </summary>
public static class AccessRules
{
    /// <summary>Only the front desk opens cases.</summary>
    public static CaseOutcome? MayOpen(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == Roles.FrontDesk ? null : CaseOutcome.Fail(OutcomeStatus.Forbidden, "forbidden", "Only the front desk opens cases.");
    }

    /// <summary>A refusal when the command's actor may not run it on this case.</summary>
    public static CaseOutcome? Authorize(CaseState state, CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var actor = command.Meta.Actor;
        var owner = actor.Role == Roles.Officer && actor.User == state.Officer;
        var allowed = actor.Role == Roles.System || command switch
        {
            ClaimStepCommand or ReleaseStepCommand or CompleteStepCommand => actor.Role == Roles.Department,
            SupplyMaterialsCommand => owner,
            RecordVisitCommand or DeliverResultCommand or WithdrawCommand or RevealPersonalDataCommand => actor.Role == Roles.FrontDesk || owner,
            ReassignOfficerCommand => actor.Role == Roles.Supervisor,
            EvaluateCommand => actor.Role is Roles.FrontDesk or Roles.Talent,
            RequestExtensionCommand or SuspendCommand or ResumeCommand or TerminateCommand or ExtendSupplementCommand or CloseItemCommand => owner,
            DecideActCommand => actor.Role == Roles.Supervisor,
            AssignStepCommand or DecideAppealCommand => actor.Role == Roles.Supervisor,
            FollowUpRectificationCommand or CloseRectificationCommand or AppealRatingCommand => owner,
            _ => false,
        };
        return allowed ? null : CaseOutcome.Fail(OutcomeStatus.Forbidden, "forbidden", "Your role may not do this on this case.");
    }

    /// <summary>Whether <paramref name="actor"/> may see the case at all (department staff: only with a live step of theirs).</summary>
    public static bool MaySee(Actor actor, WorkflowInstance instance, WorkflowEngine engine)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(engine);
        return actor.Role switch
        {
            Roles.FrontDesk or Roles.Officer or Roles.Supervisor or Roles.System => true,
            Roles.Department => instance.Items.Any(item => engine.DefinitionOf(item).Steps.Any(step => step.Department == actor.Department
                && item.Steps.Any(s => s.Id == step.Id && s.Status != StepStatus.Skipped))),
            _ => false,
        };
    }

    /// <summary>Whether an entry or span of <paramref name="department"/> (null: the case's own) is shown to <paramref name="actor"/>.</summary>
    public static bool Shows(Actor actor, string? department)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role != Roles.Department || department is null || department == actor.Department;
    }

    /// <summary>The view as <paramref name="actor"/> may see it: department staff get only the materials shared with them.</summary>
    public static CaseView Filter(CaseView view, Actor actor, WorkflowInstance instance, WorkflowEngine engine)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(engine);
        if (actor.Role != Roles.Department)
        {
            return view;
        }

        var visible = engine.MaterialsVisibleTo(instance, actor.Department!).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return view with { Materials = [.. view.Materials.Where(m => visible.Contains(m.Id))] };
    }
}
