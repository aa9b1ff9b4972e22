using Window.Workflows.Definitions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Catalog;

/// <summary>The settle-in bundle's five checklists as one (issue 18): the order the desk works through and the engine reports in.</summary>
public class when_combining_checklists
{
    private static Checklist SettleIn() =>
        Checklist.Of(Support.Catalog.LatestBundle("settle-in")!.Items.Select(id => Support.Catalog.LatestItem(id)!));

    [Fact]
    public void each_material_appears_once_where_its_first_item_lists_it()
    {
        var checklist = SettleIn();

        Assert.Equal(
            ["identity-card", "photo", "degree-certificate", "employment-contract", "social-insurance-record", "housing-status", "marriage-certificate",
             "health-questionnaire", "talent-certificate", "household-register", "child-birth-certificate", "residence-proof"],
            checklist.Materials.Select(m => m.Id));
        Assert.Equal(["talent-certification", "talent-apartment", "medical-checkup", "school-enrollment", "household-registration"], checklist.Find("identity-card")!.Items);
    }

    [Fact]
    public void a_material_one_item_requires_is_required_and_deferrable_only_when_every_item_requiring_it_allows_it()
    {
        var checklist = SettleIn();

        // The photo is optional for certification and required for household registration.
        Assert.True(checklist.Find("photo")!.Required);
        // The contract may be deferred for household registration only: certification and the apartment need it at once.
        Assert.False(checklist.Find("employment-contract")!.Deferrable);
        Assert.True(checklist.Find("residence-proof")!.Deferrable);
        Assert.False(checklist.Find("marriage-certificate")!.Required);
        Assert.Equal(["identity-card", "photo", "employment-contract", "marriage-certificate", "household-register"], checklist.ForItem("household-registration").Select(m => m.Id));
    }

    [Fact]
    public void what_is_missing_reads_in_checklist_order_and_shrinks_as_materials_are_ticked_or_deferred()
    {
        var checklist = SettleIn();

        var nothing = checklist.Missing([], []);
        var most = checklist.Missing(["identity-card", "photo", "degree-certificate", "employment-contract", "social-insurance-record", "health-questionnaire"], ["residence-proof"]);

        Assert.Equal(checklist.Materials.Where(m => m.Required).Select(m => m.Id), nothing);
        Assert.Equal(["housing-status", "household-register", "child-birth-certificate"], most);
        Assert.Equal(["employment-contract"], checklist.NotDeferrable(["residence-proof", "employment-contract"]));
    }

    [Fact]
    public void the_engine_refuses_an_opening_with_the_missing_materials_in_checklist_order()
    {
        var engine = Support.Engine(Support.Clock(Support.At(2026, 3, 2)));

        var result = engine.Start(Support.Open("case-1", ["settle-in"], ["identity-card", "photo"]));

        Assert.Equal(WorkflowErrorCodes.MaterialsMissing, result.Error?.Code);
        Assert.Equal(SettleIn().Missing(["identity-card", "photo"], []), result.Error!.Details!);
        Assert.Equal("degree-certificate", result.Error.Details![0]);
    }
}
