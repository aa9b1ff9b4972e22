using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Window.Host.Sla.Exports;

/// <summary>A share (0..1) written as a percentage cell.</summary>
public readonly record struct Share(double Value);

/// <summary>One sheet: its name, the Chinese column headers and the rows (string, whole or decimal number, <see cref="DateOnly"/>, <see cref="Share"/> or null).</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes workbooks with the Open XML SDK: bold headers, numbers as number cells, days as date cells (yyyy年m月d日) and
/// shares as percentages, so that leadership's spreadsheets add them up without retyping.
/// </summary>
public static class Xlsx
{
    /// <summary>The media type of an .xlsx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint DateStyle = 1;
    private const uint ShareStyle = 2;
    private const uint HeaderStyle = 3;
    private const uint DecimalStyle = 4;

    /// <summary>The workbook of <paramref name="sheets"/>, in order.</summary>
    public static byte[] Write(IEnumerable<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var list = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(sheet.Headers.Select(h => Text(h, HeaderStyle))));
                foreach (var row in sheet.Rows)
                {
                    data.Append(Row(row.Select(Cell)));
                }

                var columns = new Columns(sheet.Headers.Select((h, i) =>
                    new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(12, h.Length * 2.2 + 2), CustomWidth = true }));
                part.Worksheet = new Worksheet(columns, data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }
        }

        return stream.ToArray();
    }

    private static Row Row(IEnumerable<Cell> cells)
    {
        var row = new Row();
        row.Append(cells);
        return row;
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        string s => Text(s, 0),
        int n => Number(n.ToString(System.Globalization.CultureInfo.InvariantCulture), 0),
        long n => Number(n.ToString(System.Globalization.CultureInfo.InvariantCulture), 0),
        double d => Number(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), DecimalStyle),
        Share s => Number(s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ShareStyle),
        DateOnly day => Number(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), DateStyle),
        _ => Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", 0),
    };

    private static Cell Text(string text, uint style) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)),
        StyleIndex = style,
    };

    private static Cell Number(string value, uint style) => new() { DataType = CellValues.Number, CellValue = new CellValue(value), StyleIndex = style };

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = StringValue.FromString("yyyy\"年\"m\"月\"d\"日\"") },
            new NumberingFormat { NumberFormatId = 165, FormatCode = StringValue.FromString("0.0") }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 5 });
}
