using System.Diagnostics;
using System.Globalization;
using System.Text;
using static Window.Bench.Figures;

namespace Window.Bench;

/// <summary>Collects the figures of a run and writes them as <c>bench/results/&lt;date&gt;-&lt;machine&gt;.md</c>.</summary>
internal sealed class Report(BenchOptions options, IReadOnlyList<string> args, string root)
{
    private readonly DateTime started = DateTime.UtcNow;

    public string PostgresVersion { get; set; } = "";

    public string PostgresSettings { get; set; } = "";

    public PgbenchResult? PgbenchBefore { get; set; }

    public PgbenchResult? PgbenchAfter { get; set; }

    /// <summary>pgbench after our load with a payload as large as the mean stored case state (the issue's "similar payload").</summary>
    public PgbenchResult? PgbenchStateSized { get; set; }

    /// <summary>The mean size of the case states the grains/postgres run stored, in bytes.</summary>
    public int MeanCaseStateBytes { get; set; }

    /// <summary>The mean and largest case states the grains/sqlite run stored, in bytes.</summary>
    public (int Mean, int Max) SqliteCaseStateBytes { get; set; }

    /// <summary>The SQLite ceiling loop after the grains/sqlite run (<see cref="SqliteCeiling"/>).</summary>
    public CeilingResult? SqliteCeiling { get; set; }

    public List<LoadResult> Loads { get; } = [];

    public Dictionary<string, (IReadOnlyList<(string Name, long Calls, double MeanMs, double TotalMs)> Calls, int Commands)> Breakdowns { get; } = new(StringComparer.Ordinal);

    public string StateSizes { get; set; } = "";

    public MemoryResult? Memory { get; set; }

    public List<QueryResult> Queries { get; } = [];

    public Dictionary<int, TimeSpan> Seeding { get; } = [];

    /// <summary>The plans of the search, list and queue statements at each size.</summary>
    public List<QueryPlan> Plans { get; } = [];

    public List<string> Errors { get; } = [];

    private double PgbenchTps => new[] { PgbenchBefore?.Tps, PgbenchAfter?.Tps }.Where(t => t is > 0).Select(t => t!.Value).DefaultIfEmpty(double.NaN).Average();

    private LoadResult? Closed(string name) => Loads.FirstOrDefault(l => l.Name == name && l.Loop == "closed");

    private LoadResult? Open(string name) => Loads.FirstOrDefault(l => l.Name == name && l.Loop == "open");

    private double Ratio(string name) => (Closed(name)?.PerSecond ?? double.NaN) / PgbenchTps;

    private double StateSizedRatio(string name) => (Closed(name)?.PerSecond ?? double.NaN) / (PgbenchStateSized?.Tps ?? double.NaN);

    public string Headline()
    {
        var lines = new List<string>();
        if (Closed("grains/postgres") is not null)
        {
            lines.Add($"ratio_vs_pgbench={Ratio("grains/postgres").ToString("0.000", CultureInfo.InvariantCulture)} (in-process grains, PostgreSQL; " +
                $"{StateSizedRatio("grains/postgres").ToString("0.000", CultureInfo.InvariantCulture)} against pgbench with a state-sized payload)");
        }

        if (Closed("http/postgres") is not null)
        {
            lines.Add($"ratio_vs_pgbench={Ratio("http/postgres").ToString("0.000", CultureInfo.InvariantCulture)} (HTTP API, PostgreSQL; " +
                $"{StateSizedRatio("http/postgres").ToString("0.000", CultureInfo.InvariantCulture)} against pgbench with a state-sized payload)");
        }

        if (Closed("grains/sqlite") is { } sqlite)
        {
            lines.Add($"sqlite_ratio_vs_ceiling={(sqlite.PerSecond / (SqliteCeiling?.Tps ?? double.NaN)).ToString("0.000", CultureInfo.InvariantCulture)} " +
                $"({N(sqlite.PerSecond)} cmd/s, p99 {Ms(sqlite.P99)} ms, against {N(SqliteCeiling?.Tps ?? double.NaN)} upserts/s of {N(SqliteCeiling?.PayloadBytes ?? 0)} B, synchronous={SqliteCeiling?.Synchronous})");
            lines.Add($"case_state_bytes mean={SqliteCaseStateBytes.Mean} max={SqliteCaseStateBytes.Max} (grains/sqlite run)");
        }

        if (Closed("grains/memory") is { } memory)
        {
            lines.Add($"memory_per_command cpu_ms={N(memory.CpuMsPerCommand, 3)} allocated_kb={N(memory.AllocatedKbPerCommand)} (grains/memory, closed loop)");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public async Task<string> WriteAsync()
    {
        var machine = $"{Environment.MachineName}-{Environment.ProcessorCount}cpu";
        var folder = options.Output ?? Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{started:yyyy-MM-dd}-{machine}{(options.Quick ? "-quick" : "")}.md");
        await File.WriteAllTextAsync(path, Render(machine));
        return path;
    }

    private string Render(string machine)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Window benchmark — {started:yyyy-MM-dd HH:mm} UTC, {machine}{(options.Quick ? " (--quick)" : "")}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project bench/Window.Bench -- {string.Join(' ', args)}`").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- commit {Git("rev-parse --short HEAD")}{(Git("status --porcelain --untracked-files=no src").Length > 0 ? " (src/ has uncommitted changes)" : "")}; .NET {Environment.Version}; {Environment.ProcessorCount} cores; {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 20):N0} MB; server GC {System.Runtime.GCSettings.IsServerGC}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- PostgreSQL: {PostgresVersion.Split(" on ")[0]}, same machine, private server: {PostgresSettings}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- load: {options.Workers} workers, warm-up {options.Warmup.TotalSeconds:0} s, measured {options.Duration.TotalSeconds:0} s; open loop at {options.OpenFraction:0.##} × the closed loop's rate");
        md.AppendLine(CultureInfo.InvariantCulture, $"- journey: open the `{JourneyPlan.BundleId}` bundle (5 wait-free items), approve its 9 steps as the 5 departments, deliver: 11 commands; latency per command");
        md.AppendLine(CultureInfo.InvariantCulture, $"- run time {BenchProgram.Uptime:hh\\:mm\\:ss}").AppendLine();

        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| figure | value | target | |").AppendLine("|---|---:|---:|---|");
        void Target(string figure, double value, string shown, double limit, string target, bool atLeast)
        {
            var met = double.IsNaN(value) ? "not measured" : (atLeast ? value >= limit : value <= limit) ? "met" : "**missed**";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {shown} | {target} | {met} |");
        }

        if (Closed("grains/postgres") is { } grains)
        {
            Target("in-process durable commands/s ÷ pgbench tps", Ratio("grains/postgres"), $"ratio_vs_pgbench={Ratio("grains/postgres"):0.000} ({N(grains.PerSecond)} / {N(PgbenchTps)})", 0.5, "≥ 0.5", true);
        }

        if (Closed("http/postgres") is { } http)
        {
            Target("HTTP durable commands/s ÷ pgbench tps", Ratio("http/postgres"), $"ratio_vs_pgbench={Ratio("http/postgres"):0.000} ({N(http.PerSecond)} / {N(PgbenchTps)})", 0.3, "≥ 0.3", true);
        }

        if (PgbenchStateSized is { } sized)
        {
            foreach (var (name, limit) in (ReadOnlySpan<(string, double)>)[("grains/postgres", 0.5), ("http/postgres", 0.3)])
            {
                if (Closed(name) is { } load)
                {
                    Target($"{name} commands/s ÷ pgbench tps with a {N(sized.PayloadBytes)}-byte payload (the mean case state)", StateSizedRatio(name),
                        $"{StateSizedRatio(name):0.000} ({N(load.PerSecond)} / {N(sized.Tps)})", limit, $"≥ {limit}", true);
                }
            }
        }

        if (Closed("grains/postgres+deferred-projection") is { } deferred)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| (comparison) in-process, projections committed deferred | ratio {Ratio("grains/postgres+deferred-projection"):0.000} ({N(deferred.PerSecond)} cmd/s, {N(deferred.CpuMsPerCommand, 2)} ms CPU) | | |");
        }

        foreach (var name in (string[])["grains/postgres", "http/postgres", "grains/sqlite", "grains/memory"])
        {
            if (Open(name) is { } open)
            {
                Target($"p99 at half the saturated rate, {name}", open.P99, $"{Ms(open.P99)} ms at {N(open.PerSecond)} cmd/s", 50, "≤ 50 ms", false);
            }
        }

        if (Memory is { } memory)
        {
            Target($"bytes per active case grain ({N(memory.Grains)} grains)", memory.BytesPerGrain, $"{N(memory.BytesPerGrain)} B", 20 * 1024, "≤ 20 KB", false);
        }

        foreach (var query in Queries)
        {
            // Issue 26: every staff query ≤ 50 ms p95 at 10,000,000 cases, a month's export ≤ 5 s.
            var limit = query.Export ? 5000 : query.Cases >= 10_000_000 ? 50 : query.Cases >= 1_000_000 ? 100 : 200;
            Target($"{query.Query} p95 at {N(query.Cases)} cases", query.P95, $"{Ms(query.P95)} ms", limit, $"≤ {N(limit)} ms", false);
        }

        md.AppendLine();
        if (PgbenchBefore is not null)
        {
            md.AppendLine("## Ceiling: pgbench on the same server").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Versioned upsert of a {PgbenchBefore.PayloadBytes:N0}-byte incompressible payload into a table shaped like `window_grain_state`, {PgbenchBefore.Clients} clients, {options.PgbenchSeconds} s, `-M prepared`.").AppendLine();
            md.AppendLine("| when | tps | mean latency |").AppendLine("|---|---:|---:|");
            foreach (var (when, result) in new[] { ("before our load", PgbenchBefore), ("after our load", PgbenchAfter), ("after our load, payload the size of the mean case state", PgbenchStateSized) })
            {
                if (result is not null)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {when} ({N(result.PayloadBytes)} B) | {N(result.Tps)} | {Ms(result.LatencyMs)} ms |");
                }
            }

            md.AppendLine();
        }

        if (Loads.Count > 0)
        {
            md.AppendLine("## Load").AppendLine();
            md.AppendLine("```").AppendLine(Headline()).AppendLine("```").AppendLine();
            md.AppendLine("`grains/*`: ICaseGrain called in the host's own silo; `http/*`: HttpClient to the host on loopback (the client's CPU is in the same process). Store `memory`: in-memory grain storage and no read model (the framework's ceiling); `sqlite`: the embedded profile; `postgres`: the durable private server. Concurrency: workers (closed loop) or the most journeys in flight (open loop).").AppendLine();
            md.AppendLine("| run | loop | concurrency | target cmd/s | commands/s | p50 ms | p95 ms | p99 ms | CPU ms/command | KB allocated/command | GC pause ms/command | errors |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var load in Loads)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {load.Name} | {load.Loop} | {load.Workers} | {N(load.TargetRate)} | {N(load.PerSecond)} | {Ms(load.P50)} | {Ms(load.P95)} | {Ms(load.P99)} | {N(load.CpuMsPerCommand, 2)} | {N(load.AllocatedKbPerCommand)} | {N(load.GcPauseMsPerCommand, 2)} | {load.Errors} |");
            }

            md.AppendLine();
        }

        if (Breakdowns.Count > 0)
        {
            md.AppendLine("## Where a command's time goes (closed loop, warm-up included)").AppendLine();
            md.AppendLine("Stopwatch decorators around the product's grain storage and read model (bench-only; the product is unchanged).").AppendLine();
            md.AppendLine("| run | call | calls | calls/command | mean ms |").AppendLine("|---|---|---:|---:|---:|");
            foreach (var (name, (calls, commands)) in Breakdowns)
            {
                var total = Math.Max(1, calls.Where(c => c.Name.Contains("write", StringComparison.Ordinal) && c.Name.Contains("case", StringComparison.OrdinalIgnoreCase)).Sum(c => c.Calls));
                foreach (var call in calls)
                {
                    md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {call.Name} | {N(call.Calls)} | {N(call.Calls / (double)total, 2)} | {Ms(call.MeanMs)} |");
                }
            }

            md.AppendLine();
            if (StateSizes.Length > 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Stored grain state after the PostgreSQL run: {StateSizes}.").AppendLine();
            }
        }

        if (Memory is { } probe)
        {
            md.AppendLine("## Memory").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{N(probe.Grains)} cases of the bench bundle opened and left active (storage that keeps nothing, so the heap holds each state once, in its activation); `GC.GetTotalMemory(true)` {N(probe.BytesBefore / 1048576.0, 1)} MB before, {N(probe.BytesAfter / 1048576.0, 1)} MB after; {N(probe.Activations)} case activations counted by the management grain; opened in {N(probe.Seconds, 1)} s. **{N(probe.BytesPerGrain)} bytes per active case grain.**").AppendLine();
            md.AppendLine("Profile — the parts of one freshly opened case, each measured alone over the same number of samples:").AppendLine();
            md.AppendLine("| part | bytes |").AppendLine("|---|---:|");
            foreach (var (part, bytes) in probe.Parts)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {part} | {N(bytes)} |");
            }

            md.AppendLine(CultureInfo.InvariantCulture, $"| the rest (activation, CaseState records, timeline, trace, lights) | {N(probe.BytesPerGrain - probe.Parts.Sum(p => p.Bytes))} |").AppendLine();
        }

        if (Queries.Count > 0)
        {
            md.AppendLine("## Queries").AppendLine();
            md.AppendLine("PostgreSQL read model seeded in bulk (binary COPY; two years of cases, ~4 % open, lights 80/12/8 % green/yellow/red on open cases, 40 officers, the catalogue's items and departments, 15 % settle-in bundles); queries one at a time through `SqlReadModel` / `SqlSlaStore` + `SlaFigures`, after a warm-up round.").AppendLine();
            md.AppendLine("| cases | query | p50 ms | p95 ms | slowest variants (p95) |").AppendLine("|---:|---|---:|---:|---|");
            foreach (var query in Queries)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {N(query.Cases)} | {query.Query} | {Ms(query.P50)} | {Ms(query.P95)} | {string.Join("; ", query.Variants.Take(4).Select(v => $"{v.Variant} {Ms(v.P95)}"))} |");
            }

            md.AppendLine();
            md.AppendLine(Seeding.Count == 0
                ? "Seeding: none; the read model an earlier `--keep-postgres` run seeded was queried again (`--reuse-postgres`)."
                : string.Create(CultureInfo.InvariantCulture, $"Seeding: {string.Join(", ", Seeding.Select(s => $"{N(s.Key)} cases in {N(s.Value.TotalSeconds, 0)} s"))}.")).AppendLine();
        }

        if (Plans.Count > 0)
        {
            md.AppendLine("## Query plans (PostgreSQL, `EXPLAIN (ANALYZE, BUFFERS)`)").AppendLine();
            foreach (var plan in Plans)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"### {N(plan.Cases)} cases: {plan.Name}").AppendLine();
                md.AppendLine("```").AppendLine(plan.Plan).AppendLine("```").AppendLine();
            }
        }

        if (Errors.Count > 0)
        {
            md.AppendLine("## Failed commands").AppendLine();
            foreach (var error in Errors)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {error.ReplaceLineEndings(" ")}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
