using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Window.Contracts;
using Window.Contracts.ReadModel;
using Window.Grains.Sla;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;

namespace Window.Grains;

/// <summary>One case, driving the workflow engine (see <see cref="ICaseGrain"/>).</summary>
public sealed partial class CaseGrain(
    [PersistentState("case")] IPersistentState<CaseState> store,
    WorkflowEngine engine,
    TimeProvider time,
    ICaseProjectionSink projections,
    IOfficerDirectory officers,
    IOfficerWorkload workload,
    Serializer<CaseView> views,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    /// <summary>How long applied commands' outcomes are kept for replay (the API promises at least 24 h).</summary>
    public static readonly TimeSpan KeyRetention = TimeSpan.FromHours(48);

    private const string LookupAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private WorkflowInstance? instance;
    private bool projectionPending;

    /// <summary>How many timeline entries this activation knows to be in the read model (not sent again).</summary>
    private int projectedEvents;

    /// <summary>The version of the projection that stored those entries (the read model must hold it or a newer one).</summary>
    private long projectedVersion;

    private WorkflowCatalog Catalog => engine.Catalog;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!store.State.IsOpened)
        {
            return;
        }

        instance = store.State.ReadInstance();
        try
        {
            // A projection lost to a crash between the state write and the read-model write is repaired here.
            await CatchUpProjectionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException)
        {
            LogProjectionFailed(exception, this.GetPrimaryKeyString());
        }
    }

    /// <inheritdoc />
    public async Task<CaseOutcome> OpenAsync(OpenCase command)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var span = BeginCommand("accept", command.Meta.Actor);
        var outcome = await OpenCoreAsync(command, span);
        span.End(outcome);
        return outcome;
    }

    /// <inheritdoc />
    public async Task<CaseOutcome> ExecuteAsync(CaseCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var span = BeginCommand(Kebab(command.GetType().Name.Replace("Command", "", StringComparison.Ordinal)), command.Meta.Actor);
        var outcome = await ExecuteCoreAsync(command, span);
        span.End(outcome);
        return outcome;
    }

    private async Task<CaseOutcome> OpenCoreAsync(OpenCase command, CommandScope span)
    {
        if (command.Meta.Actor.Role != Roles.FrontDesk)
        {
            return CaseOutcome.Fail(OutcomeStatus.Forbidden, "forbidden", "Only the front desk opens cases.");
        }

        if (store.State.IsOpened)
        {
            return store.State.OpeningKey == KeyOf(command.Meta) && store.State.Opening is { } opening
                ? Replay(opening, command.Meta)
                : CaseOutcome.Fail(OutcomeStatus.Conflict, "case_exists", "This case is already open.");
        }

        var now = time.GetUtcNow();
        var today = OfficeTime.DateOf(now);
        var late = command.Deferred.FirstOrDefault(d => d.Due < today);
        if (late is not null)
        {
            return CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_due", $"The supplement date of {late.Material} is in the past.", [late.Material], "deferred");
        }

        int? supplementDays = null;
        if (command.Deferred.Count > 0)
        {
            supplementDays = Math.Max(0, Catalog.Calendar.WorkingDaysBetween(today, command.Deferred.Max(d => d.Due)));
        }

        var caseId = this.GetPrimaryKeyString();
        var data = new Dictionary<string, CaseValue>(StringComparer.Ordinal) { ["tier"] = CaseValue.Of(command.Tier) };
        var start = new StartCase(caseId, command.Meta.Actor.User, command.Items, data, command.Materials,
            [.. command.Deferred.Select(d => d.Material)], supplementDays);
        var result = engine.Start(start, now);

        if (!result.IsSuccess)
        {
            return FromEngine(result.Error!);
        }

        var promisedBy = Catalog.Calendar.AddWorkingDays(today, result.Instance!.Clock.LimitDays);

        var number = await GrainFactory.GetGrain<ICaseNumberGrain>(today.Year.ToString(CultureInfo.InvariantCulture)).NextAsync();
        span.Activity?.SetTag(WindowTelemetry.CaseNumber, number);
        var officer = await ChooseOfficerAsync();
        instance = WithoutJournal(result.Instance!);
        var timeline = Append([], result.Events, command.Meta.Actor);
        timeline = timeline.Add(Entry(timeline, now, Actor.System, "officer-assigned", null, null, officer));
        var state = new CaseState
        {
            Number = number,
            LookupCode = NewLookupCode(),
            TalentId = command.TalentId,
            SealedIdentity = command.SealedIdentity,
            Tier = command.Tier,
            Officer = officer,
            Instance = WorkflowJson.SerializeToUtf8(instance),
            Timeline = timeline,
            Trips = 1,
            PromisedBy = promisedBy,
            DeferredDue = command.Deferred.ToImmutableDictionary(d => d.Material, d => d.Due),
            OpeningKey = KeyOf(command.Meta),
            Version = 1,
            CalendarFingerprint = Catalog.Calendar.Fingerprint,
        };
        (state, var view, _) = WithLights(state, instance, now);
        var outcome = new CaseOutcome(OutcomeStatus.Created, null, null, view, []);
        state = Traced(state with { Opening = Record(command.Meta, outcome, now) }, 0, span);
        await SaveAsync(state, view);
        foreach (var item in CaseItems())
        {
            WindowTelemetry.CasesOpened.Add(1, new KeyValuePair<string, object?>(WindowTelemetry.Item, item));
        }

        Measure(state, 0);
        return outcome;
    }

    private async Task<CaseOutcome> ExecuteCoreAsync(CaseCommand command, CommandScope span)
    {
        if (!store.State.IsOpened || instance is null)
        {
            return CaseOutcome.Fail(OutcomeStatus.NotFound, "case_not_found", "No such case.");
        }

        var key = KeyOf(command.Meta);
        if (store.State.Commands.TryGetValue(key, out var record))
        {
            return Replay(record, command.Meta);
        }

        if (Authorize(command) is { } denied)
        {
            return denied;
        }

        if (TextRefusal(command) is { } unclean)
        {
            return unclean;
        }

        await CatchUpAsync();
        if (command is ClaimStepCommand or CompleteStepCommand && Locate(StepOf(command)!, command.Meta.Actor) is { } target)
        {
            span.Target(target.ItemId, target.StepId);
        }

        var known = store.State.Timeline.Count;
        var now = time.GetUtcNow();
        var step = command switch
        {
            ClaimStepCommand claim => Claim(claim, now),
            CompleteStepCommand complete => Complete(complete, now),
            SupplyMaterialsCommand supply => Supply(supply, now),
            RecordVisitCommand visit => Visit(visit, now),
            ReassignOfficerCommand reassign => await ReassignAsync(reassign, now),
            DeliverResultCommand deliver => Deliver(deliver, now),
            EvaluateCommand evaluate => Evaluate(evaluate, now),
            WithdrawCommand withdraw => Withdraw(withdraw, now),
            RevealPersonalDataCommand reveal => Reveal(reveal, now),
            _ => Change.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "unknown_command", $"Unknown command {command.GetType().Name}.")),
        };
        if (step.Refusal is { } refusal)
        {
            return refusal;
        }

        instance = step.Instance is null ? instance : WithoutJournal(step.Instance);
        var (lit, view, _) = WithLights(step.State! with { Version = store.State.Version + 1 }, instance, now);
        var state = WithInstance(lit, instance, step.Instance is not null);
        var outcome = new CaseOutcome(OutcomeStatus.Ok, null, null, view, []);
        state = Traced(state with
        {
            Commands = Prune(state.Commands, now).SetItem(key, Record(command.Meta, outcome, now)),
        }, known, span);
        await SaveAsync(state, view);
        Measure(state, known);
        return outcome;
    }

    /// <inheritdoc />
    public Task<CaseView?> GetAsync() =>
        Task.FromResult(store.State.IsOpened && instance is not null ? View(store.State, instance, time.GetUtcNow()) : null);

    /// <inheritdoc />
    public Task<CaseView?> ViewForAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!store.State.IsOpened || instance is null || !MaySee(actor))
        {
            return Task.FromResult<CaseView?>(null);
        }

        var view = View(store.State, instance, time.GetUtcNow());
        if (actor.Role == Roles.Department)
        {
            var visible = engine.MaterialsVisibleTo(instance, actor.Department!).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            view = view with { Materials = [.. view.Materials.Where(m => visible.Contains(m.Id))] };
        }

        return Task.FromResult<CaseView?>(view);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TimelineEntry>> TimelineAsync() => Task.FromResult(WithTraceIds(store.State.Timeline));

    /// <inheritdoc />
    public Task<IReadOnlyList<TimelineEntry>> TimelineForAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!store.State.IsOpened || !MaySee(actor))
        {
            return Task.FromResult<IReadOnlyList<TimelineEntry>>([]);
        }

        return Task.FromResult(WithTraceIds(actor.Role == Roles.Department
            ? store.State.Timeline.Where(e => e.Department is null || e.Department == actor.Department)
            : store.State.Timeline));
    }

    /// <inheritdoc />
    public Task<CaseTraceView?> TraceForAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!store.State.IsOpened || instance is null || store.State.Trace is not { Commands.IsEmpty: false } trace || !MaySee(actor))
        {
            return Task.FromResult<CaseTraceView?>(null);
        }

        // Department staff see what their timeline shows: their department's work and the case-level entries.
        bool Visible(string? department) => actor.Role != Roles.Department || department is null || department == actor.Department;
        var timeline = store.State.Timeline;
        var root = trace.Commands[0];
        var spans = new List<TraceSpanView>();
        for (var index = 0; index < trace.Commands.Count; index++)
        {
            var command = trace.Commands[index];
            if (index > 0 && !Visible(command.Department))
            {
                continue;
            }

            var dot = command.StepId?.IndexOf('.', StringComparison.Ordinal) ?? -1;
            spans.Add(new TraceSpanView(
                command.SpanId, index == 0 ? null : root.SpanId, $"case.{command.Name}", command.Start, command.Start + command.Duration, command.Department,
                dot > 0 ? command.StepId![..dot] : null, dot > 0 ? command.StepId![(dot + 1)..] : null, index == 0 ? "created" : "ok"));
            var end = index + 1 < trace.Commands.Count ? trace.Commands[index + 1].FirstSeq - 1 : timeline.Count;
            for (var seq = command.FirstSeq; seq <= end && seq <= timeline.Count; seq++)
            {
                var entry = timeline[seq - 1];
                if (entry.SpanId is { } spanId && Visible(entry.Department))
                {
                    spans.Add(new TraceSpanView(spanId, command.SpanId, entry.Kind, entry.At, entry.At, entry.Department, entry.ItemId, entry.StepId, TransitionOutcome(entry)));
                }
            }
        }

        return Task.FromResult<CaseTraceView?>(new CaseTraceView(trace.TraceId, spans));
    }

    /// <inheritdoc />
    public Task<CaseView?> LookupAsync(string code)
    {
        if (!store.State.IsOpened || instance is null || code is null)
        {
            return Task.FromResult<CaseView?>(null);
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(store.State.LookupCode);
        var given = System.Text.Encoding.ASCII.GetBytes(code.Trim().ToUpperInvariant());
        return Task.FromResult(CryptographicOperations.FixedTimeEquals(expected, given) ? View(store.State, instance, time.GetUtcNow()) : null);
    }

    /// <inheritdoc />
    public Task<bool> RepairProjectionAsync() =>
        store.State.IsOpened && instance is not null ? CatchUpProjectionAsync(CancellationToken.None) : Task.FromResult(false);

    /// <inheritdoc />
    public async Task<bool> RecountDatesAsync(string calendarFingerprint)
    {
        var calendar = Catalog.Calendar;
        if (calendar.Fingerprint != calendarFingerprint)
        {
            // This silo has not loaded the published year yet: recounting now would record the old calendar as done.
            return false;
        }

        if (!store.State.IsOpened || instance is null || store.State.CalendarFingerprint == calendarFingerprint
            || store.State.Lifecycle != "open" || instance.Status == CaseStatus.Completed)
        {
            return true;
        }

        using var span = BeginCommand("recount-dates", Actor.System);
        var now = time.GetUtcNow();
        var known = store.State.Timeline.Count;
        var state = store.State with { CalendarFingerprint = calendarFingerprint, Version = store.State.Version + 1 };

        // A promise already printed on the receipt never moves earlier; a later one is taken and journaled (顺延).
        var recounted = calendar.AddWorkingDays(OfficeTime.DateOf(instance.AcceptedAt), instance.Clock.LimitDays);
        if (recounted > state.PromisedBy)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{state.PromisedBy:yyyy-MM-dd}→{recounted:yyyy-MM-dd}");
            state = state with
            {
                PromisedBy = recounted,
                Timeline = state.Timeline.Add(Entry(state.Timeline, now, Actor.System, "promise-postponed", null, null, detail)),
            };
        }

        var current = engine.WithWaitsRecounted(instance);
        var waitsMoved = !ReferenceEquals(current, instance);
        instance = WithoutJournal(current);
        var (lit, view, _) = WithLights(state, instance, now);
        var saved = Traced(WithInstance(lit, instance, waitsMoved), known, span);
        await SaveAsync(saved, view);
        Measure(saved, known);
        span.End(new CaseOutcome(OutcomeStatus.Ok, null, null, null, []));
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> CatchUpAsync()
    {
        if (!store.State.IsOpened || instance is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var current = instance;
        var timeline = store.State.Timeline;
        foreach (var item in current.Items.Where(i => i.Status == ItemStatus.Open))
        {
            foreach (var step in item.Steps.Where(s => s.Status == StepStatus.Waiting && s.WaitUntil <= now))
            {
                var result = engine.Apply(current, new ElapseWait(Actor.System.User, item.ItemId, step.Id), now);
                if (result.IsSuccess)
                {
                    current = result.Instance!;
                    timeline = Append(timeline, result.Events, Actor.System);
                }
            }
        }

        var waitsElapsed = !ReferenceEquals(current, instance);
        var (state, view, changed) = WithLights(store.State with { Timeline = timeline, Version = store.State.Version + 1 }, current, now);
        if (!waitsElapsed && !changed)
        {
            if (projectionPending)
            {
                await ProjectAsync();
            }

            return false;
        }

        using var span = BeginCommand("catch-up", Actor.System);
        var known = store.State.Timeline.Count;
        instance = WithoutJournal(current);
        var saved = Traced(WithInstance(state, instance, waitsElapsed), known, span);
        await SaveAsync(saved, view);
        Measure(saved, known);
        span.End(new CaseOutcome(OutcomeStatus.Ok, null, null, null, []));
        return true;
    }

    /// <summary>
    /// Records the lights the case shows at <paramref name="now"/>; each change since the last record is journaled
    /// once ("light-changed"), and escalations are sent from those journal entries.
    /// </summary>
    /// <remarks>
    /// The view returned is the case's view at <paramref name="now"/> in the state returned: light-changed entries and the
    /// recorded lights are not part of a view, so it is computed once, before they are added.
    /// </remarks>
    private (CaseState State, CaseView View, bool Changed) WithLights(CaseState state, WorkflowInstance current, DateTimeOffset now)
    {
        var view = View(state, current, now);
        var (lights, changes) = LightWatch.Detect(state.Lights, view);
        var timeline = state.Timeline;
        foreach (var change in changes)
        {
            timeline = timeline.Add(Entry(timeline, now, Actor.System, "light-changed", change.ItemId, change.StepId, change.To, change.Department));
        }

        return (state with { Timeline = timeline, Lights = lights }, view, changes.Count > 0);
    }

    /// <summary>
    /// The instance the grain keeps and stores: the engine's journal is dropped (every entry of it is in the timeline,
    /// and the engine numbers new entries from the journal only for its own results).
    /// </summary>
    private static WorkflowInstance WithoutJournal(WorkflowInstance current) =>
        current.Journal.IsDefaultOrEmpty ? current : current with { Journal = [] };

    /// <summary>The state holding <paramref name="current"/> as its stored instance (rewritten when it changed or was stored the old way).</summary>
    private static CaseState WithInstance(CaseState state, WorkflowInstance current, bool changed) =>
        changed || state.Instance.Length == 0 ? state with { Instance = WorkflowJson.SerializeToUtf8(current), InstanceJson = "" } : state;

    private CommandRecord Record(CommandMeta meta, CaseOutcome outcome, DateTimeOffset now) =>
        new(meta.RequestHash, outcome with { Case = null }, now, outcome.Case is null ? null : PackedView.Pack(views, outcome.Case));

    private Change Claim(ClaimStepCommand command, DateTimeOffset now)
    {
        if (Locate(command.StepId, command.Meta.Actor) is not { } target)
        {
            return Change.Refused(StepNotFound(command.StepId));
        }

        return Engine(new ClaimStep(command.Meta.Actor.User, target.ItemId, target.StepId), command.Meta.Actor, now);
    }

    private Change Complete(CompleteStepCommand command, DateTimeOffset now)
    {
        if (Locate(command.StepId, command.Meta.Actor) is not { } target)
        {
            return Change.Refused(StepNotFound(command.StepId));
        }

        if (!Enum.TryParse<Outcome>(command.Outcome, ignoreCase: true, out var outcome) || int.TryParse(command.Outcome, out _))
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_outcome", "The outcome must be approve, reject or return.", [], "outcome"));
        }

        return Engine(
            new CompleteStep(command.Meta.Actor.User, target.ItemId, target.StepId, outcome, command.Reason, command.Missing.Count > 0 ? command.Missing : null),
            command.Meta.Actor,
            now);
    }

    private Change Supply(SupplyMaterialsCommand command, DateTimeOffset now) =>
        Engine(new SupplyMaterials(command.Meta.Actor.User, command.Materials), command.Meta.Actor, now);

    private Change Visit(RecordVisitCommand command, DateTimeOffset now)
    {
        if (store.State.Lifecycle == "withdrawn")
        {
            return Change.Refused(Closed());
        }

        var state = store.State with { Trips = store.State.Trips + 1 };
        return Change.To(state with { Timeline = state.Timeline.Add(Entry(state.Timeline, now, command.Meta.Actor, "visit", null, null, command.Purpose)) });
    }

    private async Task<Change> ReassignAsync(ReassignOfficerCommand command, DateTimeOffset now)
    {
        if (store.State.Lifecycle != "open")
        {
            return Change.Refused(Closed());
        }

        if (!(await officers.OfficersAsync()).Contains(command.Officer, StringComparer.Ordinal))
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Unprocessable, "unknown_officer", $"{command.Officer} is not a case officer.", [command.Officer], "officer"));
        }

        if (command.Officer == store.State.Officer)
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "same_officer", $"{command.Officer} already owns this case."));
        }

        var state = store.State with { Officer = command.Officer };
        return Change.To(state with
        {
            Timeline = state.Timeline.Add(Entry(state.Timeline, now, command.Meta.Actor, "officer-assigned", null, null, command.Officer)),
        });
    }

    private Change Deliver(DeliverResultCommand command, DateTimeOffset now)
    {
        if (store.State.Lifecycle != "open")
        {
            return Change.Refused(Closed());
        }

        if (instance!.Status != CaseStatus.Completed)
        {
            var open = instance.Items.Where(i => i.Status == ItemStatus.Open).Select(i => i.ItemId).ToList();
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "not_decided", "The result can be handed over only when every item is decided.", open));
        }

        if (command.Method is not ("post" or "online" or "in-person"))
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_method", "The delivery method must be post, online or in-person.", [], "method"));
        }

        var state = store.State with
        {
            Lifecycle = "delivered",
            DeliveredAt = now,
            Trips = store.State.Trips + (command.Method == "in-person" ? 1 : 0),
        };
        return Change.To(state with { Timeline = state.Timeline.Add(Entry(state.Timeline, now, command.Meta.Actor, "delivered", null, null, command.Method)) });
    }

    private Change Evaluate(EvaluateCommand command, DateTimeOffset now)
    {
        if (store.State.Lifecycle == "withdrawn" || instance!.Status != CaseStatus.Completed)
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "not_completed", "The service can be rated once the case is completed."));
        }

        if (store.State.Evaluation is not null)
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Conflict, "already_evaluated", "This case was already rated."));
        }

        if (command.Level is < 1 or > 5)
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_level", "The level must be 1 to 5.", [], "level"));
        }

        // 差评 (levels 1 and 2) open a rectification (整改) task due in 10 working days (GB/T 39734-2020 practice).
        DateOnly? rectification = command.Level <= 2 ? Catalog.Calendar.AddWorkingDays(OfficeTime.DateOf(now), 10) : null;
        var state = store.State with { Evaluation = new EvaluationView(command.Level, command.Comment, now, rectification) };
        var timeline = state.Timeline.Add(Entry(state.Timeline, now, command.Meta.Actor, "evaluated", null, null, command.Level.ToString(CultureInfo.InvariantCulture)));
        if (rectification is { } due)
        {
            timeline = timeline.Add(Entry(timeline, now, Actor.System, "rectification-opened", null, null, due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return Change.To(state with { Timeline = timeline });
    }

    private Change Withdraw(WithdrawCommand command, DateTimeOffset now)
    {
        if (store.State.Lifecycle != "open" || instance!.Status == CaseStatus.Completed)
        {
            return Change.Refused(Closed());
        }

        var state = store.State with { Lifecycle = "withdrawn" };
        return Change.To(state with { Timeline = state.Timeline.Add(Entry(state.Timeline, now, command.Meta.Actor, "withdrawn", null, null, command.Reason)) });
    }

    private Change Reveal(RevealPersonalDataCommand command, DateTimeOffset now)
    {
        if (command.Field is not ("name" or "idNumber" or "phone"))
        {
            return Change.Refused(CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_field", "field must be name, idNumber or phone.", [], "field"));
        }

        return Change.To(store.State with
        {
            Timeline = store.State.Timeline.Add(Entry(store.State.Timeline, now, command.Meta.Actor, "personal-data-revealed", null, null, command.Field)),
        });
    }

    /// <summary>
    /// The second check of every command (the API checks roles first): who may do what on this case. Department
    /// staff reach only their department's steps (others are "not found"); officers act on their own cases.
    /// </summary>
    private CaseOutcome? Authorize(CaseCommand command)
    {
        var actor = command.Meta.Actor;
        var owner = actor.Role == Roles.Officer && actor.User == store.State.Officer;
        var allowed = actor.Role == Roles.System || command switch
        {
            ClaimStepCommand or CompleteStepCommand => actor.Role == Roles.Department,
            SupplyMaterialsCommand => owner,
            RecordVisitCommand or DeliverResultCommand or WithdrawCommand or RevealPersonalDataCommand => actor.Role == Roles.FrontDesk || owner,
            ReassignOfficerCommand => actor.Role == Roles.Supervisor,
            EvaluateCommand => actor.Role is Roles.FrontDesk or Roles.Talent,
            _ => false,
        };
        return allowed ? null : CaseOutcome.Fail(OutcomeStatus.Forbidden, "forbidden", "Your role may not do this on this case.");
    }

    private bool MaySee(Actor actor) => actor.Role switch
    {
        Roles.FrontDesk or Roles.Officer or Roles.Supervisor or Roles.System => true,
        Roles.Department => instance!.Items.Any(item => engine.DefinitionOf(item).Steps.Any(step => step.Department == actor.Department
            && item.Steps.Any(s => s.Id == step.Id && s.Status != StepStatus.Skipped))),
        _ => false,
    };

    private Change Engine(WorkflowCommand command, Actor actor, DateTimeOffset now)
    {
        if (store.State.Lifecycle != "open")
        {
            return Change.Refused(Closed());
        }

        var result = engine.Apply(instance!, command, now);

        if (!result.IsSuccess)
        {
            return Change.Refused(FromEngine(result.Error!));
        }

        return new Change(store.State with { Timeline = Append(store.State.Timeline, result.Events, actor) }, result.Instance, null);
    }

    /// <summary>Finds <c>item.step</c>; department staff see only their department's steps (the rest is "not found").</summary>
    private (string ItemId, string StepId)? Locate(string stepId, Actor actor)
    {
        var dot = stepId.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var (itemId, id) = (stepId[..dot], stepId[(dot + 1)..]);
        var item = instance!.Items.FirstOrDefault(i => i.ItemId == itemId);
        var definition = item is null ? null : engine.DefinitionOf(item).FindStep(id);
        if (definition is null || (actor.Role == Roles.Department && definition.Department != actor.Department))
        {
            return null;
        }

        return (itemId, id);
    }

    private async Task SaveAsync(CaseState state, CaseView view)
    {
        var previous = store.State;
        store.State = state;
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            // Nothing is acknowledged: the caller sees the failure. Whether the write reached the database is
            // unknown (it may have committed and then timed out, or another activation may have written first),
            // so this activation ends and the next call reads what storage really holds; a retry with the same
            // Idempotency-Key then replays instead of applying the command again.
            store.State = previous;
            instance = previous.IsOpened ? previous.ReadInstance() : null;
            DeactivateOnIdle();
            throw;
        }

        await ProjectAsync(view);
    }

    /// <summary>
    /// Compares the read model's version of the case with the state's: when it is behind, projects the state with the whole
    /// journal (the entries of lost projections may be among those this activation took for stored) and returns
    /// <see langword="true"/>; otherwise notes that the journal is stored up to the state (the write that stored a version
    /// stored its entries in the same transaction).
    /// </summary>
    private async Task<bool> CatchUpProjectionAsync(CancellationToken cancellationToken)
    {
        var stored = await projections.VersionOfAsync(this.GetPrimaryKeyString(), cancellationToken);
        if (stored >= store.State.Version)
        {
            projectedEvents = store.State.Timeline.Count;
            projectedVersion = stored.Value;
            return false;
        }

        projectedEvents = 0;
        await ProjectAsync();
        return true;
    }

    private async Task ProjectAsync(CaseView? view = null)
    {
        try
        {
            var state = store.State;
            view ??= View(state, instance!, time.GetUtcNow());
            try
            {
                var projection = Projection.Of(state, view, projectedEvents);
                await projections.ApplyAsync(projectedEvents == 0 ? projection : projection with { Continues = projectedVersion });
            }
            catch (ProjectionGapException gap)
            {
                // A projection acknowledged earlier was lost (a deferred commit and a database crash): the whole journal.
                LogProjectionGap(gap, this.GetPrimaryKeyString());
                await projections.ApplyAsync(Projection.Of(state, view));
            }

            projectionPending = false;
            projectedEvents = state.Timeline.Count;
            projectedVersion = state.Version;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            // The command is durable in the grain state; the read model catches up at the next change or activation.
            projectionPending = true;
            LogProjectionFailed(exception, this.GetPrimaryKeyString());
        }
    }

    private async Task<string> ChooseOfficerAsync()
    {
        var candidates = await officers.OfficersAsync();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException("No case officer is configured to take new cases.");
        }

        var load = await workload.OpenCasesPerOfficerAsync();
        return candidates.OrderBy(officer => load.GetValueOrDefault(officer)).ThenBy(officer => officer, StringComparer.Ordinal).First();
    }

    private CaseView View(CaseState state, WorkflowInstance current, DateTimeOffset now) => Projection.View(this.GetPrimaryKeyString(), state, current, engine, now);

    /// <summary>The recorded outcome for a retry: the first response's status and case view (unpacked).</summary>
    private CaseOutcome Replay(CommandRecord record, CommandMeta meta)
    {
        if (record.RequestHash != meta.RequestHash)
        {
            return CaseOutcome.Fail(OutcomeStatus.KeyReused, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
        }

        var outcome = record.Outcome with { Replayed = true };
        return record.View is { } packed ? outcome with { Case = PackedView.Unpack(views, packed) } : outcome;
    }

    private static string KeyOf(CommandMeta meta) => $"{meta.Actor.User}:{meta.IdempotencyKey}";

    private static ImmutableDictionary<string, CommandRecord> Prune(ImmutableDictionary<string, CommandRecord> commands, DateTimeOffset now) =>
        commands.Values.Any(record => now - record.At > KeyRetention)
            ? commands.Where(pair => now - pair.Value.At <= KeyRetention).ToImmutableDictionary()
            : commands;

    private ImmutableList<TimelineEntry> Append(ImmutableList<TimelineEntry> timeline, IReadOnlyList<JournalEntry> events, Actor actor)
    {
        foreach (var entry in events)
        {
            var item = entry.ItemId is null ? null : instance?.Items.FirstOrDefault(i => i.ItemId == entry.ItemId);
            var department = item is not null && entry.StepId is not null ? engine.DefinitionOf(item).FindStep(entry.StepId)?.Department : null;
            var detail = entry.Reason ?? (entry.Materials.IsDefaultOrEmpty ? entry.Outcome?.ToString().ToLowerInvariant() : string.Join(",", entry.Materials));
            var who = entry.Actor == actor.User ? actor : entry.Actor == Actor.System.User ? Actor.System : new Actor(entry.Actor, actor.Role, actor.Department);
            timeline = timeline.Add(Entry(timeline, entry.At, who, Kebab(entry.Action.ToString()), entry.ItemId, entry.StepId, detail, department));
        }

        return timeline;
    }

    private static TimelineEntry Entry(ImmutableList<TimelineEntry> timeline, DateTimeOffset at, Actor actor, string kind, string? itemId, string? stepId, string? detail, string? department = null) =>
        new(timeline.Count + 1, at, actor.User, actor.Role, department ?? actor.Department, kind, itemId, stepId, detail);

    private static string Kebab(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    private static string NewLookupCode() => string.Create(8, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = LookupAlphabet[RandomNumberGenerator.GetInt32(LookupAlphabet.Length)];
        }
    });

    private static CaseOutcome FromEngine(WorkflowError error)
    {
        var status = error.Code switch
        {
            WorkflowErrorCodes.UnknownStep or WorkflowErrorCodes.UnknownItem => OutcomeStatus.NotFound,
            WorkflowErrorCodes.MissingReason => OutcomeStatus.Invalid,
            WorkflowErrorCodes.MissingMaterials => OutcomeStatus.Invalid,
            WorkflowErrorCodes.MaterialsMissing or WorkflowErrorCodes.DeferralNotAllowed or WorkflowErrorCodes.UnknownMaterial
                or WorkflowErrorCodes.UnknownDefinition or WorkflowErrorCodes.OutcomeNotAllowed or WorkflowErrorCodes.NothingOutstanding => OutcomeStatus.Unprocessable,
            _ => OutcomeStatus.Conflict,
        };
        var field = error.Code switch
        {
            WorkflowErrorCodes.MissingReason => "reason",
            WorkflowErrorCodes.MissingMaterials => "missing",
            WorkflowErrorCodes.MaterialsMissing or WorkflowErrorCodes.UnknownMaterial => "materials",
            WorkflowErrorCodes.DeferralNotAllowed => "deferred",
            WorkflowErrorCodes.UnknownDefinition => "items",
            _ => null,
        };
        return CaseOutcome.Fail(status, error.Code, error.Message, error.Details ?? [], field);
    }

    /// <summary>
    /// The free text a command would store, checked by the one text rule before anything is decided: the grain keeps it
    /// in its state for good, whichever door (API or page) it came through.
    /// </summary>
    private static CaseOutcome? TextRefusal(CaseCommand command)
    {
        var (field, text) = command switch
        {
            CompleteStepCommand complete => ("reason", complete.Reason),
            RecordVisitCommand visit => ("purpose", visit.Purpose),
            EvaluateCommand evaluate => ("comment", evaluate.Comment),
            WithdrawCommand withdraw => ("reason", withdraw.Reason),
            _ => ("", null),
        };
        return TextRules.Check(text, TextRules.FreeText, field) is { } problem
            ? CaseOutcome.Fail(OutcomeStatus.Invalid, problem.Code, problem.Message, [], field)
            : null;
    }

    private static CaseOutcome StepNotFound(string stepId) =>
        CaseOutcome.Fail(OutcomeStatus.NotFound, WorkflowErrorCodes.UnknownStep, $"This case has no step {stepId}.");

    private static CaseOutcome Closed() =>
        CaseOutcome.Fail(OutcomeStatus.Conflict, WorkflowErrorCodes.CaseClosed, "The case is closed.");

    /// <summary>
    /// Starts the span of one command in the case's own trace: a child of the acceptance span stored with the case
    /// (or, for the acceptance itself, a new root), whatever request, department, day or silo it comes from. The
    /// request's span and this one link to each other, so either side leads to the other.
    /// </summary>
    private CommandScope BeginCommand(string name, Actor actor)
    {
        var trace = store.State.Trace;
        var parent = trace is { Commands.IsEmpty: false }
            ? new ActivityContext(ActivityTraceId.CreateFromString(trace.TraceId), ActivitySpanId.CreateFromString(trace.Commands[0].SpanId), ActivityTraceFlags.Recorded, isRemote: true)
            : default;
        var (workflow, version) = WorkflowOf(null);
        var tags = new TagList
        {
            { WindowTelemetry.CaseId, this.GetPrimaryKeyString() },
            { WindowTelemetry.Command, name },
        };
        if (store.State.Number is { } number)
        {
            tags.Add(WindowTelemetry.CaseNumber, number);
        }

        if (actor.Department is { } department)
        {
            tags.Add(WindowTelemetry.Department, department);
        }

        if (workflow is not null)
        {
            tags.Add(WindowTelemetry.WorkflowId, workflow);
            tags.Add(WindowTelemetry.WorkflowVersion, version);
        }

        return new CommandScope(name, actor.Department, time.GetUtcNow(), parent, tags);
    }

    /// <summary>
    /// Gives every timeline entry written since <paramref name="known"/> its own transition span (a child of the
    /// command's) and adds the command's compact record to the case's trace, so the tree can be rebuilt from state.
    /// </summary>
    private CaseState Traced(CaseState state, int known, CommandScope span)
    {
        if (span.Activity is not { } command)
        {
            return state;
        }

        var timeline = state.Timeline;
        var end = span.Start + span.Elapsed;
        for (var index = known; index < timeline.Count; index++)
        {
            var entry = timeline[index];
            var (workflow, version) = WorkflowOf(entry.ItemId);
            var tags = new TagList
            {
                { WindowTelemetry.CaseId, this.GetPrimaryKeyString() },
                { WindowTelemetry.CaseNumber, state.Number },
                { WindowTelemetry.WorkflowId, workflow },
                { WindowTelemetry.WorkflowVersion, version },
            };
            AddIfSet(ref tags, WindowTelemetry.Item, entry.ItemId);
            AddIfSet(ref tags, WindowTelemetry.Step, entry.StepId);
            AddIfSet(ref tags, WindowTelemetry.Department, entry.Department);
            AddIfSet(ref tags, entry.Kind == "light-changed" ? WindowTelemetry.Light : WindowTelemetry.Outcome, TransitionOutcome(entry));
            using var transition = WindowTelemetry.Source.StartActivity(entry.Kind, ActivityKind.Internal, command.Context, tags, startTime: entry.At);
            if (transition is not null)
            {
                transition.SetEndTime((end > entry.At ? end : entry.At.AddTicks(1)).UtcDateTime);
                timeline = timeline.SetItem(index, entry with { SpanId = transition.SpanId.ToHexString() });
            }
        }

        // Stopping a span started from a context leaves no current activity: the command's is current again.
        Activity.Current = command;
        var trace = state.Trace ?? new CaseTrace(command.TraceId.ToHexString(), []);
        var record = new CommandSpan(command.SpanId.ToHexString(), span.Name, span.Start, span.Elapsed, known + 1, span.Department, span.StepId);
        return state with { Timeline = timeline, Trace = trace with { Commands = trace.Commands.Add(record) } };
    }

    /// <summary>Counts what the entries written since <paramref name="known"/> mean for the metrics (after they are stored).</summary>
    private void Measure(CaseState state, int known)
    {
        foreach (var entry in state.Timeline.Skip(known))
        {
            switch (entry.Kind)
            {
                case "step-completed" when instance!.Items.FirstOrDefault(i => i.ItemId == entry.ItemId)?.Steps.FirstOrDefault(s => s.Id == entry.StepId) is { ReadyAt: { } ready } step:
                    var tags = new TagList
                    {
                        { WindowTelemetry.Department, entry.Department ?? "" },
                        { WindowTelemetry.Item, entry.ItemId },
                        { WindowTelemetry.Outcome, step.Outcome?.ToString().ToLowerInvariant() ?? "" },
                    };
                    WindowTelemetry.StepDuration.Record(Math.Max(0, (entry.At - ready).TotalSeconds), tags);
                    WindowTelemetry.StepWorkingDays.Record(Math.Max(0, Catalog.Calendar.WorkingDaysBetween(OfficeTime.DateOf(ready), OfficeTime.DateOf(entry.At))), tags);

                    break;
                case "light-changed" when entry.Detail == "red":
                    WindowTelemetry.SlaBreaches.Add(
                        1,
                        new KeyValuePair<string, object?>(WindowTelemetry.Department, entry.Department ?? ""),
                        new KeyValuePair<string, object?>(WindowTelemetry.Item, entry.ItemId ?? WorkflowOf(null).Id ?? ""));
                    break;
                case "case-completed" or "withdrawn":
                    foreach (var item in CaseItems())
                    {
                        (entry.Kind == "withdrawn" ? WindowTelemetry.CasesWithdrawn : WindowTelemetry.CasesCompleted).Add(1, new KeyValuePair<string, object?>(WindowTelemetry.Item, item));
                    }

                    break;
            }
        }
    }

    /// <summary>What the case is counted under: its bundle, or each of its items.</summary>
    private IEnumerable<string> CaseItems() =>
        instance!.BundleId is { } bundle ? [bundle] : instance.Items.Select(i => i.ItemId);

    /// <summary>The definition an entry runs: its item's (pinned version), else the case's bundle or single item.</summary>
    private (string? Id, int? Version) WorkflowOf(string? itemId)
    {
        if (instance is null)
        {
            return (null, null);
        }

        if (itemId is not null && instance.Items.FirstOrDefault(i => i.ItemId == itemId) is { } item)
        {
            return (item.ItemId, item.Version);
        }

        if (instance.BundleId is { } bundle)
        {
            return (bundle, instance.BundleVersion);
        }

        return instance.Items.Length == 1 ? (instance.Items[0].ItemId, instance.Items[0].Version) : (null, null);
    }

    /// <summary>A transition's outcome from controlled values only (a reason typed by staff never goes into telemetry).</summary>
    private string? TransitionOutcome(TimelineEntry entry) => entry.Kind switch
    {
        "light-changed" => entry.Detail is "green" or "yellow" or "red" ? entry.Detail : null,
        "step-completed" => instance?.Items.FirstOrDefault(i => i.ItemId == entry.ItemId)?.Steps.FirstOrDefault(s => s.Id == entry.StepId)?.Outcome?.ToString().ToLowerInvariant(),
        "item-approved" => "approve",
        "item-rejected" => "reject",
        _ => null,
    };

    /// <summary>The timeline with the case's trace id on every entry that has a span (stored once, not per entry).</summary>
    private IReadOnlyList<TimelineEntry> WithTraceIds(IEnumerable<TimelineEntry> entries) =>
        store.State.Trace is { } trace ? [.. entries.Select(e => e.SpanId is null ? e : e with { TraceId = trace.TraceId })] : [.. entries];

    private static string? StepOf(CaseCommand command) => command switch
    {
        ClaimStepCommand claim => claim.StepId,
        CompleteStepCommand complete => complete.StepId,
        _ => null,
    };

    private static void AddIfSet(ref TagList tags, string key, string? value)
    {
        if (value is not null)
        {
            tags.Add(key, value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model of case {CaseId} could not be written; it will be repaired")]
    private partial void LogProjectionFailed(Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The read model of case {CaseId} had lost an acknowledged projection; the whole journal was sent again")]
    private partial void LogProjectionGap(Exception exception, string caseId);

    /// <summary>
    /// One command's span and duration. The span is started with <see cref="Activity.Current"/> cleared so that it
    /// joins the case's trace (or starts it) rather than the request's; the request's span is linked both ways and
    /// made current again at the end. Times follow the grain's <see cref="TimeProvider"/> so that spans, timeline
    /// and the recorded tree agree; durations are measured.
    /// </summary>
    private sealed class CommandScope : IDisposable
    {
        private readonly Activity? incoming;
        private readonly long started = Stopwatch.GetTimestamp();
        private string outcome = "error";

        public CommandScope(string name, string? department, DateTimeOffset start, ActivityContext parent, TagList tags)
        {
            Name = name;
            Department = department;
            Start = start;
            incoming = Activity.Current;
            var links = incoming is null || incoming.TraceId == parent.TraceId ? null : new[] { new ActivityLink(incoming.Context) };
            Activity.Current = null;
            Activity = WindowTelemetry.Source.StartActivity($"case.{name}", ActivityKind.Internal, parent, tags, links, start);
            if (Activity is null)
            {
                Activity.Current = incoming;
            }
            else if (links is not null)
            {
                incoming!.AddLink(new ActivityLink(Activity.Context));
            }
        }

        public string Name { get; }

        public string? Department { get; }

        public string? StepId { get; private set; }

        public DateTimeOffset Start { get; }

        public Activity? Activity { get; }

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(started);

        public void Target(string itemId, string stepId)
        {
            StepId = $"{itemId}.{stepId}";
            Activity?.SetTag(WindowTelemetry.Item, itemId).SetTag(WindowTelemetry.Step, stepId);
        }

        public void End(CaseOutcome result) =>
            outcome = result.Replayed ? "replayed" : result.Succeeded ? result.Status.ToString().ToLowerInvariant() : result.Code ?? result.Status.ToString().ToLowerInvariant();

        public void Dispose()
        {
            var elapsed = Elapsed;
            WindowTelemetry.CommandDuration.Record(
                elapsed.TotalSeconds, new KeyValuePair<string, object?>(WindowTelemetry.Command, Name), new KeyValuePair<string, object?>(WindowTelemetry.Outcome, outcome));
            if (Activity is null)
            {
                return;
            }

            Activity.SetTag(WindowTelemetry.Outcome, outcome);
            if (outcome == "error")
            {
                Activity.SetStatus(ActivityStatusCode.Error);
            }

            Activity.SetEndTime((Start + (elapsed > TimeSpan.Zero ? elapsed : TimeSpan.FromTicks(1))).UtcDateTime);
            Activity.Dispose();
            Activity.Current = incoming;
        }
    }

    /// <summary>What a command does: a new state (and engine instance), or a refusal that changes nothing.</summary>
    private sealed record Change(CaseState? State, WorkflowInstance? Instance, CaseOutcome? Refusal)
    {
        public static Change To(CaseState state) => new(state, null, null);

        public static Change Refused(CaseOutcome outcome) => new(null, null, outcome);
    }
}
