using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Window.Host.Documents;

/// <summary>The office that issues a document: its name is the letterhead, its address and phone the footer of every page.</summary>
public sealed record Letterhead(string Office, string Address, string Phone);

/// <summary>
/// The A4 page layer of every document Window prints (notices, reports): the office's name as a red letterhead, then
/// blocks laid out top to bottom (title, number, paragraphs, label/value fields, tables, a QR code, the signature with
/// its seal area), a new page whenever a block does not fit, and a footer with the office's address, phone and
/// "page n / N". Chinese and Latin text is set in <see cref="DocumentFonts"/>, wrapped at any ideograph or space.
/// Use: <c>new A4Composer(letterhead)</c>, call the blocks in order, then <see cref="ToPdf"/> once.
/// </summary>
public sealed class A4Composer : IDisposable
{
    /// <summary>The body text's size in points.</summary>
    public const double BodySize = 12;

    /// <summary>The width the signature takes at the right of the page (beside a QR code's caption).</summary>
    private const double SignatureWidth = 150;

    private const double Left = 72;
    private const double Right = 595.28 - 72;
    private const double Top = 56;
    private const double Bottom = 841.89 - 64;
    private const double Width = Right - Left;

    private static readonly XColor Red = XColor.FromArgb(0xC0, 0x1F, 0x1F);
    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(0x55, 0x55, 0x55));

    private readonly Letterhead letterhead;
    private readonly PdfDocument document = new();
    private XGraphics? graphics;
    private double y;

    // Where the last block, when it was a QR code, began on its page: the signature then sits beside it, in the space
    // its caption leaves at the right.
    private (int Page, double Top)? qrRow;

    /// <summary>Starts a document with its first page and the letterhead.</summary>
    public A4Composer(Letterhead letterhead, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(letterhead);
        DocumentFonts.Use();
        this.letterhead = letterhead;
        document.Info.Creator = "Window";
        document.Info.Author = letterhead.Office;
        if (subject is not null)
        {
            document.Info.Title = subject;
        }

        // Fixed so that the same document renders to the same bytes (tests and archives compare hashes).
        document.Info.CreationDate = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        document.Info.ModificationDate = document.Info.CreationDate;
        NewPage();
    }

    /// <summary>The current page's graphics (for a caller's own drawing between blocks).</summary>
    public XGraphics Graphics => graphics!;

    /// <summary>The title, large and centred (e.g. 受理通知书).</summary>
    public A4Composer Title(string title)
    {
        qrRow = null;
        Need(40);
        y += 4;
        Centered(title, 22, bold: true, Ink);
        y += 32;
        return this;
    }

    /// <summary>The document number (文书编号), centred under the title.</summary>
    public A4Composer Number(string number)
    {
        qrRow = null;
        Need(24);
        Centered(number, BodySize, bold: false, Ink);
        y += 24;
        return this;
    }

    /// <summary>A small bold heading within the body.</summary>
    public A4Composer Heading(string text)
    {
        qrRow = null;
        Need(26);
        Line(text, Left, BodySize + 1, bold: true, Ink);
        y += BodySize + 8;
        return this;
    }

    /// <summary>A paragraph wrapped to the page width; the first line is indented two ideographs unless <paramref name="indent"/> is false.</summary>
    public A4Composer Paragraph(string text, bool indent = true, double size = BodySize, bool muted = false)
    {
        qrRow = null;
        ArgumentNullException.ThrowIfNull(text);
        var lines = Wrap(text, size, indent ? Width - 2 * size : Width, Width);
        for (var i = 0; i < lines.Count; i++)
        {
            Need(size * 1.7);
            Line(lines[i], Left + (indent && i == 0 ? 2 * size : 0), size, bold: false, muted ? Muted : Ink);
            y += size * 1.7;
        }

        y += size * 0.3;
        return this;
    }

    /// <summary>Labels and values in two columns (办件编号：…), each value wrapped in its column.</summary>
    public A4Composer Fields(IReadOnlyList<(string Label, string Value)> fields)
    {
        qrRow = null;
        ArgumentNullException.ThrowIfNull(fields);
        const double labelWidth = 110;
        foreach (var (label, value) in fields)
        {
            var lines = Wrap(value, BodySize, Width - labelWidth, Width - labelWidth);
            for (var i = 0; i < lines.Count; i++)
            {
                Need(BodySize * 1.55);
                if (i == 0)
                {
                    Line(label + "：", Left, BodySize, bold: true, Ink);
                }

                Line(lines[i], Left + labelWidth, BodySize, bold: false, Ink);
                y += BodySize * 1.55;
            }
        }

        y += BodySize * 0.4;
        return this;
    }

    /// <summary>
    /// A ruled table: a header row and the rows, each cell wrapped in its column; <paramref name="widths"/> are the columns'
    /// shares of the page width (equal when omitted). A row that does not fit starts a new page, which repeats the header.
    /// </summary>
    public A4Composer Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double>? widths = null)
    {
        qrRow = null;
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var shares = widths ?? [.. headers.Select(_ => 1.0)];
        var total = shares.Sum();
        var columns = shares.Select(share => Width * share / total).ToArray();
        const double size = BodySize - 1;
        const double pad = 5;

        double Height(IReadOnlyList<string> cells) =>
            cells.Take(columns.Length).Select((cell, i) => Wrap(cell, size, columns[i] - 2 * pad, columns[i] - 2 * pad).Count).DefaultIfEmpty(1).Max() * size * 1.6 + 2 * pad - size * 0.6;

        void Row(IReadOnlyList<string> cells, bool header)
        {
            var height = Height(cells);
            var x = Left;
            for (var i = 0; i < columns.Length; i++)
            {
                if (header)
                {
                    graphics!.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xF0, 0xF0, 0xF0)), x, y, columns[i], height);
                }

                graphics!.DrawRectangle(new XPen(XColors.Black, 0.6), x, y, columns[i], height);
                var lineY = y + pad;
                foreach (var line in Wrap(i < cells.Count ? cells[i] : "", size, columns[i] - 2 * pad, columns[i] - 2 * pad))
                {
                    Text(line, x + pad, lineY, size, header, Ink);
                    lineY += size * 1.6;
                }

                x += columns[i];
            }

            y += height;
        }

        Need(Height(headers) + (rows.Count > 0 ? Height(rows[0]) : 0));
        Row(headers, header: true);
        foreach (var row in rows)
        {
            if (y + Height(row) > Bottom)
            {
                NewPage();
                Row(headers, header: true);
            }

            Row(row, header: false);
        }

        y += BodySize * 0.7;
        return this;
    }

    /// <summary>A QR code of <paramref name="content"/> (drawn as vector squares) with a caption beside it.</summary>
    public A4Composer QrCode(string content, string caption)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(caption);
        const double side = 76;
        Need(side + 8);
        using (var generator = new QRCodeGenerator())
        using (var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M))
        {
            var modules = data.ModuleMatrix;
            var cell = side / modules.Count;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var column = 0; column < modules.Count; column++)
                {
                    if (modules[row][column])
                    {
                        // A hair wider than the cell, so that neighbouring squares leave no white seam when rasterised.
                        graphics!.DrawRectangle(Ink, Left + column * cell, y + row * cell, cell + 0.15, cell + 0.15);
                    }
                }
            }
        }

        var captionY = y + 12;
        var captionWidth = Width - side - 16 - SignatureWidth;
        foreach (var line in Wrap(caption, BodySize - 1, captionWidth, captionWidth))
        {
            Text(line, Left + side + 16, captionY, BodySize - 1, bold: false, Muted);
            captionY += (BodySize - 1) * 1.6;
        }

        qrRow = (document.PageCount, y);
        y += side + 8;
        return this;
    }

    /// <summary>
    /// The signature: the issuing office and the date at the right, over a round seal area (盖章处) where the office stamps
    /// the printed copy; <paramref name="sealText"/> is printed inside the circle in grey.
    /// </summary>
    public A4Composer Signature(string office, string date, string sealText)
    {
        ArgumentNullException.ThrowIfNull(office);
        ArgumentNullException.ThrowIfNull(date);
        const double radius = 44;
        if (qrRow is { } beside && beside.Page == document.PageCount)
        {
            y = beside.Top - 4;
        }

        Need(2 * radius + 12);
        y += 4;
        var centreX = Right - radius - 20;
        var centreY = y + radius;
        graphics!.DrawEllipse(new XPen(Red, 1.2) { DashStyle = XDashStyle.Dash }, centreX - radius, centreY - radius, 2 * radius, 2 * radius);
        var sealWidth = Measure(sealText, BodySize - 2, bold: false);
        Text(sealText, centreX - sealWidth / 2, centreY - (BodySize - 2) / 2 - 12, BodySize - 2, bold: false, Muted);
        var officeWidth = Measure(office, BodySize, bold: false);
        var dateWidth = Measure(date, BodySize, bold: false);
        Text(office, Right - officeWidth, centreY - 4, BodySize, bold: false, Ink);
        Text(date, Right - dateWidth, centreY + BodySize * 1.6 - 4, BodySize, bold: false, Ink);
        y += 2 * radius + 8;
        return this;
    }

    /// <summary>Vertical space in points.</summary>
    public A4Composer Space(double points)
    {
        qrRow = null;
        y += points;
        return this;
    }

    /// <summary>The finished PDF: every page's footer drawn, the document saved (call once).</summary>
    public byte[] ToPdf()
    {
        graphics?.Dispose();
        graphics = null;
        var count = document.PageCount;
        for (var index = 0; index < count; index++)
        {
            using var page = XGraphics.FromPdfPage(document.Pages[index], XGraphicsPdfPageOptions.Append);
            graphics = page;
            graphics.DrawLine(new XPen(XColor.FromArgb(0x99, 0x99, 0x99), 0.5), Left, Bottom + 14, Right, Bottom + 14);
            Text($"{letterhead.Office}  地址：{letterhead.Address}  电话：{letterhead.Phone}", Left, Bottom + 20, 8.5, bold: false, Muted);
            var folio = $"{index + 1} / {count}";
            Text(folio, Right - Measure(folio, 8.5, bold: false), Bottom + 20, 8.5, bold: false, Muted);
            graphics = null;
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        graphics?.Dispose();
        document.Dispose();
    }

    private void NewPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Size = PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Top;
        var width = Measure(letterhead.Office, 24, bold: true);
        Text(letterhead.Office, (Left + Right - width) / 2, y, 24, bold: true, new XSolidBrush(Red));
        y += 34;
        graphics.DrawLine(new XPen(Red, 2), Left, y, Right, y);
        graphics.DrawLine(new XPen(Red, 0.6), Left, y + 3, Right, y + 3);
        y += 16;
    }

    private void Need(double height)
    {
        if (y + height > Bottom)
        {
            NewPage();
        }
    }

    private void Centered(string text, double size, bool bold, XBrush brush)
    {
        foreach (var line in Wrap(text, size, Width, Width))
        {
            Text(line, Left + (Width - Measure(line, size, bold)) / 2, y, size, bold, brush);
            y += size * 1.5;
        }

        y -= size * 1.5;
    }

    private void Line(string text, double x, double size, bool bold, XBrush brush) => Text(text, x, y, size, bold, brush);

    /// <summary>Draws one line whose top is at <paramref name="top"/>, run by run.</summary>
    private void Text(string text, double x, double top, double size, bool bold, XBrush brush)
    {
        var baseline = top + size * 0.9;
        foreach (var (family, run) in DocumentFonts.Runs(text))
        {
            var font = DocumentFonts.Font(family, size, bold);
            graphics!.DrawString(run, font, brush, x, baseline);
            x += graphics.MeasureString(run, font).Width;
        }
    }

    private double Measure(string text, double size, bool bold) =>
        DocumentFonts.Runs(text).Sum(run => graphics!.MeasureString(run.Text, DocumentFonts.Font(run.Family, size, bold)).Width);

    /// <summary>
    /// Lines of at most <paramref name="first"/> (then <paramref name="rest"/>) points: a break may come after any ideograph
    /// or space, never before closing punctuation (，。、；：）」》…), and a Latin word longer than a line is cut.
    /// </summary>
    private List<string> Wrap(string text, double size, double first, double rest)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var token in Tokens(paragraph).SelectMany(token => Cut(token, size, rest)))
            {
                var candidate = line + token;
                var limit = lines.Count == 0 ? first : rest;
                if (line.Length > 0 && Measure(candidate.TrimEnd(), size, bold: false) > limit && !ClosesLine(token))
                {
                    lines.Add(line.TrimEnd());
                    line = token.TrimStart();
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line.TrimEnd());
        }

        return lines;
    }

    /// <summary><paramref name="token"/> in pieces no wider than <paramref name="limit"/> (a Latin word longer than a line).</summary>
    private IEnumerable<string> Cut(string token, double size, double limit)
    {
        if (token.Length == 1 || Measure(token, size, bold: false) <= limit)
        {
            yield return token;
            yield break;
        }

        var start = 0;
        for (var end = 1; end <= token.Length; end++)
        {
            if (end == token.Length || Measure(token[start..(end + 1)], size, bold: false) > limit)
            {
                yield return token[start..end];
                start = end;
            }
        }
    }

    private static bool ClosesLine(string token) => token.Length == 1 && "，。、；：！？）》」』】〕”’,.;:!?)".Contains(token[0], StringComparison.Ordinal);

    /// <summary>One ideograph per token; Latin words with their following space.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (DocumentFonts.IsCjk(text[i]))
            {
                if (i > start)
                {
                    yield return text[start..i];
                }

                yield return text[i].ToString();
                start = i + 1;
            }
            else if (text[i] is ' ' or '/' or '?' or '&' or '=' or '-')
            {
                // A space, or a place where an address or a number may break (after / ? & = -).
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
