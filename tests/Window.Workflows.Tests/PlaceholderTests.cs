namespace Window.Workflows.Tests;

public class PlaceholderTests
{
    [Fact]
    public void builds() => Assert.True(true);
}
