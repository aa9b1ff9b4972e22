using System.Collections.Immutable;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Definitions;
using Window.Workflows.Sla;

namespace Window.Workflows.Engine;

/// <summary>
/// The workflow engine: pure functions from (instance, command, now) to a <see cref="WorkflowResult"/>.
/// The same commands at the same instants always give the same state. Overloads without
/// <c>now</c> read the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorkflowEngine(CatalogSource source, TimeProvider time)
{
    /// <summary>An engine on a catalogue that never changes.</summary>
    public WorkflowEngine(WorkflowCatalog catalog, TimeProvider time)
        : this(new CatalogSource(catalog), time)
    {
    }

    /// <summary>The catalogue the engine reads definitions and the calendar from (the source's current one).</summary>
    public WorkflowCatalog Catalog => source.Current;

    /// <summary>Opens a case now.</summary>
    public WorkflowResult Start(StartCase command) => Start(command, time.GetUtcNow());

    /// <summary>Applies a command now.</summary>
    public WorkflowResult Apply(WorkflowInstance instance, WorkflowCommand command) => Apply(instance, command, time.GetUtcNow());

    /// <summary>Deadlines and lights now.</summary>
    public SlaReport Sla(WorkflowInstance instance) => Sla(instance, time.GetUtcNow());

    /// <summary>
    /// Opens a case for one bundle or one or more items: checks the materials against every
    /// checklist (reporting everything missing at once), starts the clocks and readies the first steps.
    /// </summary>
    public WorkflowResult Start(StartCase command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var bundle = command.Definitions.Count == 1 ? Catalog.LatestBundle(command.Definitions[0]) : null;
        var itemIds = bundle?.Items ?? command.Definitions;
        var unknown = itemIds.Where(id => Catalog.LatestItem(id) is null).ToList();
        if (unknown.Count > 0 || itemIds.Count == 0)
        {
            return WorkflowResult.Fail(null, WorkflowErrorCodes.UnknownDefinition, $"Unknown service item(s): {string.Join(", ", unknown.DefaultIfEmpty("(none given)"))}.", unknown);
        }

        var items = itemIds.Distinct().Select(id => Catalog.LatestItem(id)!).ToList();
        var checklist = Checklist.Of(items);
        var deferred = command.DeferredMaterials ?? [];
        var strange = command.ProvidedMaterials.Concat(deferred).Where(m => !checklist.Contains(m)).ToList();
        if (strange.Count > 0)
        {
            return WorkflowResult.Fail(null, WorkflowErrorCodes.UnknownMaterial, $"Not in the checklist of this case: {string.Join(", ", strange)}.", strange);
        }

        var missing = checklist.Missing(command.ProvidedMaterials, deferred);
        if (missing.Count > 0)
        {
            return WorkflowResult.Fail(null, WorkflowErrorCodes.MaterialsMissing, $"Missing required materials: {string.Join(", ", missing)}.", missing);
        }

        var promised = items.Max(i => i.PromisedDays);
        var notDeferrable = checklist.NotDeferrable(deferred);
        if (notDeferrable.Count > 0 || command.SupplementWithinDays > promised)
        {
            return WorkflowResult.Fail(
                null,
                WorkflowErrorCodes.DeferralNotAllowed,
                notDeferrable.Count > 0
                    ? $"These materials cannot be deferred: {string.Join(", ", notDeferrable)}."
                    : $"The supplement deadline ({command.SupplementWithinDays} working days) may not exceed the promised limit ({promised}).",
                notDeferrable);
        }

        var materials = command.ProvidedMaterials.Select(m => new MaterialState(m, MaterialStatus.Provided))
            .Concat(deferred.Select(m => new MaterialState(m, MaterialStatus.Deferred)))
            .DistinctBy(m => m.Id).OrderBy(m => m.Id, StringComparer.Ordinal).ToImmutableArray();
        var caseWarning = bundle?.Warning ?? items.MaxBy(i => i.PromisedDays)!.Warning;
        var instance = new WorkflowInstance(
            command.CaseId,
            bundle?.Id,
            bundle?.Version,
            CaseStatus.Open,
            now,
            command.Data.ToImmutableSortedDictionary(StringComparer.Ordinal),
            materials,
            deferred.Count > 0 ? Catalog.Calendar.AddWorkingDays(OfficeTime.DateOf(now), command.SupplementWithinDays ?? promised) : null,
            [.. items.Select(i => new ItemInstance(i.Id, i.Version, ItemStatus.Open, null,
                [.. i.Steps.Select(s => new StepInstance(s.Id, StepStatus.Pending, null, null, null, [], null, null))],
                ClockState.Start(now, i.PromisedDays, i.Warning)))],
            ClockState.Start(now, promised, caseWarning),
            []);
        var transition = new Transition(this, instance, command.Actor, now);
        transition.Record(JournalAction.Accepted, null, null, materials: deferred);
        return transition.Finish();
    }

    /// <summary>Applies <paramref name="command"/> at <paramref name="now"/>; a refused command changes nothing.</summary>
    public WorkflowResult Apply(WorkflowInstance instance, WorkflowCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(command);
        if (instance.Status == CaseStatus.Completed)
        {
            return WorkflowResult.Fail(instance, WorkflowErrorCodes.CaseClosed, $"Case {instance.CaseId} is completed.");
        }

        if (instance.SuspendedSince is not null && command is ClaimStep or ReleaseStep or CompleteStep)
        {
            return WorkflowResult.Fail(instance, WorkflowErrorCodes.CaseSuspended, $"Case {instance.CaseId} is suspended; resume it first.");
        }

        var transition = new Transition(this, instance, command.Actor, now);
        var error = command switch
        {
            ClaimStep claim => transition.Claim(claim),
            ReleaseStep release => transition.Release(release),
            CompleteStep complete => transition.Complete(complete),
            SupplyMaterials supply => transition.Supply(supply),
            ElapseWait elapse => transition.Elapse(elapse),
            SuspendCase => transition.Suspend(),
            ResumeCase => transition.Resume(),
            TerminateCase terminate => transition.Terminate(terminate),
            CloseItem close => transition.Close(close),
            SetSupplementDue due => transition.SetSupplementDue(due),
            AssignStep assign => transition.Assign(assign),
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
        return error is null ? transition.Finish() : new WorkflowResult(instance, [], error);
    }

    /// <summary>The definition an item of a running case started with.</summary>
    public WorkflowDefinition DefinitionOf(ItemInstance item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Catalog.FindItem(item.ItemId, item.Version)
            ?? throw new InvalidOperationException($"Item '{item.ItemId}' version {item.Version} is not in the catalogue; keep published versions in workflows/archive/.");
    }

    /// <summary>The steps a department can claim or complete now: ready or claimed, routed to <paramref name="department"/>.</summary>
    public IReadOnlyList<WorkItem> ReadySteps(WorkflowInstance instance, string department)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return [.. from item in instance.Items
                   let definition = DefinitionOf(item)
                   from step in item.Steps
                   where step.Status is StepStatus.Ready or StepStatus.Claimed
                   let stepDefinition = definition.FindStep(step.Id)!
                   where stepDefinition.Department == department
                   select new WorkItem(instance.CaseId, item.ItemId, step.Id, department, step.Status, step.ClaimedBy, stepDefinition.Outcomes.Select(o => o.Kind).ToList())];
    }

    /// <summary>The case's materials a department may see (need-to-know: PIPL).</summary>
    public IReadOnlyList<MaterialState> MaterialsVisibleTo(WorkflowInstance instance, string department)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var visible = instance.Items.SelectMany(i => DefinitionOf(i).Materials).Where(m => m.VisibleTo.Contains(department)).Select(m => m.Id).ToHashSet();
        return [.. instance.Materials.Where(m => visible.Contains(m.Id))];
    }

    /// <summary>
    /// Deadlines and lights at <paramref name="now"/> of the case, each item, and every active human
    /// step: what an SLA watcher stores and a dashboard shows.
    /// </summary>
    public SlaReport Sla(WorkflowInstance instance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var calendar = Catalog.Calendar;
        var steps = from item in instance.Items
                    let definition = DefinitionOf(item)
                    from step in item.Steps
                    where step.Clock is not null && step.Status is StepStatus.Ready or StepStatus.Claimed or StepStatus.Returned
                    select new StepDeadline(item.ItemId, step.Id, definition.FindStep(step.Id)!.Department, SlaClock.Evaluate(step.Clock!, calendar, now));
        return new SlaReport(
            SlaClock.Evaluate(instance.Clock, calendar, now),
            [.. instance.Items.Select(i => new ItemDeadline(i.ItemId, SlaClock.Evaluate(i.Clock, calendar, now)))],
            [.. steps]);
    }

    /// <summary>
    /// 法定时限: the statutory limit of the case (a bundle's own, else its longest item's) plus <paramref name="extendedDays"/>
    /// granted by extensions. It counts what the promised clock counts (supplements, expert reviews, non-counting waits and
    /// suspensions stand still) and stops with it.
    /// </summary>
    public Deadline Statutory(WorkflowInstance instance, int extendedDays, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var statutory = instance.BundleId is { } bundle && instance.BundleVersion is { } version && Catalog.FindBundle(bundle, version) is { } found
            ? found.StatutoryDays
            : instance.Items.Max(i => DefinitionOf(i).StatutoryDays);
        return SlaClock.Evaluate(instance.Clock with { LimitDays = statutory + extendedDays }, Catalog.Calendar, now);
    }

    /// <summary>The acts' rules of a case: the largest extension allowance and supplement period of its items; approval if any item asks for it.</summary>
    public ActRules RulesOf(WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var rules = instance.Items.Select(i => DefinitionOf(i).ActRules).ToList();
        return new ActRules(rules.Max(r => r.ExtensionDays), rules.Max(r => r.SupplementDays), rules.Any(r => r.ActsNeedApproval));
    }

    /// <summary>
    /// The supplements past their last day at <paramref name="today"/>: each returned step's (item and step), and the deferred
    /// materials' (item and step null).
    /// </summary>
    public static IReadOnlyList<OverdueSupplement> OverdueSupplements(WorkflowInstance instance, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var overdue = new List<OverdueSupplement>();
        if (instance.SupplementDueOn is { } deferredDue && deferredDue < today && instance.Materials.Any(m => m.Status == MaterialStatus.Deferred))
        {
            overdue.Add(new OverdueSupplement(null, null, deferredDue));
        }

        overdue.AddRange(from item in instance.Items
                         where item.Status == ItemStatus.Open
                         from step in item.Steps
                         where step.Status == StepStatus.Returned && step.SupplementDue is { } due && due < today
                         select new OverdueSupplement(item.ItemId, step.Id, step.SupplementDue!.Value));
        return overdue;
    }

    /// <summary>The one place where state changes: a command's effect, then readiness, completion and clocks.</summary>
    private sealed class Transition(WorkflowEngine engine, WorkflowInstance instance, string actor, DateTimeOffset now)
    {
        private readonly List<JournalEntry> _events = [];

        private WorkflowInstance _state = instance;

        private bool _terminating;

        public WorkflowResult Finish()
        {
            Advance();
            return new WorkflowResult(_state with { Journal = _state.Journal.AddRange(_events) }, _events, null);
        }

        public void Record(JournalAction action, string? itemId, string? stepId, Outcome? outcome = null, string? reason = null, IEnumerable<string>? materials = null) =>
            _events.Add(new JournalEntry(_state.Journal.Length + _events.Count + 1, now, actor, action, itemId, stepId, outcome, reason, [.. materials ?? []]));

        public WorkflowError? Claim(ClaimStep command)
        {
            if (Locate(command.ItemId, command.StepId, wantsHuman: true, out var item, out var step) is { } error)
            {
                return error;
            }

            if (step.Status == StepStatus.Claimed)
            {
                return new(step.ClaimedBy == command.Actor ? WorkflowErrorCodes.StepNotReady : WorkflowErrorCodes.ClaimedByOther, $"Step '{step.Id}' is already claimed by {step.ClaimedBy}.");
            }

            if (step.Status != StepStatus.Ready)
            {
                return NotReady(step);
            }

            SetStep(item, step with { Status = StepStatus.Claimed, ClaimedBy = command.Actor });
            Record(JournalAction.StepClaimed, item.ItemId, step.Id);
            return null;
        }

        public WorkflowError? Release(ReleaseStep command)
        {
            if (Locate(command.ItemId, command.StepId, wantsHuman: true, out var item, out var step) is { } error)
            {
                return error;
            }

            if (step.Status != StepStatus.Claimed)
            {
                return new(WorkflowErrorCodes.StepNotClaimed, $"Step '{step.Id}' is {step.Status.ToString().ToLowerInvariant()}, not claimed.");
            }

            if (step.ClaimedBy != command.Actor)
            {
                return new(WorkflowErrorCodes.ClaimedByOther, $"Step '{step.Id}' is claimed by {step.ClaimedBy}; only they can release it.");
            }

            // The step's own clock keeps running: releasing hands the work back, it does not stop the time limit.
            SetStep(item, step with { Status = StepStatus.Ready, ClaimedBy = null });
            Record(JournalAction.StepReleased, item.ItemId, step.Id);
            return null;
        }

        public WorkflowError? Assign(AssignStep command)
        {
            if (Locate(command.ItemId, command.StepId, wantsHuman: true, out var item, out var step) is { } error)
            {
                return error;
            }

            if (step.Status is not (StepStatus.Ready or StepStatus.Claimed))
            {
                return NotReady(step);
            }

            if (step.ClaimedBy == command.Assignee)
            {
                return new(WorkflowErrorCodes.AlreadyAssigned, $"Step '{step.Id}' is already claimed by {command.Assignee}.");
            }

            // Like a release, the step's clock keeps running: who does the work changes, the time limit does not.
            SetStep(item, step with { Status = StepStatus.Claimed, ClaimedBy = command.Assignee });
            Record(JournalAction.StepAssigned, item.ItemId, step.Id, reason: command.Assignee);
            return null;
        }

        public WorkflowError? Complete(CompleteStep command)
        {
            if (Locate(command.ItemId, command.StepId, wantsHuman: true, out var item, out var step) is { } error)
            {
                return error;
            }

            if (step.Status is not (StepStatus.Ready or StepStatus.Claimed))
            {
                return NotReady(step);
            }

            if (step.Status == StepStatus.Claimed && step.ClaimedBy != command.Actor)
            {
                return new(WorkflowErrorCodes.ClaimedByOther, $"Step '{step.Id}' is claimed by {step.ClaimedBy}.");
            }

            var definition = engine.DefinitionOf(item);
            if (definition.FindStep(step.Id)!.FindOutcome(command.Outcome) is not { } outcome)
            {
                return new(WorkflowErrorCodes.OutcomeNotAllowed, $"Step '{step.Id}' does not allow '{command.Outcome}'.");
            }

            var missing = command.MissingMaterials ?? [];
            switch (command.Outcome)
            {
                case Outcome.Reject when string.IsNullOrWhiteSpace(command.Reason):
                    return new(WorkflowErrorCodes.MissingReason, "A rejection needs a reason for the talent.");
                case Outcome.Return when missing.Count == 0:
                    return new(WorkflowErrorCodes.MissingMaterials, "A return for supplement must name every missing material at once.");
                case Outcome.Return when missing.FirstOrDefault(m => definition.Materials.All(d => d.Id != m)) is { } strange:
                    return new(WorkflowErrorCodes.UnknownMaterial, $"'{strange}' is not in the checklist of '{item.ItemId}'.");
            }

            var today = OfficeTime.DateOf(now);
            if (command.Outcome == Outcome.Return && command.SupplementDue is { } asked && asked <= today)
            {
                return new(WorkflowErrorCodes.InvalidDue, $"The supplement due date {asked:yyyy-MM-dd} must be after today.");
            }

            _state = _state with { Data = _state.Data.SetItems(outcome.Sets) };
            if (command.Outcome == Outcome.Return)
            {
                var due = command.SupplementDue ?? definition.ActRules.SupplementDue(engine.Catalog.Calendar, today);
                SetStep(item, step with { Status = StepStatus.Returned, ReturnedFor = [.. missing], Clock = step.Clock?.Pause(true, now), SupplementDue = due });
                var materials = _state.Materials.RemoveAll(m => missing.Contains(m.Id)).AddRange(missing.Distinct().Select(m => new MaterialState(m, MaterialStatus.Requested)));
                _state = _state with { Materials = [.. materials.OrderBy(m => m.Id, StringComparer.Ordinal)] };
                Record(JournalAction.StepReturned, item.ItemId, step.Id, Outcome.Return, command.Reason, missing);
                return null;
            }

            SetStep(item, step with { Status = StepStatus.Done, Outcome = command.Outcome, Clock = step.Clock?.Stop(now) });
            Record(JournalAction.StepCompleted, item.ItemId, step.Id, command.Outcome, command.Reason);
            if (command.Outcome == Outcome.Reject)
            {
                Reject(item.ItemId, command.Reason!);
            }

            return null;
        }

        public WorkflowError? Supply(SupplyMaterials command)
        {
            var known = _state.Items.SelectMany(i => engine.DefinitionOf(i).Materials).Select(m => m.Id).ToHashSet();
            if (command.MaterialIds.FirstOrDefault(m => !known.Contains(m)) is { } strange)
            {
                return new(WorkflowErrorCodes.UnknownMaterial, $"'{strange}' is not in the checklist of this case.");
            }

            var outstanding = _state.Materials.Where(m => m.Status != MaterialStatus.Provided && command.MaterialIds.Contains(m.Id)).ToList();
            if (outstanding.Count == 0)
            {
                return new(WorkflowErrorCodes.NothingOutstanding, "None of these materials was deferred or requested.");
            }

            var materials = _state.Materials.RemoveAll(m => command.MaterialIds.Contains(m.Id))
                .AddRange(command.MaterialIds.Distinct().Select(m => new MaterialState(m, MaterialStatus.Provided)));
            _state = _state with { Materials = [.. materials.OrderBy(m => m.Id, StringComparer.Ordinal)] };
            var provided = _state.Materials.Where(m => m.Status == MaterialStatus.Provided).Select(m => m.Id).ToHashSet();
            if (_state.Materials.All(m => m.Status != MaterialStatus.Deferred))
            {
                _state = _state with { SupplementDueOn = null };
            }

            Record(JournalAction.MaterialsSupplied, null, null, materials: command.MaterialIds);
            foreach (var item in _state.Items)
            {
                foreach (var step in item.Steps.Where(s => s.Status == StepStatus.Returned && s.ReturnedFor.All(provided.Contains)))
                {
                    SetStep(_state.Items.Single(i => i.ItemId == item.ItemId), step with
                    {
                        Status = step.ClaimedBy is null ? StepStatus.Ready : StepStatus.Claimed,
                        ReturnedFor = [],
                        Clock = _state.SuspendedSince is null ? step.Clock?.Pause(false, now) : step.Clock,
                        SupplementDue = null,
                    });
                    Record(JournalAction.StepResumed, item.ItemId, step.Id);
                }
            }

            return null;
        }

        public WorkflowError? Elapse(ElapseWait command)
        {
            if (Locate(command.ItemId, command.StepId, wantsHuman: false, out var item, out var step) is { } error)
            {
                return error;
            }

            if (step.Status != StepStatus.Waiting)
            {
                return NotReady(step);
            }

            if (now < step.WaitUntil)
            {
                return new(WorkflowErrorCodes.WaitNotElapsed, $"Step '{step.Id}' waits until {step.WaitUntil:O}.");
            }

            SetStep(item, step with { Status = StepStatus.Done });
            Record(JournalAction.WaitElapsed, item.ItemId, step.Id);
            return null;
        }

        public WorkflowError? Suspend()
        {
            if (_state.SuspendedSince is not null)
            {
                return new(WorkflowErrorCodes.CaseSuspended, $"Case {_state.CaseId} is already suspended.");
            }

            _state = _state with { SuspendedSince = now };
            PauseSteps(paused: true);
            return null;
        }

        public WorkflowError? Resume()
        {
            if (_state.SuspendedSince is null)
            {
                return new(WorkflowErrorCodes.NotSuspended, $"Case {_state.CaseId} is not suspended.");
            }

            _state = _state with { SuspendedSince = null };
            PauseSteps(paused: false);
            return null;
        }

        public WorkflowError? Terminate(TerminateCase command)
        {
            // A terminated case is not completed: no 办结 entry (and no completion notice), the termination is its end.
            _terminating = true;
            _state = _state with { SuspendedSince = null };
            foreach (var item in _state.Items.Where(i => i.Status == ItemStatus.Open).ToList())
            {
                Reject(item.ItemId, command.Reason);
            }

            return null;
        }

        public WorkflowError? Close(CloseItem command)
        {
            var item = _state.Items.FirstOrDefault(i => i.ItemId == command.ItemId);
            if (item is null)
            {
                return new(WorkflowErrorCodes.UnknownItem, $"Case {_state.CaseId} has no item '{command.ItemId}'.");
            }

            if (item.Status != ItemStatus.Open)
            {
                return new(WorkflowErrorCodes.ItemClosed, $"Item '{command.ItemId}' is already {item.Status.ToString().ToLowerInvariant()}.");
            }

            Reject(item.ItemId, command.Reason);
            return null;
        }

        public WorkflowError? SetSupplementDue(SetSupplementDue command)
        {
            if (command.Due <= OfficeTime.DateOf(now))
            {
                return new(WorkflowErrorCodes.InvalidDue, $"The supplement due date {command.Due:yyyy-MM-dd} must be after today.");
            }

            if (command.ItemId is null || command.StepId is null)
            {
                if (_state.Materials.All(m => m.Status != MaterialStatus.Deferred))
                {
                    return new(WorkflowErrorCodes.NothingOutstanding, "No material is deferred.");
                }

                _state = _state with { SupplementDueOn = command.Due };
                return null;
            }

            if (Locate(command.ItemId, command.StepId, wantsHuman: true, out var item, out var step) is { } error)
            {
                return error;
            }

            if (step.Status != StepStatus.Returned)
            {
                return new(WorkflowErrorCodes.NothingOutstanding, $"Step '{step.Id}' is not waiting for a supplement.");
            }

            SetStep(item, step with { SupplementDue = command.Due });
            return null;
        }

        /// <summary>Pauses the human steps' own clocks (a suspension), or restarts those not waiting for a supplement.</summary>
        private void PauseSteps(bool paused)
        {
            foreach (var item in _state.Items.Where(i => i.Status == ItemStatus.Open))
            {
                SetItem(item with
                {
                    Steps = [.. item.Steps.Select(s => s.Clock is null || (!paused && s.Status == StepStatus.Returned) ? s : s with { Clock = s.Clock.Pause(paused, now) })],
                });
            }
        }

        private WorkflowError? Locate(string itemId, string stepId, bool wantsHuman, out ItemInstance item, out StepInstance step)
        {
            item = _state.Items.FirstOrDefault(i => i.ItemId == itemId)!;
            step = item?.Steps.FirstOrDefault(s => s.Id == stepId)!;
            if (item is null)
            {
                return new(WorkflowErrorCodes.UnknownItem, $"Case {_state.CaseId} has no item '{itemId}'.");
            }

            if (item.Status != ItemStatus.Open)
            {
                return new(WorkflowErrorCodes.ItemClosed, $"Item '{itemId}' is already {item.Status.ToString().ToLowerInvariant()}.");
            }

            if (step is null)
            {
                return new(WorkflowErrorCodes.UnknownStep, $"Item '{itemId}' has no step '{stepId}'.");
            }

            var isHuman = engine.DefinitionOf(item).FindStep(stepId)!.IsHuman;
            return isHuman == wantsHuman
                ? null
                : new(isHuman ? WorkflowErrorCodes.StepNotReady : WorkflowErrorCodes.NotAHumanStep,
                    isHuman ? $"Step '{stepId}' is not a wait." : $"Step '{stepId}' is a wait; it ends when its time comes.");
        }

        private static int IndexOf<T>(ImmutableArray<T> array, Func<T, bool> match)
        {
            for (var i = 0; i < array.Length; i++)
            {
                if (match(array[i]))
                {
                    return i;
                }
            }

            throw new InvalidOperationException("The element is not in the array.");
        }

        private static WorkflowError NotReady(StepInstance step) =>
            new(WorkflowErrorCodes.StepNotReady, $"Step '{step.Id}' is {step.Status.ToString().ToLowerInvariant()}, not ready.");

        private void SetStep(ItemInstance item, StepInstance step)
        {
            var current = _state.Items.Single(i => i.ItemId == item.ItemId);
            var index = IndexOf(current.Steps, s => s.Id == step.Id);
            SetItem(current with { Steps = current.Steps.SetItem(index, step) });
        }

        private void SetItem(ItemInstance item) =>
            _state = _state with { Items = _state.Items.SetItem(IndexOf(_state.Items, i => i.ItemId == item.ItemId), item) };

        private void Reject(string itemId, string reason)
        {
            var item = _state.Items.Single(i => i.ItemId == itemId);
            foreach (var step in item.Steps.Where(s => s.Status is not (StepStatus.Done or StepStatus.Skipped)))
            {
                Record(JournalAction.StepCancelled, itemId, step.Id);
            }

            SetItem(item with
            {
                Status = ItemStatus.Rejected,
                Reason = reason,
                Clock = item.Clock.Stop(now),
                Steps = [.. item.Steps.Select(s => s.Status is StepStatus.Done or StepStatus.Skipped ? s : s with { Status = StepStatus.Cancelled, Clock = s.Clock?.Stop(now) })],
            });
            Record(JournalAction.ItemRejected, itemId, null, Outcome.Reject, reason);
        }

        /// <summary>Readies, skips and completes until nothing changes, then pauses or resumes the clocks.</summary>
        private void Advance()
        {
            var calendar = engine.Catalog.Calendar;
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var item in _state.Items.Where(i => i.Status == ItemStatus.Open))
                {
                    var definition = engine.DefinitionOf(item);
                    var current = item;
                    for (var index = 0; index < current.Steps.Length; index++)
                    {
                        var step = current.Steps[index];
                        var stepDefinition = definition.Steps[index];
                        var satisfied = stepDefinition.DependsOn.All(d => current.Steps.Single(s => s.Id == d).Status is StepStatus.Done or StepStatus.Skipped);
                        if (step.Status != StepStatus.Pending || !satisfied)
                        {
                            continue;
                        }

                        changed = true;
                        StepInstance next;
                        if (stepDefinition.Condition is { } condition && !condition.IsSatisfiedBy(_state.Data))
                        {
                            next = step with { Status = StepStatus.Skipped };
                            Record(JournalAction.StepSkipped, item.ItemId, step.Id);
                        }
                        else
                        {
                            next = step with
                            {
                                Status = stepDefinition.IsHuman ? StepStatus.Ready : StepStatus.Waiting,
                                ReadyAt = now,
                                WaitUntil = stepDefinition.Kind switch
                                {
                                    StepKind.WaitUntil => OfficeTime.StartOf(stepDefinition.WaitUntil!.EndFor(OfficeTime.DateOf(now))),
                                    StepKind.WaitDays => OfficeTime.EndOf(calendar.AddWorkingDays(OfficeTime.DateOf(now), stepDefinition.WaitDays!.Value)),
                                    _ => null,
                                },
                                Clock = stepDefinition.LimitDays is { } limit ? ClockState.Start(now, limit, definition.Warning) : null,
                            };
                            Record(JournalAction.StepReady, item.ItemId, step.Id);
                        }

                        current = current with { Steps = current.Steps.SetItem(index, next) };
                    }

                    if (current.Steps.All(s => s.Status is StepStatus.Done or StepStatus.Skipped))
                    {
                        changed = true;
                        current = current with { Status = ItemStatus.Approved, Clock = current.Clock.Stop(now) };
                        Record(JournalAction.ItemApproved, item.ItemId, null, Outcome.Approve);
                    }

                    SetItem(current);
                }
            }

            foreach (var item in _state.Items.Where(i => i.Status == ItemStatus.Open))
            {
                var definition = engine.DefinitionOf(item);
                var paused = _state.SuspendedSince is not null || item.Steps.Any(s => s.Status == StepStatus.Returned
                    || (s.Status is StepStatus.Ready or StepStatus.Claimed or StepStatus.Waiting && !definition.FindStep(s.Id)!.Counts));
                SetItem(item with { Clock = item.Clock.Pause(paused, now) });
            }

            var open = _state.Items.Where(i => i.Status == ItemStatus.Open).ToList();
            if (open.Count == 0)
            {
                _state = _state with { Status = CaseStatus.Completed, Clock = _state.Clock.Stop(now) };
                if (!_terminating)
                {
                    Record(JournalAction.CaseCompleted, null, null);
                }
            }
            else
            {
                _state = _state with { Clock = _state.Clock.Pause(open.All(i => i.Clock.IsPaused), now) };
            }
        }
    }
}

/// <summary>A supplement past its last day: a returned step's, or the deferred materials' (<see cref="ItemId"/> and <see cref="StepId"/> null).</summary>
public sealed record OverdueSupplement(string? ItemId, string? StepId, DateOnly Due)
{
    /// <summary>How the case names it: <c>item.step</c>, or <c>deferred</c>.</summary>
    public string Key => ItemId is null ? "deferred" : $"{ItemId}.{StepId}";
}

/// <summary>A step in a department's queue.</summary>
public sealed record WorkItem(string CaseId, string ItemId, string StepId, string Department, StepStatus Status, string? ClaimedBy, IReadOnlyList<Outcome> Outcomes);

/// <summary>An item's clock at one instant.</summary>
public sealed record ItemDeadline(string ItemId, Deadline Deadline);

/// <summary>A human step's own clock at one instant; red is a breach even when the case is on time.</summary>
public sealed record StepDeadline(string ItemId, string StepId, string? Department, Deadline Deadline);

/// <summary>Every clock of a case at one instant.</summary>
/// <param name="Case">The case's clock (its <see cref="Deadline.DueAt"/> at acceptance is the promised date on the receipt).</param>
/// <param name="Items">Each item's clock (its promised limit).</param>
/// <param name="Steps">Each ready, claimed or returned human step's own clock.</param>
public sealed record SlaReport(Deadline Case, IReadOnlyList<ItemDeadline> Items, IReadOnlyList<StepDeadline> Steps);
