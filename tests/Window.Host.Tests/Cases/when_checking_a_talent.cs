using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Host.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// The one definition of a valid talent (issue 18): <see cref="TalentRules"/> as a function, and the API refusing exactly
/// what the desk's form marks red, on both databases.
/// </summary>
public sealed class when_checking_a_talent(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(WindowApp.Start.Date);
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("999999", "19900101", "id_number_region")]
    [InlineData("000106", "19900101", "id_number_region")]
    [InlineData("710101", "19900101", "id_number_region")]
    [InlineData("810101", "19900101", "id_number_region")]
    [InlineData("330106", "20300101", "id_number_birth_date")]
    [InlineData("330106", "20261124", "id_number_birth_date")]
    [InlineData("330106", "18991231", "id_number_birth_date")]
    [InlineData("330106", "19900230", "id_number_birth_date")]
    public void an_unknown_region_or_an_impossible_or_future_birth_date_is_refused_with_its_own_code(string region, string birth, string code)
    {
        var problem = TalentRules.IdNumber(Valid(region + birth + "123"), Today);

        Assert.Equal((TalentRules.IdNumberField, code), (problem?.Field, problem?.Code));
    }

    [Theory]
    [InlineData("110105", "19900307")]
    [InlineData("330106", "20261123")]
    [InlineData("650102", "19000101")]
    [InlineData("810000", "19850615")]
    [InlineData("830000", "19920101")]
    public void a_real_number_is_accepted_up_to_a_birth_today_and_with_residence_permit_codes(string region, string birth) =>
        Assert.Null(TalentRules.IdNumber(Valid(region + birth + "123"), Today));

    [Fact]
    public void a_lower_case_x_and_spaces_around_are_read_as_typed_on_the_card()
    {
        var withX = Enumerable.Range(0, 1000).Select(i => Valid($"11010519900307{i:D3}")).First(id => id.EndsWith('X'));

        Assert.Null(TalentRules.IdNumber("  " + withX.ToLowerInvariant() + " ", Today));
        Assert.Equal(withX, TalentRules.NormalizeIdNumber(" " + withX.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("11010519900307001", "id_number_format")]
    [InlineData("1101051990030700123", "id_number_format")]
    [InlineData("11010519900307A01X", "id_number_format")]
    [InlineData("", "text_required")]
    [InlineData("   ", "text_required")]
    public void a_malformed_number_says_so(string value, string code) =>
        Assert.Equal(code, TalentRules.IdNumber(value, Today)?.Code);

    [Fact]
    public void a_mistyped_digit_fails_the_check_character()
    {
        var valid = Valid("11010519900307001");
        var mistyped = string.Concat(valid.AsSpan(0, 15), valid[15] == '9' ? "0" : "9", valid.AsSpan(16));

        Assert.Equal("id_number_check", TalentRules.IdNumber(mistyped, Today)?.Code);
    }

    [Fact]
    public void an_empty_talent_has_every_field_wrong_at_once_in_the_forms_order()
    {
        var problems = TalentRules.Check(null, "", " ", null, Today);

        Assert.Equal(
            [(TalentRules.NameField, "text_required"), (TalentRules.IdNumberField, "text_required"), (TalentRules.PhoneField, "text_required"), (TalentRules.TierField, "invalid_request")],
            problems.Select(p => (p.Field, p.Code)));
        Assert.Empty(TalentRules.Check("张三", Valid("33010619880512002"), " 13800138000 ", "c", Today));
    }

    [Theory]
    [InlineData("23800138000")]
    [InlineData("1380013800")]
    [InlineData("1380013800a")]
    public void a_phone_that_is_not_11_digits_from_1_is_refused(string phone) =>
        Assert.Equal((TalentRules.PhoneField, "invalid_request"), (TalentRules.Phone(phone)?.Field, TalentRules.Phone(phone)?.Code));

    [Fact]
    public void no_message_repeats_the_number()
    {
        var id = Valid("99999919900101123");

        Assert.DoesNotContain(id, TalentRules.IdNumber(id, Today)!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("999999", TalentRules.IdNumber(id, Today)!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "999999", "19900101", "id_number_region")]
    [InlineData(DatabaseProvider.Sqlite, "330106", "20300101", "id_number_birth_date")]
    [InlineData(DatabaseProvider.PostgreSql, "999999", "19900101", "id_number_region")]
    [InlineData(DatabaseProvider.PostgreSql, "330106", "20300101", "id_number_birth_date")]
    public async Task the_api_refuses_region_999999_and_a_birth_in_2030_naming_talent_id_number_and_registers_nobody(
        DatabaseProvider provider, string region, string birth, string code)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        using var desk = app.Desk();

        var response = await desk.CommandAsync("/api/cases", Opening(new { name = "张三", idNumber = Valid(region + birth + "123"), phone = "13812345678", tier = "C" }));

        var problem = await response.ProblemAsync(400);
        Assert.Equal(TalentRules.IdNumberField, problem.GetProperty("field").GetString());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_cases"));
    }

    [Fact]
    public async Task the_form_and_the_api_judge_a_talent_by_the_same_rule()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        var opening = app.Services.GetRequiredService<CaseOpening>();
        (string? Name, string? IdNumber, string? Phone, string? Tier)[] talents =
        [
            (null, null, null, null),
            ("张三", Valid("99999919900101123"), "13812345678", "C"),
            ("张三", Valid("33010620300101123"), "13812345678", "C"),
            ("张\u202E三", Valid("33010619900101123"), "138", "Z"),
            ("张三", "330106199001011230", "13812345678", "c"),
            ("张三", Valid("33010619900101124"), "2381234567", "C"),
            ("张三", Valid("33010619900101125"), "13812345678", ""),
            ("  ", "", "", ""),
            ("李四", Valid("33010619900101126"), "13812345678", "b"),
        ];

        foreach (var (name, idNumber, phone, tier) in talents)
        {
            var form = opening.TalentProblems(new TalentRequest(name, idNumber, phone, tier));

            var response = await desk.CommandAsync("/api/cases", Opening(new { name, idNumber, phone, tier }));

            Assert.Equal(TalentRules.Check(name, idNumber, phone, tier, Today).Select(p => (p.Field, p.Code)), form.Select(p => (p.Field, p.Code)));
            if (form.Count == 0)
            {
                Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
                continue;
            }

            var problem = await response.ProblemAsync(400);
            Assert.Equal((form[0].Field, form[0].Code), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        }
    }

    private static string Valid(string first17) => first17 + TalentRules.CheckCharacter(first17);

    private static object Opening(object talent) =>
        new { talent, items = new[] { "medical-checkup" }, materials = new[] { "identity-card", "health-questionnaire" }, deferred = Array.Empty<object>() };
}
