namespace Window.Host.Documents;

/// <summary>Sets a template with its facts on A4 pages (<see cref="A4Composer"/>): letterhead, title, number, body, signature.</summary>
public static class DocumentRenderer
{
    /// <summary>The PDF of <paramref name="template"/> filled with <paramref name="facts"/> (which hold <c>document.number</c>).</summary>
    public static byte[] Render(DocumentTemplate template, DocumentFacts facts, Letterhead letterhead, string language = DocumentLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(facts);
        string Fill(TemplateText text) => DocumentTemplate.Fill(text, language, facts);

        var title = Fill(template.Title);
        using var page = new A4Composer(letterhead, title);
        page.Title(title).Number(facts.Value("document.number"));
        foreach (var block in template.Blocks)
        {
            if (block.When is { } when && !facts.Has(when))
            {
                continue;
            }

            switch (block.Type)
            {
                case "paragraph":
                    page.Paragraph(Fill(block.Text!), block.Indent);
                    break;
                case "note":
                    page.Paragraph(Fill(block.Text!), block.Indent, A4Composer.BodySize - 2, muted: true);
                    break;
                case "heading":
                    page.Heading(Fill(block.Text!));
                    break;
                case "fields":
                    page.Fields([.. block.Fields!.Where(f => f.When is null || facts.Has(f.When)).Select(f => (Fill(f.Label), Fill(f.Value)))]);
                    break;
                case "table":
                    page.Table([.. block.Columns!.Select(Fill)], facts.Table(block.Rows!), block.Widths);
                    break;
                case "qr":
                    page.QrCode(facts.Value("progress.url"), Fill(block.Text!));
                    break;
            }
        }

        return page.Signature(facts.Value("office.name"), facts.Value("act.date"), Fill(template.Seal)).ToPdf();
    }
}
