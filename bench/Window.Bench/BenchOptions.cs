using System.Globalization;

namespace Window.Bench;

/// <summary>Command-line options (see bench/README.md).</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(["grains", "http", "memory", "queries"], StringComparer.Ordinal);

    public IReadOnlyList<Store> Stores { get; init; } = [Store.Memory, Store.Sqlite, Store.Postgres];

    public int Workers { get; init; } = 8;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The open loop's rate as a fraction of the closed loop's saturated rate.</summary>
    public double OpenFraction { get; init; } = 0.5;

    public int PgbenchSeconds { get; init; } = 20;

    public int PayloadBytes { get; init; } = 2048;

    public int Grains { get; init; } = 100_000;

    public IReadOnlyList<int> Cases { get; init; } = [100_000, 1_000_000];

    public int Queries { get; init; } = 200;

    public string? Output { get; init; }

    /// <summary>Also run grains/postgres with the read model committing asynchronously (an experiment for the report).</summary>
    public bool Experiments { get; init; } = true;

    /// <summary>How long an unmeasured load warms the process (JIT, caches) before the first measured run.</summary>
    public TimeSpan ProcessWarmup { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Run the comparison (projections committed deferred) before the product's runs instead of after them.</summary>
    public bool ComparisonFirst { get; init; }

    /// <summary>Leave the private PostgreSQL running afterwards, with its databases, to look at query plans.</summary>
    public bool KeepPostgres { get; init; }

    /// <summary>
    /// Queries only: a server kept by an earlier <c>--keep-postgres</c> run (its connection string, no database), whose
    /// <c>window_queries_N</c> databases are queried again without seeding (the migrations run first, so a new index is built).
    /// </summary>
    public string? ReusePostgres { get; init; }

    /// <summary>With <c>--documents N</c>: only the documents' generation time, N documents of each kind (issue 19).</summary>
    public int Documents { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new BenchOptions
            {
                Quick = true,
                Stores = [Store.Memory, Store.Sqlite, Store.Postgres],
                Warmup = TimeSpan.FromSeconds(1),
                Duration = TimeSpan.FromSeconds(3),
                PgbenchSeconds = 3,
                Grains = 10_000,
                Cases = [20_000],
                Queries = 40,
                ProcessWarmup = TimeSpan.FromSeconds(3),
            }
            : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            static int Int(string value) => int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--only" => options with { Only = Next().Split(',').ToHashSet(StringComparer.Ordinal) },
                "--stores" => options with { Stores = [.. Next().Split(',').Select(s => Enum.Parse<Store>(s, ignoreCase: true))] },
                "--workers" => options with { Workers = Int(Next()) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int(Next())) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Int(Next())) },
                "--open-fraction" => options with { OpenFraction = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--pgbench-seconds" => options with { PgbenchSeconds = Int(Next()) },
                "--payload" => options with { PayloadBytes = Int(Next()) },
                "--grains" => options with { Grains = Int(Next()) },
                "--cases" => options with { Cases = [.. Next().Split(',').Select(Int)] },
                "--queries" => options with { Queries = Int(Next()) },
                "--out" => options with { Output = Next() },
                "--no-experiments" => options with { Experiments = false },
                "--comparison-first" => options with { ComparisonFirst = true },
                "--process-warmup" => options with { ProcessWarmup = TimeSpan.FromSeconds(Int(Next())) },
                "--keep-postgres" => options with { KeepPostgres = true },
                "--reuse-postgres" => options with { ReusePostgres = Next() },
                "--documents" => options with { Documents = Int(Next()) },
                "--help" or "-h" => throw new ArgumentException("usage"),
                var unknown => throw new ArgumentException($"Unknown option {unknown}."),
            };
        }

        return options;
    }

    public const string Usage = """
        dotnet run -c Release --project bench/Window.Bench -- [--quick] [--only grains,http,memory,queries]
            [--stores memory,sqlite,postgres] [--workers 8] [--warmup 5] [--duration 20] [--open-fraction 0.5]
            [--pgbench-seconds 20] [--payload 2048] [--grains 100000] [--cases 100000,1000000] [--queries 200] [--out bench/results] [--no-experiments] [--comparison-first] [--process-warmup 20] [--keep-postgres] [--reuse-postgres "Host=127.0.0.1;Port=N;Username=postgres"] [--documents 50]
        """;
}
