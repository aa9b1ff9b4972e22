using Microsoft.AspNetCore.Components.Forms;
using Window.Contracts;
using Window.Host.Materials;

namespace Window.Host.Components.Materials;

/// <summary>
/// The files the desk picks during intake, before the case exists (issue 24): the browser keeps them (Blazor reads an
/// <see cref="IBrowserFile"/> only when asked), together with the files on file the clerk chose to reuse. Once the case
/// is opened, <see cref="SendAsync"/> uploads and links them to it through the one materials service, each with its own
/// key. Nothing is sent for a case that was not opened.
/// </summary>
public sealed class IntakeFileHold
{
    private readonly Dictionary<string, List<IBrowserFile>> picked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> reused = new(StringComparer.Ordinal);

    /// <summary>The talent's files still valid on file (all materials), read when the talent is identified.</summary>
    public IReadOnlyList<MaterialFileDto> OnFile { get; set; } = [];

    /// <summary>The files picked for a material.</summary>
    public IReadOnlyList<IBrowserFile> Picked(string materialId) => picked.TryGetValue(materialId, out var files) ? files : [];

    /// <summary>Whether a file on file is chosen for reuse.</summary>
    public bool Reuses(string materialId, string fileId) => reused.TryGetValue(materialId, out var ids) && ids.Contains(fileId);

    /// <summary>Whether anything is held for a material (the material then counts as received).</summary>
    public bool Holds(string materialId) => Picked(materialId).Count > 0 || (reused.TryGetValue(materialId, out var ids) && ids.Count > 0);

    public void Pick(string materialId, IBrowserFile file)
    {
        if (!picked.TryGetValue(materialId, out var files))
        {
            picked[materialId] = files = [];
        }

        files.Add(file);
    }

    public void Remove(string materialId, int index)
    {
        if (picked.TryGetValue(materialId, out var files) && index < files.Count)
        {
            files.RemoveAt(index);
        }
    }

    public void Reuse(string materialId, string fileId, bool on)
    {
        if (!reused.TryGetValue(materialId, out var ids))
        {
            reused[materialId] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        if (on)
        {
            ids.Add(fileId);
        }
        else
        {
            ids.Remove(fileId);
        }
    }

    /// <summary>Uploads the picked files and links the reused ones to the opened case; answers the refusals' codes (none: all went).</summary>
    public async Task<IReadOnlyList<string>> SendAsync(MaterialFileService service, Actor actor, string caseId, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var problems = new List<string>();
        foreach (var (materialId, files) in picked)
        {
            foreach (var file in files)
            {
                await using var stream = file.OpenReadStream(maxBytes, cancellationToken);
                if ((await service.AttachAsync(actor, caseId, materialId, stream, "ui-" + Guid.NewGuid().ToString("N"), cancellationToken)).Refusal is { } refusal)
                {
                    problems.Add(refusal.Code);
                }
            }
        }

        foreach (var (materialId, ids) in reused)
        {
            foreach (var fileId in ids)
            {
                if ((await service.ReuseAsync(actor, caseId, materialId, fileId, cancellationToken)).Refusal is { } refusal)
                {
                    problems.Add(refusal.Code);
                }
            }
        }

        return problems;
    }
}
