using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Materials;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Materials;

/// <summary>
/// Issue 24: the desk's files reach exactly the departments the definition shares them with, are journaled when seen,
/// are never stored in clear, and are refused when they are not what they claim or too large.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_materials_are_real_documents(PostgresServer postgres) : IDisposable
{
    private const string Marker = "WINDOW-CLEAR-MARKER-5e1d";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_file_reaches_the_departments_it_is_shared_with_is_journaled_and_is_never_stored_in_clear(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("housing-subsidy");
        var pdf = MaterialSamples.Pdf(Marker, pages: 3);

        var uploaded = await UploadAsync(desk, opened.Id, "bank-account", pdf, "account.pdf", "upload-1");
        var replayed = await UploadAsync(desk, opened.Id, "bank-account", pdf, "account.pdf", "upload-1");
        using var finance = app.Department("finance");
        using var housing = app.Department("housing");
        var downloaded = await finance.GetByteArrayAsync(new Uri($"/api/cases/{opened.Id}/materials/bank-account/files/{uploaded.GetProperty("fileId").GetString()}", UriKind.Relative));
        using var hidden = await housing.GetAsync(new Uri($"/api/cases/{opened.Id}/materials/bank-account/files/{uploaded.GetProperty("fileId").GetString()}", UriKind.Relative));
        using var hiddenList = await housing.GetAsync(new Uri($"/api/cases/{opened.Id}/materials/bank-account/files", UriKind.Relative));
        var housingSees = await housing.GetJsonAsync<List<MaterialFileDto>>($"/api/cases/{opened.Id}/materials/files");
        var financeSees = await finance.GetJsonAsync<List<MaterialFileDto>>($"/api/cases/{opened.Id}/materials/files");
        var journal = await app.As("supervisor", Roles.Supervisor).GetJsonAsync<List<MaterialJournalDto>>($"/api/cases/{opened.Id}/materials/journal");
        using var deskJournal = await desk.GetAsync(new Uri($"/api/cases/{opened.Id}/materials/journal", UriKind.Relative));

        Assert.Equal("application/pdf", uploaded.GetProperty("contentType").GetString());
        Assert.Equal(3, uploaded.GetProperty("pages").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), uploaded.GetProperty("sha256").GetString());
        Assert.Equal(uploaded.GetProperty("fileId").GetString(), replayed.GetProperty("fileId").GetString());
        Assert.Equal(pdf, downloaded);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenList.StatusCode);
        Assert.Empty(housingSees);
        Assert.Single(financeSees);
        Assert.Equal(["attached", "viewed"], journal.Select(e => e.Action));
        Assert.Equal(HttpStatusCode.Forbidden, deskJournal.StatusCode);
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_material_files"));

        // Nothing readable at rest: not in the chunks, not in any file of the data folder (SQLite's database and its WAL).
        await using (var connection = await app.Services.GetRequiredService<WindowDatabase>().OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT data FROM window_material_chunks";
            await using var reader = await command.ExecuteReaderAsync();
            var chunks = 0;
            while (await reader.ReadAsync())
            {
                chunks++;
                Assert.False(MaterialSamples.Contains(reader.GetFieldValue<byte[]>(0), Marker));
            }

            Assert.Equal(1, chunks);
        }

        foreach (var path in Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.False(MaterialSamples.Contains(copy.ToArray(), Marker), $"{path} holds the file in clear");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task what_is_not_a_pdf_or_an_image_or_is_too_large_or_breaks_off_is_refused_and_stores_nothing(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");
        var path = $"/api/cases/{opened.Id}/materials/health-questionnaire/files";

        using var executable = await PostAsync(desk, path, MaterialSamples.Form(MaterialSamples.Executable(), "questionnaire.pdf"));
        var refused = await executable.ProblemAsync(400);
        using var declared = await PostAsync(desk, path, MaterialSamples.Form(new byte[25 * 1024 * 1024], "big.pdf"));
        var tooLarge = await declared.ProblemAsync(413);
        var unannounced = new byte[25 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(unannounced);
        using var chunked = await PostAsync(desk, path, new MultipartFormDataContent { { new StreamContent(new UnsizedStream(unannounced)), "file", "big.pdf" } });
        await chunked.ProblemAsync(413);
        var service = app.Services.GetRequiredService<MaterialFileService>();
        var desker = new Actor("desk", Roles.FrontDesk, null);
        await Assert.ThrowsAnyAsync<IOException>(() => service.AttachAsync(
            desker, opened.Id, "health-questionnaire", new BreakingStream([.. "%PDF-1.4\n"u8.ToArray(), .. new byte[1024 * 1024]], breakAfter: 300 * 1024), "interrupted"));

        Assert.Equal("file", refused.GetProperty("field").GetString());
        Assert.Equal("file_type", refused.GetProperty("code").GetString());
        Assert.Equal("file", tooLarge.GetProperty("field").GetString());
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_material_files"));
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_material_chunks"));
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_material_links"));
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_material_journal"));

        // Retention: a withdrawn case keeps its files a year (AbandonedRetention), then their bytes go, journaled.
        var kept = await UploadAsync(desk, opened.Id, "health-questionnaire", MaterialSamples.Pdf(Marker), "questionnaire.pdf", "kept");
        var fileId = kept.GetProperty("fileId").GetString();
        await (await desk.CommandAsync($"/api/cases/{opened.Id}/withdrawal", new { reason = "本人放弃" })).ReadAsync<CaseDto>();
        var retention = app.Services.GetRequiredService<MaterialRetention>();
        await retention.PurgeAsync();
        var keptChunks = await app.SqlAsync("SELECT COUNT(*) FROM window_material_chunks");
        app.Clock.Advance(TimeSpan.FromDays(366));
        await retention.PurgeAsync();
        using var purged = await desk.GetAsync(new Uri($"{path}/{fileId}", UriKind.Relative));
        var listed = await desk.GetJsonAsync<List<MaterialFileDto>>(path);

        Assert.Equal(1, keptChunks);
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_material_chunks"));
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_material_journal WHERE action = 'purged'"));
        Assert.Equal(HttpStatusCode.NotFound, purged.StatusCode);
        Assert.True(listed.Single().Purged);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_photo_loses_its_exif_and_a_valid_file_on_file_is_reused_until_it_expires(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();
        var idNumber = Cases.Api.NewIdNumber();
        var first = await desk.OpenAsync("living-allowance", idNumber);
        var photo = MaterialSamples.PhotoWithExif("GPS-30.2741N-120.1551E");
        var uploaded = await UploadAsync(desk, first.Id, "social-insurance-record", photo, "record.jpg", "photo-1");
        var stored = await app.Department("hrss").GetByteArrayAsync(
            new Uri($"/api/cases/{first.Id}/materials/social-insurance-record/files/{uploaded.GetProperty("fileId").GetString()}", UriKind.Relative));

        var second = await desk.OpenAsync("talent-apartment", idNumber);
        var offered = await desk.GetJsonAsync<List<MaterialFileDto>>($"/api/cases/{second.Id}/materials/on-file");
        var reused = await (await desk.CommandAsync($"/api/cases/{second.Id}/materials/social-insurance-record/files/reuse", new { fileId = offered.Single().FileId })).ReadAsync<MaterialFileDto>();
        app.Clock.Advance(TimeSpan.FromDays(31 * 3 + 1));
        var third = await desk.OpenAsync("talent-certification", idNumber);
        var expired = await desk.GetJsonAsync<List<MaterialFileDto>>($"/api/cases/{third.Id}/materials/on-file");

        Assert.Equal("image/jpeg", uploaded.GetProperty("contentType").GetString());
        Assert.Equal(1, uploaded.GetProperty("pages").GetInt32());
        Assert.False(MaterialSamples.Contains(stored, "GPS-30.2741N"));
        Assert.Equal((byte)0xFF, stored[0]);
        Assert.NotNull(SkiaSharp.SKBitmap.Decode(stored));
        Assert.Equal("social-insurance-record", offered.Single().MaterialId);
        Assert.Equal(offered.Single().FileId, reused.FileId);
        Assert.Equal(reused.AttachedAt.AddMonths(3), reused.ValidUntil);
        Assert.Empty(expired);
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_material_files"));
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string caseId, string materialId, byte[] bytes, string name, string key)
    {
        using var response = await PostAsync(client, $"/api/cases/{caseId}/materials/{materialId}/files", MaterialSamples.Form(bytes, name), key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, HttpContent content, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    /// <summary>A body whose length is not known in advance (sent in chunks).</summary>
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A client that stops sending after <c>breakAfter</c> bytes.</summary>
    private sealed class BreakingStream(byte[] bytes, int breakAfter) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= breakAfter)
            {
                throw new IOException("The client went away.");
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, breakAfter - (int)Position)], cancellationToken);
        }
    }
}
