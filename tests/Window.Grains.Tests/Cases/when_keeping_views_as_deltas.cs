using System.Text;
using Window.Grains.Cases;

namespace Window.Grains.Tests.Cases;

public sealed class when_keeping_views_as_deltas
{
    [Theory]
    [InlineData("", "")]
    [InlineData("a view", "")]
    [InlineData("", "a view")]
    [InlineData("status=ready;trips=1;steps=[health:ready,housing:waiting]", "status=ready;trips=2;steps=[health:claimed,housing:waiting]")]
    [InlineData("the same bytes on both sides", "the same bytes on both sides")]
    [InlineData("abcdefabcdefabcdef", "xyzabcdefabcdefabcdefxyz")]
    public void a_delta_rebuilds_the_view_it_was_made_from(string baseline, string target)
    {
        var (from, to) = (Encoding.UTF8.GetBytes(baseline), Encoding.UTF8.GetBytes(target));

        Assert.Equal(to, ViewDelta.Decode(from, ViewDelta.Encode(from, to)));
    }

    [Fact]
    public void a_view_a_command_apart_costs_a_few_bytes()
    {
        var random = new Random(26);
        var baseline = new byte[3000];
        random.NextBytes(baseline);
        var target = baseline.ToArray();
        target[100] ^= 1;
        target[2000] ^= 1;

        var delta = ViewDelta.Encode(baseline, target);

        Assert.InRange(delta.Length, 1, 24);
        Assert.Equal(target, ViewDelta.Decode(baseline, delta));
    }
}
