using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Window.Storage.ReadModel;

/// <summary>How a case list is ordered.</summary>
public enum CaseOrder
{
    /// <summary>Newest first: by opened instant descending, then case id.</summary>
    Newest,

    /// <summary>Earliest promised completion date first (承诺办结), then case id.</summary>
    Due,
}

/// <summary>
/// Where a case list continues: the sort key of the last case of the page before, and the number of the page it leads to.
/// Keyset paging reads the next page from that key in the index, whatever the depth, where an offset reads and skips
/// every case before it.
/// </summary>
/// <param name="Order">The order the key belongs to (a cursor of another order is refused).</param>
/// <param name="OpenedAt">The last case's opened instant (<see cref="CaseOrder.Newest"/>).</param>
/// <param name="PromisedBy">The last case's promised date (<see cref="CaseOrder.Due"/>).</param>
/// <param name="CaseId">The last case's id (the tie-breaker of both orders).</param>
/// <param name="Page">The 1-based number of the page this key leads to.</param>
public sealed record CaseKey(CaseOrder Order, DateTimeOffset? OpenedAt, DateOnly? PromisedBy, string CaseId, int Page)
{
    /// <summary>The key after <paramref name="row"/> in <paramref name="order"/>, leading to page <paramref name="page"/>.</summary>
    public static CaseKey After(CaseRow row, CaseOrder order, int page)
    {
        ArgumentNullException.ThrowIfNull(row);
        return order == CaseOrder.Due
            ? new CaseKey(order, null, row.PromisedBy, row.CaseId, page)
            : new CaseKey(order, row.OpenedAt, null, row.CaseId, page);
    }

    /// <summary>The opaque cursor text (URL-safe).</summary>
    public string Encode() => Cursors.Encode(
        "c1",
        Order == CaseOrder.Due ? "due" : "newest",
        Order == CaseOrder.Due ? PromisedBy!.Value.DayNumber.ToString(CultureInfo.InvariantCulture) : Cursors.Ticks(OpenedAt!.Value),
        CaseId,
        Page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The key a cursor names, or <see langword="null"/> when it is not a case cursor of <paramref name="order"/>.</summary>
    public static CaseKey? Decode(string? cursor, CaseOrder order)
    {
        if (Cursors.Decode(cursor) is not ["c1", var kind, var key, var caseId, var pageText]
            || kind != (order == CaseOrder.Due ? "due" : "newest")
            || caseId.Length == 0
            || Cursors.Page(pageText) is not { } page)
        {
            return null;
        }

        if (order == CaseOrder.Due)
        {
            return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day <= DateOnly.MaxValue.DayNumber
                ? new CaseKey(order, null, DateOnly.FromDayNumber(day), caseId, page)
                : null;
        }

        return Cursors.Instant(key) is { } opened ? new CaseKey(order, opened, null, caseId, page) : null;
    }
}

/// <summary>
/// Where a department's queue continues: the last line's place in the queue order (due instant, paused steps last, ready
/// instant, case number, item, step) and the number of the page it leads to.
/// </summary>
public sealed record QueueKey(DateTimeOffset? DueAt, DateTimeOffset? ReadyAt, string CaseNumber, string ItemId, string StepId, int Page)
{
    /// <summary>The key after <paramref name="entry"/>, leading to page <paramref name="page"/>.</summary>
    public static QueueKey After(QueueEntry entry, int page)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new QueueKey(entry.DueAt, entry.ReadyAt, entry.CaseNumber, entry.ItemId, entry.StepId, page);
    }

    /// <summary>The opaque cursor text (URL-safe).</summary>
    public string Encode() => Cursors.Encode(
        "q1",
        DueAt is { } due ? Cursors.Ticks(due) : "",
        ReadyAt is { } ready ? Cursors.Ticks(ready) : "",
        CaseNumber,
        ItemId,
        StepId,
        Page.ToString(CultureInfo.InvariantCulture));

    /// <summary>The key a cursor names, or <see langword="null"/> when it is not a queue cursor.</summary>
    public static QueueKey? Decode(string? cursor)
    {
        if (Cursors.Decode(cursor) is not ["q1", var due, var ready, var number, var item, var step, var pageText]
            || number.Length == 0 || item.Length == 0 || step.Length == 0
            || Cursors.Page(pageText) is not { } page)
        {
            return null;
        }

        DateTimeOffset? dueAt = due.Length == 0 ? null : Cursors.Instant(due);
        DateTimeOffset? readyAt = ready.Length == 0 ? null : Cursors.Instant(ready);
        if ((due.Length > 0 && dueAt is null) || (ready.Length > 0 && readyAt is null))
        {
            return null;
        }

        return new QueueKey(dueAt, readyAt, number, item, step, page);
    }
}

/// <summary>
/// The text of a cursor: its parts joined by line feeds (no id, number or instant holds one), UTF-8, base64url. Opaque to
/// clients but not secret: it holds the last line's sort key (instants, a case id or number, catalogue ids), never a
/// searched value, and every query still applies the reader's access filter to what follows it.
/// </summary>
internal static class Cursors
{
    /// <summary>Longer cursors are refused unread: the longest real one is under 200 characters.</summary>
    public const int MaxLength = 512;

    public static string Encode(params string[] parts) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    public static string[]? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return null;
        }
    }

    public static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset? Instant(string ticks) =>
        long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    public static int? Page(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 2 ? page : null;
}
