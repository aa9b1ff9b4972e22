using System.Globalization;

namespace Window.Host.Materials;

/// <summary>
/// The materials' settings (<c>Window:Materials:*</c>): how large one file and all files of a case may be, how long the
/// files of closed cases are archived (default 10 years) and those of withdrawn or terminated cases kept (default 1 year:
/// no decision was made on them, so only the period in which the talent may still ask about them), and how often the
/// retention pass runs.
/// </summary>
public sealed record MaterialOptions(long MaxFileBytes, long MaxCaseBytes, int ArchiveYears, TimeSpan AbandonedRetention, TimeSpan PurgePeriod)
{
    /// <summary>The size of one stored chunk of clear bytes (each is sealed on its own).</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>The settings from configuration, each with its default.</summary>
    public static MaterialOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Window:Materials");
        return new MaterialOptions(
            long.Parse(section["MaxFileBytes"] ?? (20L * 1024 * 1024).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            long.Parse(section["MaxCaseBytes"] ?? (100L * 1024 * 1024).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            int.Parse(section["ArchiveYears"] ?? "10", CultureInfo.InvariantCulture),
            TimeSpan.Parse(section["AbandonedRetention"] ?? "365.00:00:00", CultureInfo.InvariantCulture),
            TimeSpan.Parse(section["PurgePeriod"] ?? "06:00:00", CultureInfo.InvariantCulture));
    }
}
