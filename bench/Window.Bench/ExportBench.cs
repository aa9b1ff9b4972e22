using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Window.Host.Hosting;
using Npgsql;
using Window.Host.Sla;
using Window.Host.Sla.Exports;
using Window.Storage.Sla;

namespace Window.Bench;

/// <summary>
/// A month's export as the supervisor asks for it (GET /api/sla/export: the report, then the workbook or the PDF), through
/// the host's own <see cref="SupervisionExports"/> resolved from <c>AddWindowHost</c>'s services over the seeded read model.
/// The host is built, not started: the exports read the database and the catalogue, not the grains.
/// </summary>
internal static class ExportBench
{
    public static async Task<IReadOnlyList<(string Query, double[] Latencies)>> RunAsync(
        string connectionString, string catalogDirectory, DateOnly from, DateOnly to, int rounds)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "window-bench-export-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ApplicationName = "Window.Host",
                EnvironmentName = Environments.Production,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Window:DataDir"] = dataDirectory,
                ["Window:WorkflowsDir"] = catalogDirectory,
                ["Window:Database:Provider"] = "PostgreSql",
                ["Window:Database:ConnectionString"] = connectionString,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.AddWindowHost();
            await using var app = builder.Build();
            var exports = app.Services.GetRequiredService<SupervisionExports>();

            // The first report of the month tallies the month's days that no summary has stored yet (as the first
            // supervisor to ask for it would); it is reported on its own, the later rounds read the stored days. A read
            // model queried again (--reuse-postgres) holds the tallies of the run before: they are deleted first.
            await ForgetDaysAsync(connectionString, from, to);
            var first = Stopwatch.StartNew();
            var report = await exports.ReportAsync(from, to, null, null);
            var firstMs = first.Elapsed.TotalMilliseconds;
            var (reports, workbooks, pdfs) = (new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < rounds; i++)
            {
                var started = Stopwatch.GetTimestamp();
                report = await exports.ReportAsync(from, to, null, null);
                reports.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                var workbook = exports.Workbook(report);
                workbooks.Add(reports[^1] + Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                var pdf = exports.Pdf(report);
                pdfs.Add(reports[^1] + Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (workbook.Length == 0 || pdf.Length == 0)
                {
                    throw new InvalidOperationException("An export came out empty.");
                }
            }

            BenchProgram.Log($"export of {from:yyyy-MM}: first report {firstMs:N0} ms ({report.Summary.ByOfficer.Count} officers, {report.Summary.Matrix.Count} matrix cells, {report.Breaches.Count} breaches)");
            await ProfileAsync(app.Services, connectionString, from, to);
            return
            [
                ($"a month's export: the report, first of the month (days tallied)", [firstMs]),
                ($"a month's export: the report + Excel workbook", [.. workbooks.Order()]),
                ($"a month's export: the report + monthly PDF", [.. pdfs.Order()]),
            ];
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task ForgetDaysAsync(string connectionString, DateOnly from, DateOnly to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var forget = new NpgsqlCommand("DELETE FROM window_sla_days WHERE day >= @from AND day <= @to", connection);
        forget.Parameters.AddWithValue("from", from);
        forget.Parameters.AddWithValue("to", to);
        await forget.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Where a report's time goes (logged, not reported): the summary with the month's days tallied again (their stored
    /// tallies deleted, as before the first report of the month), the summary once they are stored, and the breach list.
    /// </summary>
    private static async Task ProfileAsync(IServiceProvider services, string connectionString, DateOnly from, DateOnly to)
    {
        var summary = services.GetRequiredService<SlaSummary>();
        var calendar = services.GetRequiredService<CalendarYears>();
        var store = services.GetRequiredService<SqlSlaStore>();
        await ForgetDaysAsync(connectionString, from, to);
        var started = Stopwatch.GetTimestamp();
        await summary.ComputeAsync(calendar.Calendar, DateTimeOffset.UtcNow, from, to, null, null);
        var tallying = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        await summary.ComputeAsync(calendar.Calendar, DateTimeOffset.UtcNow, from, to, null, null);
        var stored = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        started = Stopwatch.GetTimestamp();
        var (breaches, total) = await store.BreachesAsync(0, SupervisionExports.MaxRows);
        var listing = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        BenchProgram.Log($"export of {from:yyyy-MM}, its parts: summary tallying the month {tallying:N0} ms, summary of stored days {stored:N0} ms, " +
            $"breach list ({breaches.Count:N0} of {total:N0}) {listing:N0} ms");
    }
}
