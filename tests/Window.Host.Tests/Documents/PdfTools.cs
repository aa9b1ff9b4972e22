using System.Diagnostics;

namespace Window.Host.Tests.Documents;

/// <summary>poppler-utils, as a reader of the PDFs would use them: the text (pdftotext) and the fonts (pdffonts) of a PDF.</summary>
public static class PdfTools
{
    /// <summary>The text of every page, in reading order.</summary>
    public static Task<string> TextAsync(byte[] pdf) => RunAsync("pdftotext", pdf, "-layout", "{file}", "-");

    /// <summary>
    /// Every font of the PDF as pdffonts lists it: name, whether it is embedded and whether it is a subset. pdffonts
    /// prints a fixed-width table; the flags are the columns under "emb" and "sub".
    /// </summary>
    public static async Task<IReadOnlyList<(string Name, bool Embedded, bool Subset)>> FontsAsync(byte[] pdf)
    {
        var lines = (await RunAsync("pdffonts", pdf, "{file}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0];
        var emb = header.IndexOf(" emb", StringComparison.Ordinal) + 1;
        var sub = header.IndexOf(" sub", StringComparison.Ordinal) + 1;
        return [.. lines.Skip(2).Select(line => (line.Split(' ')[0], line.Substring(emb, 3).Trim() == "yes", line.Substring(sub, 3).Trim() == "yes"))];
    }

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"window-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument == "{file}" ? file : argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install poppler-utils).");
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
