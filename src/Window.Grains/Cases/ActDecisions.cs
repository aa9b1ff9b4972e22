using Window.Contracts;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>What the act deciders share: the case must still be undecided, and the effects a supervisor's approval also has.</summary>
public static class ActDecisions
{
    /// <summary>A refusal unless the case is open and undecided (acts concern a case still being handled).</summary>
    public static CaseOutcome? Undecided(CaseState state, WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        return state.Lifecycle != CaseStatusKind.Open.Stored || instance.Status == CaseStatus.Completed ? Refusals.Closed() : null;
    }

    /// <summary>Another act is waiting for a supervisor: one at a time.</summary>
    public static CaseOutcome ActPending(PendingAct pending) =>
        CaseOutcome.Fail(OutcomeStatus.Conflict, "act_pending", $"A {pending.Act} is waiting for a supervisor's decision.");

    /// <summary>
    /// A suspension or termination: one act may wait at a time; where the case's items ask for approval, the request is
    /// journaled as <paramref name="requested"/> and waits for a supervisor; otherwise <paramref name="effect"/> takes place now.
    /// </summary>
    public static Decision NowOrOnApproval(
        CaseState state, WorkflowInstance instance, CaseActKind act, TimelineKind requested, string reason, Actor actor, CaseContext context, Func<Decision> effect)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(effect);
        var acts = CaseActs.Of(state);
        if (acts.Pending is { } pending)
        {
            return Decision.Refused(ActPending(pending));
        }

        if (!context.Engine.RulesOf(instance).ActsNeedApproval)
        {
            return effect();
        }

        var waiting = With(state, acts with { Pending = new PendingAct(act.Stored, reason, actor.User, context.Now) });
        return Decision.To(Journal.Add(waiting, context.Now, actor, requested.Stored, reason));
    }

    /// <summary><paramref name="state"/> with its acts replaced.</summary>
    public static CaseState With(CaseState state, CaseActs acts)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state with { Acts = acts };
    }

    /// <summary>Suspends the case now (中止): journaled with the reason, every clock stands still.</summary>
    public static Decision Suspend(CaseState state, WorkflowInstance instance, string reason, Actor actor, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var journaled = Journal.Add(state, context.Now, actor, TimelineKind.Suspended.Stored, reason);
        return EngineDecisions.Apply(journaled, instance, new SuspendCase(actor.User), actor, context);
    }

    /// <summary>Terminates the case now (终止): journaled with the reason, every open item ends, every open step is cancelled.</summary>
    public static Decision Terminate(CaseState state, WorkflowInstance instance, string reason, Actor actor, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var journaled = Journal.Add(state, context.Now, actor, TimelineKind.Terminated.Stored, reason);
        var decision = EngineDecisions.Apply(journaled, instance, new TerminateCase(actor.User, reason), actor, context);
        return decision.State is { } next ? Decision.To(next with { Lifecycle = CaseStatusKind.Terminated.Stored }, decision.Instance) : decision;
    }

    /// <summary>The day the case's office is in at the context's instant.</summary>
    public static DateOnly Today(CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OfficeTime.DateOf(context.Now);
    }
}
