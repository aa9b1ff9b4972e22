using System.Globalization;
using Window.Contracts;

namespace Window.Grains;

/// <summary>The per-year sequence of case numbers (see <see cref="ICaseNumberGrain"/>).</summary>
public sealed class CaseNumberGrain(
    [PersistentState("case-numbers")] IPersistentState<CaseNumberGrain.SequenceState> sequence) : Grain, ICaseNumberGrain
{
    /// <inheritdoc />
    public async Task<string> NextAsync()
    {
        // A failed write ends the activation (StoredState): the next number counts from what storage holds, so a number
        // whose write committed unseen is skipped (a gap), and none is ever handed out twice.
        var year = Year();
        var next = sequence.State.Last + 1;
        await sequence.WriteAsync(sequence.State with { Last = next }, this);
        return Format(year, next);
    }

    /// <inheritdoc />
    public Task<string?> LastAsync() =>
        Task.FromResult(sequence.State.Last == 0 ? null : Format(Year(), sequence.State.Last));

    private int Year()
    {
        var key = this.GetPrimaryKeyString();
        if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 9999)
        {
            throw new ArgumentException($"A case-number sequence is keyed by a four-digit year, not '{key}'.");
        }

        return year;
    }

    private static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"RC-{year}-{number:D6}");

    /// <summary>The persisted counter.</summary>
    [GenerateSerializer, Immutable, Alias("window.case-number-sequence.v1")]
    public sealed record SequenceState
    {
        /// <summary>The last number handed out this year (0: none).</summary>
        [Id(0)] public int Last { get; init; }
    }
}
