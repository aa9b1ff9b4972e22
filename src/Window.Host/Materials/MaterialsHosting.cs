using Window.Storage;
using Window.Storage.Materials;

namespace Window.Host.Materials;

/// <summary>Plugs the materials' files (issue 24) into the host: the store, the cipher, the service, the retention pass and the endpoints.</summary>
public static class MaterialsHosting
{
    /// <summary>Adds the file store, the cipher (its key derived from <paramref name="masterKey"/>), the service and the retention pass.</summary>
    public static WebApplicationBuilder AddWindowMaterials(this WebApplicationBuilder builder, byte[] masterKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(MaterialOptions.From(builder.Configuration));
        services.AddSingleton(new MaterialCipher(masterKey));
        services.AddSingleton<IMaterialFileStore>(provider => new SqlMaterialFileStore(provider.GetRequiredService<WindowDatabase>()));
        services.AddSingleton<MaterialFileService>();
        services.AddSingleton<MaterialRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<MaterialRetention>());
        return builder;
    }

    /// <summary>Maps /api/cases/{id}/materials/….</summary>
    public static WebApplication MapWindowMaterials(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMaterialFilesApi();
        return app;
    }
}
