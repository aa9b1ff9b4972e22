using System.Globalization;

namespace Window.Host.Documents;

/// <summary>
/// The documents' settings (<c>Window:Documents:*</c>): the issuing office (letterhead and footer), each kind's number
/// prefix, the public address the QR code leads to, how many working days a supplement notice gives, and the sweep that
/// issues documents a crash left unissued. The defaults are a demo office; a deployment configures its own.
/// </summary>
public sealed record DocumentOptions(
    Letterhead Letterhead,
    IReadOnlyDictionary<string, string> Prefixes,
    string PublicBaseUrl,
    TimeSpan SweepPeriod,
    TimeSpan SweepGrace,
    TimeSpan SweepOverlap)
{
    /// <summary>The settings from configuration, each with its default.</summary>
    public static DocumentOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Window:Documents");
        var letterhead = new Letterhead(
            OfficeName(configuration),
            section["Office:Address"] ?? "衢州市市民中心二楼 人才服务综合窗口",
            section["Office:Phone"] ?? "0570-8000000");
        var prefixes = DocumentKinds.All.ToDictionary(kind => kind.Id, kind => section[$"Prefixes:{kind.Id}"] ?? kind.Prefix, StringComparer.Ordinal);
        return new DocumentOptions(
            letterhead,
            prefixes,
            Hosting.WindowHostExtensions.PublicUrl(configuration),
            TimeSpan.Parse(section["SweepPeriod"] ?? "00:01:00", CultureInfo.InvariantCulture),
            TimeSpan.Parse(section["SweepGrace"] ?? "00:00:30", CultureInfo.InvariantCulture),
            TimeSpan.Parse(section["SweepOverlap"] ?? "01:00:00", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The office's name, one setting for the documents' letterhead and the receipt's heading: <c>Window:Documents:Office:Name</c>,
    /// else the older <c>Window:Ui:WindowName</c> (read as a fallback so that a deployment that set only it keeps its name).
    /// </summary>
    public static string OfficeName(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Window:Documents:Office:Name"] ?? configuration["Window:Ui:WindowName"] ?? "衢州市人才服务中心";
    }

    /// <summary>The printed number: the kind's prefix, the year in 〔〕 and the sequence (衢人才受〔2026〕123号).</summary>
    public string Number(string kind, int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefixes[kind]}〔{year}〕{sequence}号");
}
