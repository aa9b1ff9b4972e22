using System.Text;
using Window.Host.Materials;

namespace Window.Host.Tests.Materials;

/// <summary>Pure rules of issue 24's files: the type from the first bytes, a PDF's pages counted while it streams past.</summary>
public sealed class when_reading_a_files_bytes
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, MaterialContent.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46 }, MaterialContent.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, MaterialContent.Png)]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 }, null)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0 }, null)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, null)]
    [InlineData(new byte[0], null)]
    public void the_type_is_the_first_bytes_and_nothing_else(byte[] head, string? expected) =>
        Assert.Equal(expected, MaterialContent.Detect(head));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(4096)]
    public void a_pdf_s_pages_are_counted_whatever_blocks_it_arrives_in(int blockSize)
    {
        var pdf = MaterialSamples.Pdf("marker", pages: 5);
        var counter = new PdfPageCounter();

        for (var at = 0; at < pdf.Length; at += blockSize)
        {
            counter.Feed(pdf.AsSpan(at, Math.Min(blockSize, pdf.Length - at)));
        }

        counter.Finish();
        Assert.Equal(5, counter.Pages);
    }

    [Fact]
    public void the_page_tree_and_page_labels_are_not_pages_and_no_page_object_is_an_unknown_count()
    {
        var counter = new PdfPageCounter();
        counter.Feed(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Pages /Count 2 >> endobj 2 0 obj << /Type /PageLabel >> endobj\n%%EOF"));
        counter.Finish();

        Assert.Null(counter.Pages);
    }
}
