namespace Window.Grains;

/// <summary>The talent office's case officers (专员) who can own cases.</summary>
public interface IOfficerDirectory
{
    /// <summary>User names of the officers who currently take cases.</summary>
    Task<IReadOnlyList<string>> OfficersAsync(CancellationToken cancellationToken = default);
}
