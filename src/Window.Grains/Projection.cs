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
    public static CaseView View(string caseId, CaseState state, WorkflowInstance instance, WorkflowEngine engine, DateTimeOffset now)
    {
        var sla = engine.Sla(instance, now);

        // The flags come from the calendar the view is made with, not from when a date was counted: publishing the year
        // clears them on the next view without touching stored state, and a projection carries them to the read model.
        var calendar = engine.Catalog.Calendar;
        var status = Status(state, instance);
        var closed = status != CaseStatusKind.Open.Stored;
        // The facts folded from the entries the read model holds, then the tail the state still keeps (newer, in order).
        var facts = (state.Facts ?? JournalFacts.Empty).Fold(state.Timeline);
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
                    facts.StepEnds.TryGetValue(JournalFacts.KeyOf(item.ItemId, step.Id), out var at) ? at : null,
                    step.ReturnedFor.IsDefaultOrEmpty ? [] : [.. step.ReturnedFor],
                    step.WaitUntil,
                    active ? deadline!.Provisional : !closed && DateRecount.WaitIsProvisional(definition, step, calendar),
                    step.Status == StepStatus.Returned ? step.SupplementDue : null,
                    step.Status == StepStatus.Done && facts.Opinions.TryGetValue(JournalFacts.KeyOf(item.ItemId, step.Id), out var opinion) ? opinion : null));
            }
        }

        var items = instance.Items.Select(i => new CaseItemView(
            i.ItemId, i.Version, CaseVocabulary.KindOf(i.Status).Stored, i.Reason, facts.ItemDecisions.TryGetValue(i.ItemId, out var at) ? at : null)).ToList();
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
            facts.CompletedAt,
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
    /// The read model's rows for a case: <paramref name="view"/> is its view in <paramref name="state"/>; the
    /// entries up to sequence number <paramref name="storedSeq"/> and the command spans up to number <paramref name="storedSpan"/>
    /// are known to be stored and left out.
    /// </summary>
    public static CaseProjection Of(CaseState state, CaseView view, int storedSeq = 0, int storedSpan = 0)
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
        var events = state.Timeline.Where(e => e.Seq > storedSeq).Select(e => new EventRow(
            caseId, e.Seq, e.At, e.Actor, e.Role, e.Department, e.Kind, e.ItemId, e.StepId, e.Detail, e.TraceId, e.SpanId)).ToList();
        var spans = state.Trace is { } trace
            ? trace.Numbered().Where(c => c.Number > storedSpan).Select(c => new SpanRow(
                caseId, c.Number, c.SpanId, c.Name, c.Start, c.Duration, c.FirstSeq, c.Department, c.StepId)).ToList()
            : [];
        return new CaseProjection(row, items, steps, materials, events) { Spans = spans };
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
