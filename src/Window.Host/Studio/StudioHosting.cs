using Window.Storage.Studio;

namespace Window.Host.Studio;

/// <summary>Plugs the workflow studio (issue 25) into the host: its store, the catalogue sync, the poll and the API.</summary>
public static class StudioHosting
{
    /// <summary>Adds <see cref="WorkflowStudio"/> and what keeps every host's catalogue equal to the stored one.</summary>
    public static WebApplicationBuilder AddWindowStudio(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(StudioOptions.From(builder.Configuration));
        services.AddSingleton(provider => new SqlWorkflowDefinitionStore(provider.GetRequiredService<Window.Storage.WindowDatabase>()));
        services.AddSingleton<IWorkflowDefinitionStore>(provider => provider.GetRequiredService<SqlWorkflowDefinitionStore>());
        services.AddSingleton<StudioCatalog>();
        services.AddSingleton<WorkflowStudio>();
        services.AddHostedService<StudioStartup>();
        services.AddHostedService<StudioPoll>();
        return builder;
    }
}
