using System.Text.Json;
using Window.Workflows.Calendar;

namespace Window.Workflows.Catalog;

/// <summary>Reads <c>calendar/&lt;year&gt;.json</c>: <c>daysOff</c> ranges and <c>makeUpWorkdays</c>.</summary>
internal static class CalendarReader
{
    public static CalendarYear? Read(JsonFile file, string stem)
    {
        var root = file.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            file.Report("$", "expected an object");
            return null;
        }

        file.OnlyProperties(root, "$", "year", "daysOff", "makeUpWorkdays");
        if (file.Int(root, "$", "year", 1900) is not { } year)
        {
            return null;
        }

        if (stem != year.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            file.Report("$.year", $"year {year} does not match the file name (expected {year}.json)");
        }

        var daysOff = new HashSet<DateOnly>();
        var names = new Dictionary<DateOnly, string>();
        if (file.Array(root, "$", "daysOff") is { } ranges)
        {
            var index = 0;
            foreach (var range in ranges.EnumerateArray())
            {
                var path = $"$.daysOff[{index++}]";
                if (range.ValueKind != JsonValueKind.Object)
                {
                    file.Report(path, "expected an object");
                    continue;
                }

                file.OnlyProperties(range, path, "from", "to", "name");
                // "元旦 New Year's Day": the Chinese name is what the office prints.
                var name = file.String(range, path, "name", required: false)?.Split(' ', 2)[0];
                var from = InYear(file, file.Date(range, path, "from"), year, $"{path}.from");
                var to = InYear(file, file.Date(range, path, "to", required: false), year, $"{path}.to") ?? from;
                if (from > to)
                {
                    file.Report($"{path}.to", "the range ends before it starts");
                }

                for (var d = from; d <= to; d = d.Value.AddDays(1))
                {
                    daysOff.Add(d.Value);
                    if (!string.IsNullOrWhiteSpace(name))
                    {
                        names[d.Value] = name;
                    }
                }
            }
        }

        var makeUp = new HashSet<DateOnly>();
        foreach (var (text, path) in file.Strings(root, "$", "makeUpWorkdays"))
        {
            if (InYear(file, file.ParseDate(text, path), year, path) is { } date)
            {
                makeUp.Add(date);
            }
        }

        return new CalendarYear(year, daysOff, makeUp) { Names = names };
    }

    private static DateOnly? InYear(JsonFile file, DateOnly? date, int year, string path)
    {
        if (date is { } d && d.Year != year)
        {
            file.Report(path, $"{d:yyyy-MM-dd} is not in {year}");
            return null;
        }

        return date;
    }
}
