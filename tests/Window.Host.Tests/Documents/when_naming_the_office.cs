using Microsoft.Extensions.Configuration;
using Window.Host.Documents;

namespace Window.Host.Tests.Documents;

/// <summary>The office's name is one setting for the letterhead and the receipt; the older key is still read. No host.</summary>
public sealed class when_naming_the_office
{
    [Theory]
    [InlineData(null, null, "衢州市人才服务中心")]
    [InlineData("丽水市人才服务中心", null, "丽水市人才服务中心")]
    [InlineData(null, "温州市人才服务中心", "温州市人才服务中心")]
    [InlineData("丽水市人才服务中心", "温州市人才服务中心", "丽水市人才服务中心")]
    public void the_documents_setting_wins_and_the_older_window_name_is_its_fallback(string? office, string? windowName, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Window:Documents:Office:Name"] = office,
            ["Window:Ui:WindowName"] = windowName,
        }).Build();

        Assert.Equal(expected, DocumentOptions.OfficeName(configuration));
        Assert.Equal(expected, DocumentOptions.From(configuration).Letterhead.Office);
    }
}
