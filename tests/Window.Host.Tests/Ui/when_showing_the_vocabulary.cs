using System.Globalization;
using System.Reflection;
using Window.Contracts;
using Window.Host.Components.Ui;

namespace Window.Host.Tests.Ui;

/// <summary>
/// Every status, light, kind and outcome a case can store is shown in Chinese and English: a member added to a vocabulary
/// without its texts fails here, instead of appearing on a page as its stored string.
/// </summary>
public sealed class when_showing_the_vocabulary
{
    public static TheoryData<string, string> Members()
    {
        var members = new TheoryData<string, string>();
        foreach (var type in Vocabularies())
        {
            foreach (var name in Enum.GetNames(type))
            {
                members.Add(type.Name, name);
            }
        }

        return members;
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void every_member_has_a_chinese_and_an_english_text(string vocabulary, string member)
    {
        var value = (Enum)Enum.Parse(Vocabularies().Single(t => t.Name == vocabulary), member);

        var pair = Text.Pair(value);

        Assert.True(pair is not null, $"{vocabulary}.{member} has no text.");
        Assert.False(string.IsNullOrWhiteSpace(pair.Value.Zh), $"{vocabulary}.{member} has no Chinese text.");
        Assert.False(string.IsNullOrWhiteSpace(pair.Value.En), $"{vocabulary}.{member} has no English text.");
        Assert.True(pair.Value.Zh.Any(c => c >= '\u4e00' && c <= '\u9fff') || pair.Value.Zh == "—", $"{vocabulary}.{member}'s Chinese text is not Chinese.");
    }

    [Fact]
    public void the_vocabularies_are_found()
    {
        Assert.Contains(typeof(TimelineKind), Vocabularies());
        Assert.Contains(typeof(LightKind), Vocabularies());
        Assert.True(Vocabularies().Count >= 8);
    }

    [Fact]
    public void a_stored_timeline_kind_reads_as_its_text_in_either_language()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("差评整改任务建立", Text.Timeline("rectification-opened"));
            Assert.Equal("查看个人信息明文", Text.Timeline("personal-data-revealed"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Rectification task opened", Text.Timeline("rectification-opened"));
            Assert.Equal("Returned for supplement", Text.Status("returned"));
            Assert.Equal("Overdue", Text.Light("red"));
            Assert.Equal("Approve", Text.Of("outcome.approve"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void a_kind_this_version_does_not_know_is_shown_as_stored() =>
        Assert.Equal("some-future-kind", Text.Timeline("some-future-kind"));

    /// <summary>Every vocabulary of Window.Contracts: the enums whose static class holds a <c>Names</c> table.</summary>
    private static List<Type> Vocabularies() =>
    [
        .. typeof(StoredNames<>).Assembly.GetTypes()
            .Select(type => type.GetProperty("Names", BindingFlags.Public | BindingFlags.Static)?.PropertyType)
            .Where(type => type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(StoredNames<>))
            .Select(type => type!.GetGenericArguments()[0]),
    ];
}
