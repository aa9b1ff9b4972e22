using Window.Contracts;
using Window.Host.Api;
using Window.Storage.Identity;
using Window.Storage.ReadModel;

namespace Window.Host.Cases;

/// <summary>
/// Handing work over (issue 20), for the API and the pages alike: a step given to a named clerk of its department, every
/// open case of one officer given to another, and what a user still holds before an administrator deactivates them.
/// The names are checked against the staff directory here; each case still decides (and journals) its own change.
/// </summary>
public sealed class HandoverService(CaseCommandService commands, UserStore users, OpenWork work, TimeProvider time)
{
    /// <summary>A supervisor gives a ready or claimed step to <c>user</c>, an active clerk of the step's department.</summary>
    public async Task<CaseOutcome> AssignStepAsync(CommandSource source, string caseId, string stepId, AssigneeRequest? request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(request?.User))
        {
            return CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_request", "Name the clerk who takes the step.", field: "user");
        }

        var user = request.User.Trim();
        if (await users.FindAsync(user, cancellationToken) is not { Active: true, Role: Roles.Department, Department: { } department })
        {
            return CaseOutcome.Fail(OutcomeStatus.Unprocessable, "unknown_clerk", "No active department clerk has that user name.", field: "user");
        }

        return await commands.AssignStepAsync(source, caseId, stepId, user, department);
    }

    /// <summary>
    /// A supervisor hands every case <paramref name="from"/> still owns (in progress or waiting for 出件) to
    /// <c>to</c>, an active officer: one reassignment per case under the request's key, so a retry replays each. The count
    /// is stored by key: a retry answers it again instead of counting the cases already moved.
    /// </summary>
    public async Task<(HandoverDto? Handover, CaseOutcome? Refusal, bool Replayed)> HandOverAsync(
        CommandSource source, string from, HandoverRequest? request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Key is not { } key)
        {
            return (null, CaseOutcome.Fail(OutcomeStatus.Invalid, "idempotency_key_required", "Every change needs an Idempotency-Key header.", field: "Idempotency-Key"), false);
        }

        if (string.IsNullOrWhiteSpace(request?.To))
        {
            return (null, CaseOutcome.Fail(OutcomeStatus.Invalid, "invalid_request", "Name the officer who takes the cases.", field: "to"), false);
        }

        var to = request.To.Trim();
        if (await work.HandoverAsync(source.Actor.User, key, cancellationToken) is { } done)
        {
            return done.From == from && done.To == to
                ? (new HandoverDto(done.From, done.To, done.Moved), null, true)
                : (null, CaseOutcome.Fail(OutcomeStatus.KeyReused, "idempotency_key_reused", "This Idempotency-Key was used for another handover."), false);
        }

        if (to == from)
        {
            return (null, CaseOutcome.Fail(OutcomeStatus.Invalid, "same_officer", "The cases already belong to that officer.", field: "to"), false);
        }

        if (await users.FindAsync(from, cancellationToken) is not { Role: Roles.Officer })
        {
            return (null, CaseOutcome.Fail(OutcomeStatus.NotFound, "unknown_officer", "No officer has that user name."), false);
        }

        if (await users.FindAsync(to, cancellationToken) is not { Active: true, Role: Roles.Officer })
        {
            return (null, CaseOutcome.Fail(OutcomeStatus.Unprocessable, "unknown_officer", "No active officer has that user name.", field: "to"), false);
        }

        var moved = 0;
        foreach (var caseId in await work.OpenCasesOfAsync(from, cancellationToken))
        {
            var outcome = await commands.ReassignAsync(source, caseId, new ReassignRequest(to));
            if (outcome.Succeeded)
            {
                moved++;
            }
            else if (outcome.Status == OutcomeStatus.Unavailable)
            {
                return (null, outcome, false);
            }
        }

        await work.RecordHandoverAsync(source.Actor.User, key, new HandoverRow(from, to, moved, time.GetUtcNow()), cancellationToken);
        return (new HandoverDto(from, to, moved), null, false);
    }

    /// <summary>
    /// Why <paramref name="user"/> may not be deactivated yet: they still own open cases or hold claimed steps, which would be
    /// stranded; a supervisor hands them over first (the cases at /handover, each step on its case). Null when nothing is held.
    /// </summary>
    public async Task<RuleProblem?> DeactivationProblemAsync(string user, CancellationToken cancellationToken = default)
    {
        var count = await work.CountAsync(user, cancellationToken);
        return count.Any
            ? new RuleProblem("active", "open_work", $"{user} still owns {count.Cases} open cases and holds {count.Steps} claimed steps: a supervisor hands them over first.")
            : null;
    }

    /// <summary>What <paramref name="user"/> still holds: open cases as officer, claimed steps as clerk.</summary>
    public async Task<OpenWorkDto> OpenWorkAsync(string user, CancellationToken cancellationToken = default)
    {
        var count = await work.CountAsync(user, cancellationToken);
        return new OpenWorkDto(user, count.Cases, count.Steps);
    }
}
