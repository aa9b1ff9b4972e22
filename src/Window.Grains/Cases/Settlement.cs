using Window.Contracts;
using Window.Workflows.Engine;

namespace Window.Grains.Cases;

/// <summary>A decision made ready to store: the part of every change that is the same whichever command made it.</summary>
public static class Settlement
{
    /// <summary>
    /// The decided state as stored: its lights recorded at the context's instant, its version one past the stored one, and
    /// the instance rewritten when it moved (or was stored the old way, as JSON); with the instance kept and the case's view.
    /// </summary>
    public static (CaseState State, WorkflowInstance Instance, CaseView View) Settle(
        CaseState stored, WorkflowInstance? storedInstance, CaseState decided, WorkflowInstance next, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(decided);
        var current = Journal.WithoutEngineJournal(next);
        var (state, view, _) = Lights.Record(decided with { Version = stored.Version + 1 }, current, context);
        if (!ReferenceEquals(next, storedInstance) || state.EngineInstance.Length == 0)
        {
            state = state with { EngineInstance = InstanceCodec.Write(current), Instance = [], InstanceJson = "" };
        }

        return (state, current, view);
    }
}
