using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Storage;
using Window.Host.Hosting;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Testing;

namespace Window.Bench;

/// <summary>Where the host under load keeps grain state and the read model.</summary>
internal enum Store
{
    /// <summary>Grain state in memory (AddMemoryGrainStorageAsDefault), no read model: the framework's ceiling.</summary>
    Memory,

    /// <summary>The embedded profile: grain state and read model in one SQLite file.</summary>
    Sqlite,

    /// <summary>Grain state and read model on the durable private PostgreSQL.</summary>
    Postgres,

    /// <summary>Grain state written nowhere, no read model: what an activation itself holds (the memory figure).</summary>
    Discard,
}

/// <summary>
/// The real host in this process: <c>AddWindowHost</c>/<c>MapWindowHost</c> as Program.cs calls them, on a loopback
/// port, with the bench catalogue and a fresh data folder (and database) per run.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string dataDirectory;

    private BenchHost(WebApplication app, string dataDirectory, Uri address)
    {
        this.app = app;
        this.dataDirectory = dataDirectory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the host for one run on a fresh data folder (and, on PostgreSQL, a fresh database named <paramref name="runName"/>).</summary>
    /// <param name="store">Where grain state and the read model go.</param>
    /// <param name="catalogDirectory">The bench catalogue.</param>
    /// <param name="postgres">The durable server (PostgreSQL runs only).</param>
    /// <param name="runName">The run's name (database name).</param>
    /// <param name="deferredProjection">
    /// The comparison run: projections commit deferred (<c>Window:ReadModel:Commit=Deferred</c>) instead of durably (the
    /// default), to measure side by side what deferring them gains.
    /// </param>
    public static async Task<BenchHost> StartAsync(Store store, string catalogDirectory, PostgresServer? postgres, string runName, bool deferredProjection = false)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "window-bench-data-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var port = FreePorts.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Window:DataDir"] = dataDirectory,
            ["Window:WorkflowsDir"] = catalogDirectory,
            ["urls"] = $"http://127.0.0.1:{port}",
            // Per-request Information lines are not what is measured; warnings and errors still show.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (store == Store.Postgres)
        {
            settings["Window:Database:Provider"] = "PostgreSql";
            settings["Window:Database:ConnectionString"] = await (postgres ?? throw new InvalidOperationException("PostgreSQL is needed.")).RecreateDatabaseAsync(runName);
            settings["Window:ReadModel:Commit"] = (deferredProjection ? ProjectionCommit.Deferred : ProjectionCommit.Durable).ToString();
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The host's name, so that its static web assets manifest (UI) is the one found.
            ApplicationName = "Window.Host",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWindowHost();
        if (store is Store.Sqlite or Store.Postgres)
        {
            builder.Services.AddSingleton<IReadModel>(services => new TimedReadModel(new SqlReadModel(
                services.GetRequiredService<WindowDatabase>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<WindowSettings>().ProjectionCommit)));
            // Around the host's own registration (the ADO.NET storage in its failure-describing, write-queuing wrapper), so
            // that the bench times what the host runs.
            builder.UseOrleans(silo =>
            {
                var hosts = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
                silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                    (services, key) => new TimedGrainStorage((IGrainStorage)hosts.KeyedImplementationFactory!(services, key)));
            });
        }
        else
        {
            builder.Services.AddSingleton<IReadModel, NullReadModel>();
            builder.UseOrleans(silo =>
            {
                if (store == Store.Memory)
                {
                    // Named, then made the default through a wrapper: the host's ADO.NET registration still expects the
                    // default storage to take part in the silo lifecycle, which the memory storage does not.
                    silo.AddMemoryGrainStorage("bench-memory");
                    silo.Services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
                        (services, _) => new TimedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("bench-memory")));
                }
                else
                {
                    silo.Services.AddKeyedSingleton<IGrainStorage, DiscardingGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
                }
            });
        }

        var app = builder.Build();
        app.MapWindowHost();
        await app.StartAsync();
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Window.Bench").LogInformation("Bench host {Run} started", runName);
        return new BenchHost(app, dataDirectory, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
