namespace Window.Contracts;

/// <summary>The open case of a talent for one item, reported when a second one is refused.</summary>
[GenerateSerializer, Immutable, Alias("window.open-item.v1")]
public sealed record OpenItem([property: Id(0)] string ItemId, [property: Id(1)] string CaseId);

/// <summary>
/// A talent, keyed by an opaque id (found by a keyed hash of the ID number in the read model, never by the number
/// itself). Holds the materials on file, reused by later cases (材料一次提交、多方复用), and the open case per item.
/// </summary>
public interface ITalentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves the items for a case about to be opened; returns the items still open in another case (then
    /// nothing is reserved). Another case's item counts as open while that case has it undecided, or for a short
    /// grace period while that case is being opened.
    /// </summary>
    Task<IReadOnlyList<OpenItem>> ReserveAsync(string caseId, IReadOnlyList<string> items);

    /// <summary>Drops the reservations of a case whose opening failed.</summary>
    Task ReleaseAsync(string caseId);

    /// <summary>The materials on file.</summary>
    Task<IReadOnlyList<string>> MaterialsOnFileAsync();

    /// <summary>Adds materials to the file.</summary>
    Task FileMaterialsAsync(IReadOnlyList<string> materials);
}
