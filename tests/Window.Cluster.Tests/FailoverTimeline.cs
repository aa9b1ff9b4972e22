using System.Globalization;

namespace Window.Cluster.Tests;

/// <summary>
/// What a fault cost the clients, from every attempt they made: when the first attempt failed and the last one, the first
/// answer after the first failure, and the longest stretch after the fault in which no attempt got an answer at all.
/// </summary>
public sealed record FailoverTimeline(TimeSpan? FirstFailure, TimeSpan? LastFailure, TimeSpan? FirstAnswerAfterFailure, TimeSpan LongestSilence, int Failures)
{
    /// <summary>The timeline of <paramref name="attempts"/> relative to the fault at <paramref name="fault"/>.</summary>
    public static FailoverTimeline Of(IReadOnlyCollection<(TimeSpan At, bool Answered)> attempts, TimeSpan fault)
    {
        var after = attempts.Where(a => a.At >= fault).OrderBy(a => a.At).ToList();
        var failures = after.Where(a => !a.Answered).Select(a => a.At - fault).ToList();
        TimeSpan? first = failures.Count > 0 ? failures.Min() : null;
        var answers = after.Where(a => a.Answered).Select(a => a.At - fault).ToList();
        TimeSpan? recovered = first is { } f ? answers.Where(a => a > f).Cast<TimeSpan?>().FirstOrDefault() : null;
        var silence = TimeSpan.Zero;
        var previous = TimeSpan.Zero;
        foreach (var answer in answers)
        {
            silence = answer - previous > silence ? answer - previous : silence;
            previous = answer;
        }

        return new FailoverTimeline(first, failures.Count > 0 ? failures.Max() : null, recovered, silence, failures.Count);
    }

    public override string ToString() => FirstFailure is null
        ? $"no attempt failed; longest stretch without an answer {Seconds(LongestSilence)}"
        : $"failover timeline from the fault: first failed attempt +{Seconds(FirstFailure)}, first answer after it +{Seconds(FirstAnswerAfterFailure)}, " +
          $"last failed attempt +{Seconds(LastFailure)} ({Failures} failed attempts), longest stretch without any answer {Seconds(LongestSilence)}";

    private static string Seconds(TimeSpan? span) => span is { } s ? s.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "—";
}
