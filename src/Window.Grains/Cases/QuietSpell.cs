using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>
/// Until when time alone changes nothing in one case (<see cref="Lights.QuietUntil"/>), on the calendar it was counted
/// with: before it, a command needs no catch-up. Kept in memory only; a new activation starts without one.
/// </summary>
internal sealed class QuietSpell(WorkflowEngine engine)
{
    private DateTimeOffset until = DateTimeOffset.MinValue;
    private string calendar = "";

    /// <summary>Whether time alone has changed nothing by <paramref name="now"/> (false once another calendar is loaded).</summary>
    public bool Holds(DateTimeOffset now) => now < until && calendar == engine.Catalog.Calendar.Fingerprint;

    /// <summary>Starts the spell of the case whose stored view at <paramref name="now"/> is <paramref name="view"/>.</summary>
    public void Begin(CaseView view, DateTimeOffset now) => (until, calendar) = (Lights.QuietUntil(view, now), engine.Catalog.Calendar.Fingerprint);

    /// <summary>Forgets the spell (the stored state is not known any more).</summary>
    public void End() => until = DateTimeOffset.MinValue;
}
