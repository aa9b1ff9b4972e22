namespace Window.Grains;

/// <summary>
/// How a grain changes its persistent state so that a failed write leaves nothing unsaved behind (the case does the same
/// in <see cref="CaseGrain"/>'s own save, with its engine instance): memory goes back to the state last read or written,
/// and the activation ends when the call finishes, because whether the write reached the database is unknown — it may
/// have committed before the connection broke — and only a fresh read can tell. A retry then starts from what storage
/// holds: it neither skips a change that was never stored nor writes from a stale version.
/// </summary>
internal static class StoredState
{
    /// <summary>Replaces the state with <paramref name="next"/> and writes it, or restores it and ends the activation.</summary>
    public static async Task WriteAsync<T>(this IPersistentState<T> store, T next, IGrainBase grain)
    {
        var previous = store.State;
        store.State = next;
        try
        {
            await store.WriteStateAsync();
        }
        catch
        {
            store.State = previous;
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Removes the stored state, or restores it in memory and ends the activation.</summary>
    public static async Task ClearAsync<T>(this IPersistentState<T> store, IGrainBase grain)
    {
        var previous = store.State;
        try
        {
            await store.ClearStateAsync();
        }
        catch
        {
            store.State = previous;
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
