using System.Globalization;
using Window.Storage;

namespace Window.Host.Components.Studio;

/// <summary>
/// How many unfinished cases (open, or completed but not yet delivered) run on each item version, for the studio's
/// lists: an administrator sees which versions running cases still use before retracting one. One grouped query on
/// the read model, the same on SQLite and PostgreSQL; counts only, no personal data.
/// </summary>
public sealed class StudioUsage(WindowDatabase database)
{
    /// <summary>Unfinished cases by (item, version); versions without any are absent.</summary>
    public async Task<IReadOnlyDictionary<(string ItemId, int Version), int>> OpenCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT i.item_id, i.item_version, COUNT(DISTINCT i.case_id) FROM window_case_items i JOIN window_cases c ON c.case_id = i.case_id " +
            "WHERE c.status IN ('open', 'completed') GROUP BY i.item_id, i.item_version";
        var counts = new Dictionary<(string, int), int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetInt32(1))] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
        }

        return counts;
    }
}
