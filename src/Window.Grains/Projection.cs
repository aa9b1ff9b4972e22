using System.Collections.Frozen;
using System.Collections.Immutable;
using Window.Contracts;
using Window.Grains.Cases;
using Window.Contracts.ReadModel;
using Window.Grains.Projections;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains;

/// <summary>Turns a case's state into what staff see (<see cref="CaseView"/>) and what the read model stores.</summary>
internal static class Projection
{
    private static readonly FrozenSet<string> StepEndings =
        new[] { TimelineKind.StepCompleted, TimelineKind.WaitElapsed, TimelineKind.StepSkipped, TimelineKind.StepCancelled }.Select(k => k.Stored).ToFrozenSet(StringComparer.Ordinal);

    private static readonly string ItemApproved = TimelineKind.ItemApproved.Stored;

    private static readonly string ItemRejected = TimelineKind.ItemRejected.Stored;

    private static readonly string CaseCompleted = TimelineKind.CaseCompleted.Stored;

    private static readonly string StepCompleted = TimelineKind.StepCompleted.Stored;

    public static CaseView View(string caseId, CaseState state, WorkflowInstance instance, WorkflowEngine engine, DateTimeOffset now)
    {
        var sla = engine.Sla(instance, now);

        // The flags come from the calendar the view is made with, not from when a date was counted: publishing the year
        // clears them on the next view without touching stored state, and a projection carries them to the read model.
        var calendar = engine.Catalog.Calendar;
        var status = Status(state, instance);
        var closed = status != CaseStatusKind.Open.Stored;
        var (ended, decided, completedAt) = Ends(state.Timeline);
        var opinions = Opinions(state.Timeline);
        var steps = new List<CaseStepView>();
        foreach (var item in instance.Items)
        {
            var definition = engine.DefinitionOf(item);
            foreach (var step in item.Steps)
            {
                var stepDefinition = definition.FindStep(step.Id)!;
                var deadline = sla.Steps.FirstOrDefault(d => d.ItemId == item.ItemId && d.StepId == step.Id)?.Deadline;
                var active = !closed && deadline is not null;
                steps.Add(new CaseStepView(
                    $"{item.ItemId}.{step.Id}",
                    item.ItemId,
                    step.Id,
                    stepDefinition.Department,
                    CaseVocabulary.NameOf(stepDefinition.Kind),
                    CaseVocabulary.KindOf(step.Status).Stored,
                    step.ReadyAt,
                    active ? deadline!.WarnAt : null,
                    active ? deadline!.DueAt : null,
                    active ? CaseVocabulary.KindOf(deadline!.Light).Stored : LightKind.None.Stored,
                    step.ClaimedBy,
                    step.Outcome is { } outcome ? CaseVocabulary.KindOf(outcome).Stored : null,
                    ended.TryGetValue((item.ItemId, step.Id), out var at) ? at : null,
                    step.ReturnedFor.IsDefaultOrEmpty ? [] : [.. step.ReturnedFor],
                    step.WaitUntil,
                    active ? deadline!.Provisional : !closed && DateRecount.WaitIsProvisional(definition, step, calendar),
                    step.Status == StepStatus.Returned ? step.SupplementDue : null,
                    step.Status == StepStatus.Done && opinions.TryGetValue((item.ItemId, step.Id), out var opinion) ? opinion : null));
            }
        }

        var items = instance.Items.Select(i => new CaseItemView(
            i.ItemId, i.Version, CaseVocabulary.KindOf(i.Status).Stored, i.Reason, decided.TryGetValue(i.ItemId, out var at) ? at : null)).ToList();
        var materials = instance.Materials.Select(m => new CaseMaterialView(
            m.Id,
            CaseVocabulary.KindOf(m.Status).Stored,
            m.Status == MaterialStatus.Deferred ? state.DeferredDue.TryGetValue(m.Id, out var due) ? due : instance.SupplementDueOn : null)).ToList();
        return new CaseView(
            caseId,
            state.Number!,
            state.LookupCode,
            status,
            state.TalentId,
            state.SealedIdentity,
            state.Tier,
            instance.BundleId,
            state.Officer,
            instance.AcceptedAt,
            state.PromisedBy,
            closed ? null : sla.Case.DueAt,
            closed ? LightKind.None.Stored : CaseVocabulary.KindOf(sla.Case.Light).Stored,
            items,
            steps,
            materials,
            state.Trips,
            completedAt,
            state.DeliveredAt,
            state.Evaluation,
            state.Version,
            closed ? null : sla.Case.WarnAt,
            calendar.IsProvisional(OfficeTime.DateOf(instance.AcceptedAt), state.PromisedBy),
            !closed && sla.Case.Provisional,
            state.Evaluation is { RectificationDue: { } rectification } evaluation
                && calendar.IsProvisional(OfficeTime.DateOf(evaluation.At), rectification),
            Rectification: state.Rectification,
            Delivery: state.Delivery)
            .WithActs(state, instance, engine, now, closed);
    }

    /// <summary>
    /// From one pass over the journal: when each step last ended, when each item was last decided, when the case was last
    /// completed.
    /// </summary>
    private static (Dictionary<(string?, string?), DateTimeOffset> Ended, Dictionary<string, DateTimeOffset> Decided, DateTimeOffset? CompletedAt) Ends(
        ImmutableList<TimelineEntry> timeline)
    {
        var ended = new Dictionary<(string?, string?), DateTimeOffset>();
        var decided = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DateTimeOffset? completedAt = null;
        foreach (var entry in timeline)
        {
            if (entry.StepId is not null && StepEndings.Contains(entry.Kind))
            {
                ended[(entry.ItemId, entry.StepId)] = entry.At;
            }
            else if (entry.Kind == ItemApproved || entry.Kind == ItemRejected)
            {
                decided[entry.ItemId!] = entry.At;
            }
            else if (entry.Kind == CaseCompleted)
            {
                completedAt = entry.At;
            }
        }

        return (ended, decided, completedAt);
    }

    /// <summary>
    /// Each decided step's written opinion or reason (审查意见): the detail of its last decision entry when it is text, not
    /// the bare outcome a decision without one records.
    /// </summary>
    private static Dictionary<(string?, string?), string> Opinions(ImmutableList<TimelineEntry> timeline)
    {
        var opinions = new Dictionary<(string?, string?), string>();
        foreach (var entry in timeline)
        {
            if (entry.StepId is not null && entry.Kind == StepCompleted && entry.Detail is { } detail && !OutcomeKinds.TryParse(detail, out _))
            {
                opinions[(entry.ItemId, entry.StepId)] = detail;
            }
        }

        return opinions;
    }

    /// <summary>
    /// The read model's rows for a case: <paramref name="view"/> is its view in <paramref name="state"/>; the first
    /// <paramref name="storedEvents"/> timeline entries are known to be stored and left out.
    /// </summary>
    public static CaseProjection Of(CaseState state, CaseView view, int storedEvents = 0)
    {
        var caseId = view.Id;
        var row = new CaseRow(
            caseId, view.Number, view.TalentId, view.BundleId, view.Status, view.Officer, view.OpenedAt, view.PromisedBy,
            view.WarnAt, view.DueAt, view.Light,
            view.CompletedAt, view.DeliveredAt, view.Trips, view.Rectification?.Appeal?.State == RectificationStates.AppealVoided ? null : view.Evaluation?.Level, state.Version,
            view.PromisedProvisional, view.Status == CaseStatusKind.Open.Stored && view.ReliesOnProvisionalDates,
            view.ActsDueAt);
        var items = view.Items.Select(i => new CaseItemRow(caseId, i.ItemId, i.Version, i.Status, i.DecidedAt)).ToList();

        // A waiting step stores the end of its wait as its due instant (with no light): the watcher finds due waits by it.
        var steps = view.Steps.Where(s => s.Department is not null || s.Status == StepStatusKind.Waiting.Stored).Select(s => new StepRow(
            caseId, s.ItemId, s.StepId, s.Department ?? "", s.Status, s.ReadyAt, s.WarnAt,
            s.Status == StepStatusKind.Waiting.Stored ? s.WaitUntil : s.DueAt, s.Light, s.ClaimedBy, s.CompletedAt, s.Outcome, s.DueProvisional)).ToList();
        var materials = view.Materials.Select(m => new MaterialRow(caseId, m.Id, m.Status, m.Due)).ToList();
        var events = state.Timeline.Skip(storedEvents).Select(e => new EventRow(
            caseId, e.Seq, e.At, e.Actor, e.Role, e.Department, e.Kind, e.ItemId, e.StepId, e.Detail, e.TraceId, e.SpanId)).ToList();
        return new CaseProjection(row, items, steps, materials, events);
    }

    /// <summary>
    /// The case's status: the lifecycle stored in its state (which holds the stored strings of
    /// <see cref="CaseStatusKind"/>) where it ended the case, else the engine's.
    /// </summary>
    public static string Status(CaseState state, WorkflowInstance instance) =>
        state.Lifecycle == CaseStatusKind.Withdrawn.Stored || state.Lifecycle == CaseStatusKind.Delivered.Stored
            || state.Lifecycle == CaseStatusKind.Terminated.Stored
            ? state.Lifecycle
            : (instance.Status == CaseStatus.Completed ? CaseStatusKind.Completed : CaseStatusKind.Open).Stored;
}
