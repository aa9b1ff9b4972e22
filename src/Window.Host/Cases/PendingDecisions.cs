using Window.Contracts;
using Window.Host.Api;
using Window.Storage.ReadModel;

namespace Window.Host.Cases;

/// <summary>
/// The acts waiting for a supervisor (extensions, and suspensions and terminations where the item asks for approval), for
/// the API and the supervisor's decisions page alike; read from the read model, supervisors only.
/// </summary>
public sealed class PendingDecisions(PendingActs acts)
{
    /// <summary>The pending requests, oldest first; null when <paramref name="actor"/> is not a supervisor.</summary>
    public async Task<IReadOnlyList<PendingDecisionDto>?> ForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role == Roles.Supervisor ? [.. (await acts.PendingAsync(cancellationToken)).Select(CaseActsApi.Decision)] : null;
    }
}
