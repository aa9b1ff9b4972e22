using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Dashboard;
using Window.Grains;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Documents;
using Window.Host.Identity;
using Window.Host.Materials;
using Window.Host.Notifications;
using Window.Host.Privacy;
using Window.Host.Sla;
using Window.Host.Studio;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Workflows.Catalog;
using Window.Workflows.Engine;

namespace Window.Host.Hosting;

/// <summary>Wires the whole process: settings, database, silo, health; the pieces Program.cs calls.</summary>
public static class WindowHostExtensions
{
    /// <summary>The address served when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// The address talents and staff reach this system at (<c>Window:PublicUrl</c>, by default <see cref="DefaultUrl"/>):
    /// one setting for every link Window hands out, the documents' QR codes and the messages' links alike.
    /// </summary>
    public static string PublicUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration["Window:PublicUrl"] is { Length: > 0 } url ? url : DefaultUrl).TrimEnd('/');
    }

    /// <summary>Adds Window's services and the Orleans silo for the configured profile.</summary>
    public static WebApplicationBuilder AddWindowHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddWindowConfigFile();
        builder.AddWindowDeploymentDefaults();
        builder.AddWindowTelemetry();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Orleans and Polly narrate every placement and option at Information; operators want Window's own story.
        // Configuration (Logging:LogLevel:Orleans.Runtime=Information, ...) can still open a more specific category.
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var settings = WindowSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Database);
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton(TimeProvider.System);

        // An invalid catalogue stops the start here, with every problem as file:line: path: message.
        var catalog = WorkflowCatalog.Load(settings.WorkflowsDirectory);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<WorkflowEngine>();
        builder.Services.AddSingleton<IReadModel>(services =>
            new SqlReadModel(settings.Database, services.GetRequiredService<TimeProvider>(), settings.ProjectionCommit));

        // Each part of the read model as its own interface, all the one registered read model (which a bench may wrap).
        builder.Services.AddSingleton<ICaseProjectionWriter>(services => services.GetRequiredService<IReadModel>());
        builder.Services.AddSingleton<IDepartmentQueue>(services => services.GetRequiredService<IReadModel>());
        builder.Services.AddSingleton<ICaseSearch>(services => services.GetRequiredService<IReadModel>());
        builder.Services.AddSingleton<IWorkload>(services => services.GetRequiredService<IReadModel>());
        builder.Services.AddSingleton<ITalentRegistry>(services => services.GetRequiredService<IReadModel>());
        builder.Services.AddSingleton<IAttention>(services => services.GetRequiredService<IReadModel>());
        builder.Services.AddSingleton(services => new PendingActs(services.GetRequiredService<WindowDatabase>()));
        builder.Services.AddSingleton<PendingDecisions>();
        builder.Services.AddSingleton(services => new CaseJournal(services.GetRequiredService<WindowDatabase>()));

        // The grains' own ports, over the same read model.
        builder.Services.AddSingleton<ReadModelPorts>();
        builder.Services.AddSingleton<ICaseProjectionSink>(services => services.GetRequiredService<ReadModelPorts>());
        builder.Services.AddSingleton<IOfficerWorkload>(services => services.GetRequiredService<ReadModelPorts>());
        builder.Services.AddSingleton<ProjectionLag>();
        builder.Services.AddSingleton<ProjectionRepair>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ProjectionRepair>());
        PrivateFiles.Prepare(settings);
        var masterKey = PersonalDataProtector.LoadMasterKey(
            builder.Configuration["Window:Secrets:MasterKey"],
            settings.Profile == WindowProfile.Embedded ? Path.Combine(settings.DataDirectory, "keys") : null);
        builder.Services.AddSingleton(new PersonalDataProtector(masterKey));
        builder.Services.AddSingleton(new KeyRingEncryption(masterKey));
        KeyRingEncryption.Register(builder.Services);
        builder.Services.AddSingleton<IdempotencyGate>();
        builder.Services.AddSingleton<CaseDtos>();
        builder.Services.AddSingleton<CaseOpening>();
        builder.Services.AddSingleton<CaseQueryService>();
        builder.Services.AddSingleton<CaseCommandService>();
        builder.AddCaseActs();
        builder.AddWindowSearch();
        builder.AddWindowUi();
        builder.Services.AddOpenApi();
        builder.AddWindowSla();
        builder.AddWindowSupervision();
        builder.AddWindowDocuments();
        builder.AddWindowMaterials(masterKey);
        builder.AddWindowNotifications();
        builder.AddWindowStudio();

        // The first hosted service of all (hosted services start in registration order): the schema must exist before
        // the silo's providers, the data-protection key ring (registered earlier by the UI) or the SLA passes read it.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseMigrationService>());
        builder.AddWindowIdentity();
        builder.UseOrleans(silo => silo.ConfigureWindowSilo(settings, builder.Configuration));
        builder.Services.AddWatchdogStartupReadingFilter();

        // A balancer's probe must get its answer before its own timeout, also from a database that hangs.
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"], timeout: StorageHealthCheck.Timeout);
        builder.Services.AddExceptionHandler<TransientFailureHandler>();
        builder.Services.AddProblemDetails();
        builder.AddWindowStrictInput();
        builder.AddWindowStatusPages();
        return builder;
    }

    /// <summary>
    /// Adds the JSON file named by <c>--config</c> (e.g. <c>silo-config/cluster.json</c>) after appsettings but
    /// before environment variables and arguments, so that those still override single values of it.
    /// </summary>
    public static WebApplicationBuilder AddWindowConfigFile(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration["config"] is not { Length: > 0 } file)
        {
            return builder;
        }

        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The configuration file given with --config does not exist: {path}", path);
        }

        var sources = builder.Configuration.Sources;
        var json = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = path, Optional = false };
        json.ResolveFileProvider();
        var afterAppSettings = 0;
        for (var index = 0; index < sources.Count; index++)
        {
            if (sources[index] is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource)
            {
                afterAppSettings = index + 1;
            }
        }

        sources.Insert(afterAppSettings, json);
        return builder;
    }

    /// <summary>Maps the health endpoints and logs where the process serves once it does.</summary>
    public static WebApplication MapWindowHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWindowDeploymentDefaults();
        app.UseWindowStatusPages();
        app.UseWindowBodyLimit();
        app.UseWindowIdentity();

        // The document lists every operation, the administrators' too: a map for staff, not for anyone who asks.
        app.MapOpenApi().RequireAuthorization(Policies.Staff);
        app.MapCatalogApi();
        app.MapCasesApi();
        app.MapCaseActsApi();
        app.MapCaseActs();
        app.MapDepartmentsApi();
        app.MapPublicApi();
        app.MapTraceApi();
        app.MapWindowSla();
        app.MapWindowSupervision();
        app.MapWindowDocuments();
        app.MapWindowMaterials();
        app.MapWindowNotifications();
        app.MapStudioApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var settings = app.Services.GetRequiredService<WindowSettings>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            app.Logger.LogInformation(
                "Window is serving: profile {Profile}, data {DataDirectory}, database {Database}, workflows {WorkflowsDirectory}, silo port {SiloPort}, url {Urls}",
                settings.Profile, settings.DataDirectory, settings.Database.Describe(), settings.WorkflowsDirectory, settings.SiloPort,
                addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(test server)");
        });
        app.MapWindowUi();
        return app;
    }

    private static void ConfigureWindowSilo(this ISiloBuilder silo, WindowSettings settings, IConfiguration configuration)
    {
        silo.Configure<Orleans.Configuration.ClusterOptions>(options =>
        {
            options.ClusterId = settings.ClusterId;
            options.ServiceId = settings.ServiceId;
        });
        silo.AddActivityPropagation();
        silo.AddWindowGrainStorage(settings.Database);
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        silo.AddDashboard();
        Failover.Configure(silo, configuration);
        if (settings.Profile == WindowProfile.Embedded)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.UseInMemoryReminderService();
        }
        else
        {
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseWindowClustering(settings.Database);
            silo.UseWindowReminders(settings.Database);
        }
    }
}
