using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Window.Host.Documents;
using Window.Storage;
using Window.Storage.Documents;
using Window.Testing;

namespace Window.Bench;

/// <summary>
/// Issue 19's figure: the time to generate one document (<c>--documents N</c>). For each kind, N renders (template, A4
/// layout, font subsets, PDF) and N issues (the same plus the number and the archive row, on a fresh SQLite database);
/// the medians and 95th percentiles go to the console and to bench/results.
/// </summary>
internal static class DocumentBench
{
    public static async Task<int> RunAsync(int count, string root, string? output)
    {
        using var folder = new TempDirectory("window-documents-bench");
        var database = WindowDatabase.Sqlite(Path.Combine(folder.Path, "documents.db"));
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var store = new SqlDocumentStore(database);
        var letterhead = new Letterhead("衢州市人才服务中心", "衢州市市民中心二楼 人才服务综合窗口", "0570-8000000");
        var options = DocumentOptions.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Documents: generation time per document ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Window.Bench -- --documents {count}` on {Environment.ProcessorCount} cores; SQLite archive.")
            .AppendLine()
            .AppendLine("| kind | render p50 ms | render p95 ms | issue p50 ms | issue p95 ms | PDF KB |")
            .AppendLine("| --- | --- | --- | --- | --- | --- |");

        // One unmeasured render: PDFsharp reads the 4 MB font once per process.
        DocumentRenderer.Render(DocumentTemplate.Load(DocumentKinds.Acceptance), Facts("warm"), letterhead);
        foreach (var kind in DocumentKinds.All)
        {
            var template = DocumentTemplate.Load(kind.Id);
            var renders = new List<double>();
            var issues = new List<double>();
            var bytes = 0;
            for (var i = 0; i < count; i++)
            {
                var watch = Stopwatch.StartNew();
                bytes = DocumentRenderer.Render(template, Facts($"{kind.Id}-{i}"), letterhead).Length;
                renders.Add(watch.Elapsed.TotalMilliseconds);

                watch.Restart();
                await store.IssueAsync(new DocumentDraft($"case-{kind.Id}-{i}", 1, kind.Id, 2026, DateTimeOffset.UtcNow, "bench"), sequence =>
                {
                    var number = options.Number(kind.Id, 2026, sequence);
                    return new RenderedDocument(number, DocumentRenderer.Render(template, Facts(number).With("document.number", number), letterhead));
                });
                issues.Add(watch.Elapsed.TotalMilliseconds);
            }

            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {kind.Id} | {Percentile(renders, 0.5):F1} | {Percentile(renders, 0.95):F1} | {Percentile(issues, 0.5):F1} | {Percentile(issues, 0.95):F1} | {bytes / 1024.0:F0} |");
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        var directory = output ?? Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyy-MM-dd}-documents.md");
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine($"report: {path}");
        return 0;
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(fraction * sorted.Count))];
    }

    /// <summary>A case of a realistic size: five materials received, one deferred, one requested, two items.</summary>
    private static DocumentFacts Facts(string number)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["office.name"] = "衢州市人才服务中心", ["office.address"] = "衢州市市民中心二楼 人才服务综合窗口", ["office.phone"] = "0570-8000000",
            ["document.number"] = number, ["document.date"] = "2026年11月30日", ["case.number"] = "RC-2026-000123", ["case.lookupCode"] = "K7QM2XPA",
            ["case.acceptedOn"] = "2026年11月30日", ["case.promisedBy"] = "2026年12月14日", ["talent.name"] = "张三丰", ["talent.idNumber"] = "330***********0013",
            ["officer.name"] = "人才专员 李强", ["clerk.name"] = "窗口受理员 王敏", ["items.names"] = "人才公寓、医疗体检",
            ["act.date"] = "2026年11月30日", ["act.by"] = "住建局经办人", ["act.reason"] = "社保缴纳记录不足6个月", ["act.step"] = "人才公寓 · 住房资格审核",
            ["act.department"] = "住建局", ["supplement.due"] = "2026年12月14日", ["progress.url"] = "http://localhost:5080/progress?number=RC-2026-000123",
        };
        string[] materials = ["居民身份证", "劳动合同", "社保缴纳记录", "健康状况问卷", "人才认定证书"];
        var tables = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            ["items"] = [["1", "人才公寓", "2026年12月14日"], ["2", "医疗体检", "2026年12月7日"]],
            ["materials.received"] = [.. materials.Select((m, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), m])],
            ["materials.deferred"] = [["1", "本地住房情况证明", "2026年12月4日"]],
            ["materials.requested"] = [["1", "社保缴纳记录", "住建局"]],
            ["results"] = [["1", "人才公寓", "已批准", ""], ["2", "医疗体检", "已批准", ""]],
        };
        return new DocumentFacts(values, tables);
    }
}
