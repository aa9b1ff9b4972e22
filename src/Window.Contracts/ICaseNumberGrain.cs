namespace Window.Contracts;

/// <summary>
/// Hands out the human-readable case numbers printed on receipts (<c>RC-2026-000123</c>): one gap-free-as-possible
/// sequence per calendar year, keyed by the year ("2026"). Numbers are never reused: the counter is persisted
/// before a number is returned.
/// </summary>
public interface ICaseNumberGrain : IGrainWithStringKey
{
    /// <summary>Reserves and returns the next number of this year's sequence.</summary>
    Task<string> NextAsync();

    /// <summary>The last number handed out, or <see langword="null"/> when none was.</summary>
    Task<string?> LastAsync();
}
