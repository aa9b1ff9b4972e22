using System.Globalization;
using Window.Contracts;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>The talent rates the service once (好差评, GB/T 39734-2020, <see cref="EvaluateCommand"/>).</summary>
public static class EvaluateDecider
{
    /// <summary>The rules of the request alone: the comment is free text the case keeps.</summary>
    public static CaseOutcome? Validate(EvaluateCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Refusals.Text(command.Comment, "comment");
    }

    /// <summary>Records the rating of a completed case; a 差评 also opens its rectification.</summary>
    public static Decision Decide(CaseState state, WorkflowInstance instance, EvaluateCommand command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Lifecycle == CaseStatusKind.Withdrawn.Stored || instance.Status != CaseStatus.Completed)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "not_completed", "The service can be rated once the case is completed."));
        }

        if (state.Evaluation is not null)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "already_evaluated", "This case was already rated."));
        }

        if (command.Level is < CaseRules.LowestRating or > CaseRules.HighestRating)
        {
            return Decision.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_level", "The level must be 1 to 5.", [], "level"));
        }

        DateOnly? rectification = command.Level <= 2
            ? context.Engine.Catalog.Calendar.AddWorkingDays(OfficeTime.DateOf(context.Now), RectificationDays(instance, context.Engine))
            : null;
        var rated = state with
        {
            Evaluation = new EvaluationView(command.Level, command.Comment, context.Now, rectification),
            Rectification = rectification is { } opened ? new RectificationView(state.Officer, opened, RectificationStates.Open, []) : null,
        };
        rated = Journal.Add(rated, context.Now, command.Meta.Actor, TimelineKind.Evaluated.Stored, command.Level.ToString(CultureInfo.InvariantCulture));
        if (rectification is { } due)
        {
            rated = Journal.Add(rated, context.Now, Actor.System, TimelineKind.RectificationOpened.Stored, due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return Decision.To(rated);
    }

    /// <summary>
    /// 差评 (levels 1 and 2) open a rectification (整改) due in the definition's <c>rectificationDays</c> working days
    /// (default 10, GB/T 39734-2020 practice); a case of several items takes the shortest, so no item's promise is missed.
    /// </summary>
    public static int RectificationDays(WorkflowInstance instance, WorkflowEngine engine)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(engine);
        return instance.Items.Select(i => engine.DefinitionOf(i).RectificationDays).DefaultIfEmpty(Workflows.Definitions.WorkflowDefinition.DefaultRectificationDays).Min();
    }
}
