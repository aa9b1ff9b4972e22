using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using Window.Grains.Projections;
using Window.Grains.Telemetry;
using Window.Workflows.Calendar;
using Window.Workflows.Engine;

namespace Window.Grains;

/// <summary>
/// One case (see <see cref="ICaseGrain"/>). Every command goes the same way: replay a known key, authorize, let time act,
/// decide (a pure decider per command, under <c>Cases/Commands</c>), then one state write and one projection.
/// </summary>
public sealed class CaseGrain(
    [PersistentState("case")] IPersistentState<CaseState> store,
    WorkflowEngine engine,
    TimeProvider time,
    ICaseProjectionSink projections,
    IOfficerDirectory officers,
    IOfficerWorkload workload,
    Serializer<CaseView> views,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    private readonly ReplayLedger ledger = new(views, logger);
    private WorkflowInstance? instance;
    private readonly QuietSpell quiet = new(engine);
    private ProjectionWriter? writer;

    private string CaseId => this.GetPrimaryKeyString();

    private ProjectionWriter Writer => writer ??= new ProjectionWriter(projections, CaseId, logger);

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
            // A projection lost to a crash between the state write and the read-model write is found here; the call that
            // activated the case repairs it (a command with its own projection, so one request projects once).
            await Writer.CheckAsync(store.State, cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or TimeoutException)
        {
            Writer.Unknown(exception);
        }
    }

    /// <inheritdoc />
    public Task<CaseOutcome> OpenAsync(OpenCase command) => RunAsync("accept", command, span => OpenCoreAsync(command, span));

    /// <inheritdoc />
    public async Task<CaseOutcome> ExecuteAsync(CaseCommand command)
    {
        var outcome = await RunAsync(CaseCommands.NameOf(command), command, span => ExecuteCoreAsync(command, span));
        return command.Meta.Actor.Role == Roles.Department && outcome.Case is { } whole && instance is not null
            ? outcome with { Case = AccessRules.Filter(whole, command.Meta.Actor, instance, engine) }
            : outcome;
    }

    private async Task<CaseOutcome> RunAsync<T>(string name, T command, Func<CommandScope, Task<CaseOutcome>> run)
        where T : CaseCommand
    {
        ArgumentNullException.ThrowIfNull(command);
        using var span = Begin(name, command.Meta.Actor);
        var outcome = await run(span);
        span.End(outcome);
        return outcome;
    }

    private async Task<CaseOutcome> OpenCoreAsync(OpenCase command, CommandScope span)
    {
        if (AccessRules.MayOpen(command.Meta.Actor) is { } denied)
        {
            return denied;
        }

        if (store.State.IsOpened)
        {
            return store.State.OpeningKey == ReplayLedger.KeyOf(command.Meta) && store.State.Opening is { } opening
                ? ledger.Replay(opening, command.Meta, store.State, ViewAt)
                : CaseOutcome.Fail(OutcomeStatus.Conflict, "case_exists", "This case is already open.");
        }

        var context = Context();
        var (accepted, refusal) = OpenCaseDecider.Accept(command, context);
        if (accepted is null)
        {
            return refusal!;
        }

        // Drawn only for an accepted opening, so that refusals leave no gaps in the receipt numbers.
        var number = await GrainFactory.GetGrain<ICaseNumberGrain>(OfficeTime.DateOf(context.Now).Year.ToString(CultureInfo.InvariantCulture)).NextAsync();
        span.Activity?.SetTag(WindowTelemetry.CaseNumber, number);
        var officer = OfficerChoice.Choose(await officers.OfficersAsync(), await workload.OpenCasesPerOfficerAsync());
        var decision = OpenCaseDecider.Open(command, accepted, number, officer, LookupCodes.New(), context);
        var outcome = await CommitAsync(decision.State!, decision.Instance!, context, span, command.Meta, OutcomeStatus.Created);
        CaseMetrics.Opened(instance!);
        return outcome;
    }

    private async Task<CaseOutcome> ExecuteCoreAsync(CaseCommand command, CommandScope span)
    {
        if (!store.State.IsOpened || instance is null)
        {
            return CaseOutcome.Fail(OutcomeStatus.NotFound, "case_not_found", "No such case.");
        }

        if (store.State.Commands.TryGetValue(ReplayLedger.KeyOf(command.Meta), out var record))
        {
            return ledger.Replay(record, command.Meta, store.State, ViewAt);
        }

        if ((AccessRules.Authorize(store.State, command) ?? CaseCommands.Validate(command)) is { } refused)
        {
            return refused;
        }

        // Time acts first (a wait ends, a light turns), in the same write as the command.
        var context = Context();
        var caught = quiet.Holds(context.Now) ? null : CatchUpDecider.Decide(store.State, instance, context);
        var (state, current) = caught is null ? (store.State, instance) : (caught.State!, Journal.WithoutEngineJournal(caught.Instance ?? instance));
        var directory = CaseCommands.NeedsOfficers(command) ? await officers.OfficersAsync() : [];
        var decision = CaseCommands.Decide(state, current, command, context, directory);
        span.Target(decision.Target);

        if (decision.Refusal is { } refusal)
        {
            if (caught is not null)
            {
                using var catchUp = Begin("catch-up", Actor.System);
                catchUp.End(await CommitAsync(state, current, context, catchUp, null));
            }

            return refusal;
        }

        return await CommitAsync(decision.State!, decision.Instance ?? current, context, span, command.Meta);
    }

    /// <inheritdoc />
    public async Task<CaseView?> GetAsync() => await RepairedAsync() ? View() : null;

    /// <inheritdoc />
    public async Task<CaseView?> ViewForAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await RepairedAsync() && AccessRules.MaySee(actor, instance!, engine) ? AccessRules.Filter(View(), actor, instance!, engine) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync()
    {
        return await RepairedAsync() ? CaseTracer.WithTraceIds(store.State, await JournalAsync()) : [];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimelineEntry>> TimelineForAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await RepairedAsync() && AccessRules.MaySee(actor, instance!, engine)
            ? CaseTracer.WithTraceIds(store.State, (await JournalAsync()).Where(e => AccessRules.Shows(actor, e.Department)))
            : [];
    }

    /// <inheritdoc />
    public async Task<CaseTraceView?> TraceForAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await RepairedAsync() && AccessRules.MaySee(actor, instance!, engine) ? CaseTracer.View(await WholeTraceAsync(), await JournalAsync(), instance!, actor) : null;
    }

    /// <inheritdoc />
    public async Task<CaseView?> LookupAsync(string code) =>
        await RepairedAsync() && code is not null && LookupCodes.Matches(store.State.LookupCode, code) ? View() : null;

    /// <inheritdoc />
    public async Task<bool> RepairProjectionAsync()
    {
        if (!store.State.IsOpened || instance is null || !await Writer.CheckAsync(store.State, CancellationToken.None))
        {
            return false;
        }

        await Writer.ProjectAsync(store.State, View());
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> RecountDatesAsync(string calendarFingerprint)
    {
        if (engine.Catalog.Calendar.Fingerprint != calendarFingerprint)
        {
            // This silo has not loaded the published year yet: recounting now would record the old calendar as done.
            return false;
        }

        if (!store.State.IsOpened || instance is null || !RecountDatesDecider.IsDue(store.State, instance, calendarFingerprint))
        {
            return true;
        }

        using var span = Begin("recount-dates", Actor.System);
        var context = Context();
        var decision = RecountDatesDecider.Decide(store.State, instance, context);
        span.End(await CommitAsync(decision.State!, decision.Instance ?? instance, context, span, null));
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> CatchUpAsync()
    {
        if (!store.State.IsOpened || instance is null)
        {
            return false;
        }

        var context = Context();
        if (quiet.Holds(context.Now) || CatchUpDecider.Decide(store.State, instance, context) is not { } caught)
        {
            await RepairedAsync();
            return false;
        }

        using var span = Begin("catch-up", Actor.System);
        span.End(await CommitAsync(caught.State!, caught.Instance ?? instance, context, span, null));
        return true;
    }

    /// <summary>
    /// The one way a change is stored: lights recorded, version raised, the outcome kept for replay under the command's key
    /// (the opening's own record for an opening), transitions traced; then one state write, one projection, the metrics.
    /// </summary>
    private async Task<CaseOutcome> CommitAsync(
        CaseState decided, WorkflowInstance next, CaseContext context, CommandScope span, CommandMeta? meta, OutcomeStatus status = OutcomeStatus.Ok)
    {
        var known = store.State.Timeline.Count;
        var (state, current, view) = Settlement.Settle(store.State, instance, decided, next, context);
        var outcome = new CaseOutcome(status, null, null, view, [], Recorded: [.. state.Timeline.Skip(known).Select(e => e.Kind).Distinct()]);
        var before = Before();
        state = meta is null ? ledger.Freeze(state, before) : ledger.Keep(state, meta, outcome, context.Now, before);
        state = CaseTracer.Traced(CaseId, state, current, known, span);
        await SaveAsync(state, current, view);
        quiet.Begin(view, context.Now);
        CaseMetrics.Measure(state, current, known, engine.Catalog.Calendar);
        return outcome;
    }

    private async Task SaveAsync(CaseState state, WorkflowInstance current, CaseView view)
    {
        var previous = store.State;
        store.State = Writer.Trimmed(state);
        instance = current;
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
            quiet.End();
            DeactivateOnIdle();
            throw;
        }

        await Writer.ProjectAsync(store.State, view);
    }

    /// <summary>
    /// The state with its whole trace: the root span, the spans the read model holds before the state's tail, then the tail
    /// (which holds every span not known durable there). A state that still holds every span (older states) needs no read.
    /// </summary>
    private async Task<CaseState> WholeTraceAsync()
    {
        var state = store.State;
        if (state.Trace is not { Commands.Count: > 1, IsNumbered: true } trace || trace.Commands[1].Number <= 2)
        {
            return state;
        }

        var stored = await projections.SpansAsync(CaseId, trace.Commands[1].Number);
        return state with
        {
            Trace = trace with
            {
                Commands = [trace.Commands[0], .. stored.Where(s => s.Number > 1).Select(s => new CommandSpan(
                    s.SpanId, s.Name, s.StartedAt, s.Duration, s.FirstSeq, s.Department, s.StepId, s.Number)), .. trace.Commands.Skip(1)],
            },
        };
    }

    /// <summary>
    /// The case's whole journal: the entries the read model holds before the state's tail, then the tail (which holds every
    /// entry not known durable there). A state that still holds its whole journal (older states) needs no read.
    /// </summary>
    private async Task<IReadOnlyList<TimelineEntry>> JournalAsync()
    {
        var tail = store.State.Timeline;
        if (tail.IsEmpty || tail[0].Seq == 1)
        {
            return tail;
        }

        var stored = await projections.EventsAsync(CaseId, tail[0].Seq);
        return [.. stored.Select(e => new TimelineEntry(e.Seq, e.At, e.Actor, e.Role ?? "", e.Department, e.Kind, e.ItemId, e.StepId, e.Detail, e.TraceId, e.SpanId)), .. tail];
    }

    /// <summary>Whether the case is open; first repairs its projection when activation or a failed write left it behind.</summary>
    private async Task<bool> RepairedAsync()
    {
        if (!store.State.IsOpened || instance is null)
        {
            return false;
        }

        if (Writer.Pending)
        {
            await Writer.ProjectAsync(store.State, View());
        }

        return true;
    }

    private CaseContext Context() => new(CaseId, engine, time.GetUtcNow());

    private CaseView View() => Projection.View(CaseId, store.State, instance!, engine, time.GetUtcNow());

    /// <summary>The view of the stored case at an instant: how the replay ledger rebuilds the newest record's answer.</summary>
    private CaseView ViewAt(DateTimeOffset at) => Projection.View(CaseId, store.State, instance!, engine, at);

    /// <summary>The stored case's view at an instant, as it stands before a change (none before the opening).</summary>
    private Func<DateTimeOffset, CaseView>? Before()
    {
        var (stored, storedInstance) = (store.State, instance);
        return stored.IsOpened && storedInstance is not null ? at => Projection.View(CaseId, stored, storedInstance, engine, at) : null;
    }

    private CommandScope Begin(string name, Actor actor) => CaseTracer.Begin(CaseId, store.State, instance, name, actor, time.GetUtcNow());
}
