namespace Window.Grains;

/// <summary>How many cases each officer holds: what a new case's officer is chosen by (the least loaded).</summary>
public interface IOfficerWorkload
{
    /// <summary>Open cases (open, or completed and not yet delivered) per officer's user name; officers with none may be absent.</summary>
    Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default);
}
