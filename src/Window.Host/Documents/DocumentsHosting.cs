using Window.Storage;
using Window.Storage.Documents;

namespace Window.Host.Documents;

/// <summary>Plugs official documents (issue 19) into the host: the archive, the issuer, the sweep and the endpoints.</summary>
public static class DocumentsHosting
{
    /// <summary>Adds the document store, the issuer (its templates checked now: a broken one stops the start), the sweep and the reader service.</summary>
    public static WebApplicationBuilder AddWindowDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(DocumentOptions.From(builder.Configuration));
        services.AddSingleton<IDocumentStore>(provider => new SqlDocumentStore(provider.GetRequiredService<WindowDatabase>()));
        services.AddSingleton<DocumentFactsBuilder>();
        services.AddSingleton<DocumentIssuer>();
        services.AddSingleton<CaseDocumentService>();
        services.AddSingleton<DocumentSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<DocumentSweep>());
        DocumentTemplate.LoadAll();
        return builder;
    }

    /// <summary>Maps /api/cases/{id}/documents and /api/public/cases/{number}/documents.</summary>
    public static WebApplication MapWindowDocuments(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDocumentsApi();
        return app;
    }
}
