using System.Globalization;
using Window.Contracts;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>Officers' workload, for choosing who takes a new case.</summary>
public interface IWorkload
{
    /// <summary>How many cases each officer holds open (status open or completed but not yet delivered).</summary>
    Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default);
}

/// <summary><see cref="IWorkload"/> from the partial index window_cases_open_per_officer.</summary>
public sealed class Workload(WindowDatabase database) : IWorkload
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT officer, COUNT(*) FROM window_cases WHERE status IN {In(CaseStatusKind.Open, CaseStatusKind.Completed)} GROUP BY officer", []);
        var counts = await ReadAllAsync(command, reader => (Officer: reader.GetString(0), Count: Convert.ToInt32(reader.GetValue(1),
            CultureInfo.InvariantCulture)), cancellationToken);
        return counts.ToDictionary(count => count.Officer, count => count.Count, StringComparer.Ordinal);
    }
}
