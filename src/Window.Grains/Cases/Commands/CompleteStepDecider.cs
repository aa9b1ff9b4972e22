using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// A department officer decides a step (<see cref="CompleteStepCommand"/>): approve, reject with a reason, or return for
/// supplement naming what is missing. Which outcomes a step allows and what each needs is the engine's rule.
/// </summary>
public static class CompleteStepDecider
{
    /// <summary>The rules of the request alone: the reason is free text the case keeps.</summary>
    public static CaseOutcome? Validate(CompleteStepCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Text(command.Reason, "reason");
    }

    /// <summary>The engine completes the step, found only among the actor's department's steps, with a named outcome.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, CompleteStepCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var actor = command.Meta.Actor;
        if (EngineDecisions.Locate(instance, context.Engine, command.StepId, actor) is not { } target)
        {
            return Decision.Refused(Refusals.StepNotFound(command.StepId));
        }

        // The API and the pages check the same rule (CaseRules) before the case is touched; a direct caller meets it here.
        if (CaseRules.StepCompletion(command.Outcome, command.Reason, command.Missing) is { } problem)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, problem.Code, problem.Message, [], problem.Field), target);
        }

        var kind = OutcomeKinds.Parse(command.Outcome);

        var complete = new CompleteStep(actor.User, target.ItemId, target.StepId, CaseVocabulary.OutcomeOf(kind), command.Reason, command.Missing.Count > 0 ? command.Missing : null,
            kind == OutcomeKind.Return ? command.Due : null);
        return EngineDecisions.Apply(state, instance, complete, actor, context, target);
    }
}
