using System.Collections.Immutable;
using Window.Contracts;
using Window.Workflows.Calendar;
using Window.Workflows.Conditions;
using Window.Workflows.Engine;

namespace Window.Grains.Cases.Commands;

/// <summary>
/// The window opens a case (<see cref="OpenCase"/>). Decided in two pure steps: <see cref="Accept"/> validates and starts
/// the engine; only then does the grain draw a case number and choose an officer, which <see cref="Open"/> writes into the
/// first state. A refused opening therefore never uses up a receipt number.
/// </summary>
public static class OpenCaseDecider
{
    /// <summary>An accepted opening: the engine's started instance and its first journal entries.</summary>
    public sealed record Accepted(WorkflowInstance Instance, IReadOnlyList<JournalEntry> Events);

    /// <summary>Checks the deferred materials' dates and starts the engine, or refuses.</summary>
    public static (Accepted? Accepted, CaseOutcome? Refusal) Accept(OpenCase command, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var calendar = context.Engine.Catalog.Calendar;
        var today = OfficeTime.DateOf(context.Now);
        if (command.Deferred.FirstOrDefault(d => d.Due < today) is { } late)
        {
            return (null, CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_due", $"The supplement date of {late.Material} is in the past.", [late.Material], "deferred"));
        }

        int? supplementDays = command.Deferred.Count > 0
            ? Math.Max(0, calendar.WorkingDaysBetween(today, command.Deferred.Max(d => d.Due)))
            : null;
        var data = new Dictionary<string, CaseValue>(StringComparer.Ordinal) { ["tier"] = CaseValue.Of(command.Tier) };
        foreach (var (field, literal) in command.Data ?? new Dictionary<string, string>())
        {
            // The host checked each against the items' declared intake fields; the tier stays the talent's.
            using var value = System.Text.Json.JsonDocument.Parse(literal);
            data.TryAdd(field, CaseValue.FromJson(value.RootElement) ?? CaseValue.Null);
        }

        var start = new StartCase(context.CaseId, command.Meta.Actor.User, command.Items, data, command.Materials,
            [.. command.Deferred.Select(d => d.Material)], supplementDays);
        var result = context.Engine.Start(start, context.Now);
        return result.IsSuccess ? (new Accepted(result.Instance!, result.Events), null) : (null, Refusals.FromEngine(result.Error!));
    }

    /// <summary>
    /// The case's first state: numbered, with its lookup code and officer (fetched by the grain), its promise counted in
    /// working days from today, the engine's entries and the officer's assignment journaled.
    /// </summary>
    public static Decision Open(OpenCase command, Accepted accepted, string number, string officer, string lookupCode, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(context);
        var calendar = context.Engine.Catalog.Calendar;
        var instance = accepted.Instance;
        var timeline = Journal.Append([], accepted.Events, command.Meta.Actor, instance, context.Engine);
        timeline = timeline.Add(Journal.Entry(timeline, context.Now, Actor.System, TimelineKind.OfficerAssigned.Stored, null, null, officer));
        var state = new CaseState
        {
            Number = number,
            LookupCode = lookupCode,
            TalentId = command.TalentId,
            SealedIdentity = command.SealedIdentity,
            Tier = command.Tier,
            Officer = officer,
            Timeline = timeline,
            Trips = 1,
            PromisedBy = calendar.AddWorkingDays(OfficeTime.DateOf(context.Now), instance.Clock.LimitDays),
            DeferredDue = command.Deferred.ToImmutableDictionary(d => d.Material, d => d.Due),
            OpeningKey = ReplayLedger.KeyOf(command.Meta),
            CalendarFingerprint = calendar.Fingerprint,
        };
        return Decision.To(state, instance);
    }
}
