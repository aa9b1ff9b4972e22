using System.Globalization;

namespace Window.Host.Sla;

/// <summary>
/// One figure of the supervisors' summary: its name, what it counts (shown on hover on the dashboard and printed beside it
/// in the exports), its value, and the case list it drills down to (the filters as a query string, or null when no list
/// holds exactly those cases).
/// </summary>
public sealed record SlaFigure(
    string Key, string Zh, string En, string DefinitionZh, string DefinitionEn, Func<SlaSummaryDto, object?> Value, string? Drill,
    string Tone = "");

/// <summary>
/// The figures the dashboard shows as tiles and the exports list, defined once. A count added to the summary becomes one
/// more line here and reaches the tiles, the Excel 概况 sheet and the PDF report together.
/// </summary>
public static class SlaDefinitions
{
    /// <summary>
    /// The drill-down of the period's completed cases: every status, completed within the period's days, which the
    /// dashboard fills in for <c>{from}</c> and <c>{to}</c>.
    /// </summary>
    public const string Completed = "status=all&completedFrom={from}&completedTo={to}";

    /// <summary>The figures in the order the dashboard shows them.</summary>
    public static IReadOnlyList<SlaFigure> Figures { get; } =
    [
        new("open", "在办环节", "Open steps", "此刻正在各部门办理（已就绪或已签收）的环节数，不含等待补正和等待期。",
            "Steps being handled in departments now (ready or claimed); returned or waiting steps not counted.",
            s => s.Overall.OpenSteps.Green + s.Overall.OpenSteps.Yellow + s.Overall.OpenSteps.Red, "status=open"),
        new("yellow", "黄灯预警", "Yellow (warning)", "此刻亮黄灯的环节数：剩余工作日已到事项设定的预警线，尚未超期。",
            "Steps lit yellow now: their working days left reached the item's warning line, not yet overdue.",
            s => s.Overall.OpenSteps.Yellow, "status=open&stepLight=yellow", "yellow"),
        new("red", "红灯超期", "Red (overdue)", "此刻亮红灯的环节数：已超过环节自身的办理时限。",
            "Steps lit red now: past their own time limit.", s => s.Overall.OpenSteps.Red, "status=open&stepLight=red", "red"),
        new("breaches", "期内超期", "Breaches in period", "统计期内转为红灯的环节与办件数（同一对象在期内只计一次）；此刻仍为红灯的见括号。",
            "Steps and cases that turned red in the period (each once); those still red now in brackets.",
            s => s.Overall.Breaches.InPeriod, null, "red"),
        new("completed", "办结件数", "Completed", "统计期内办结（全部事项已决定）的办件数。",
            "Cases completed (every item decided) in the period.", s => s.Overall.Completed, Completed),
        new("ontime", "按时办结率", "On-time rate", "承诺时限内办结的件数 ÷ 期内办结件数；办结日不晚于承诺办结日即为按时。",
            "Cases completed by their promised day ÷ cases completed in the period.", s => Rate(s.Overall.OnTimeRate), Completed + "&timeliness=onTime", "green"),
        new("late", "超期办结", "Completed late", "期内办结、但办结日晚于承诺办结日的件数。",
            "Cases of the period completed after their promised day.", s => s.Overall.Completed - s.Overall.OnTime, Completed + "&timeliness=late", "red"),
        new("onetrip", "最多跑一次率", "At most one trip", "期内办结的办件中，人才到窗口不超过一次的比例。",
            "Share of the period's completed cases whose talent came to the window at most once.", s => Rate(s.Overall.AtMostOneTripShare), Completed + "&trips=atMostOne", "green"),
        new("median", "办理用时中位数", "Median working days", "期内办结办件从受理日到办结日的工作日数（按工作日历，节假日不计）的中位数。",
            "Median working days from acceptance to completion (working calendar; holidays not counted).", s => s.Overall.MedianWorkingDays, null),
        new("p90", "办理用时 P90", "P90 working days", "90% 的办结办件在此工作日数内办结（就近排名法）。",
            "90 % of completed cases finished within this many working days (nearest rank).", s => s.Overall.P90WorkingDays, null),
        new("ratings", "好差评", "Ratings", "期内办结办件收到的评价数（GB/T 39734-2020 五级）。",
            "Ratings received on the period's completed cases (five levels, GB/T 39734-2020).", s => s.Ratings.Rated, Completed + "&rating=rated"),
        new("poor", "差评", "Poor ratings", "评价为“不满意”或“非常不满意”的件数；每件差评需回访整改。",
            "Ratings 不满意 or 非常不满意; each needs a follow-up and rectification.",
            s => s.Ratings.Poor, Completed + "&rating=poor", "red"),
        new("rectifying", "差评整改中", "Being rectified", "期内办结办件的差评中，整改任务尚未办结的件数（含申诉待裁定）。",
            "Poor ratings of the period whose rectification is not closed yet (pending appeals included).",
            s => s.Ratings.Rectifying, Completed + "&rating=poor&rectification=open", "yellow"),
        new("appealed", "差评申诉待裁定", "Appeals pending", "期内办结办件的差评中，专员已申诉、等待督查裁定的件数。",
            "Poor ratings of the period appealed by the officer and waiting for a supervisor's decision.",
            s => s.Ratings.Appealed, Completed + "&rating=poor&rectification=appealed"),
        new("rectified", "差评已整改", "Rectified", "期内办结办件的差评中，已回访并办结整改的件数。",
            "Poor ratings of the period whose rectification is closed (followed up, result recorded).",
            s => s.Ratings.Rectified, Completed + "&rating=poor&rectification=closed", "green"),
        new("statutory", "超法定时限", "Statutory breaches", "统计期内超过法定办结期限（含批准的延期）仍未办结的办件数，每件只计一次；与承诺时限的红灯分开统计。",
            "Cases that passed their statutory limit (approved extensions included) undecided in the period, each once; apart from the promised lights.",
            s => s.Acts.StatutoryBreaches, null, "red"),
        new("refusals", "不予受理", "Refusals at the window", "统计期内窗口作出的不予受理决定数（在窗口作出，不按部门、事项筛选）。",
            "Refusal decisions made at the window in the period (made at the window: not filtered by department or item).", s => s.Acts.Refusals, null),
        new("extensions", "批准延期", "Extensions approved", "统计期内经督查批准延长法定期限的次数。",
            "Extensions of the statutory limit approved by a supervisor in the period.", s => s.Acts.Extensions, null),
        new("suspensions", "中止办理", "Suspensions", "统计期内中止办理的次数（中止期间各时限停止计算）。",
            "Suspensions in the period (every clock stands still while suspended).", s => s.Acts.Suspensions, null),
        new("terminations", "终止办理", "Terminations", "统计期内终止办理的办件数。", "Cases terminated in the period.", s => s.Acts.Terminations, null),
    ];

    /// <summary>A share as the dashboard and the PDF print it: 87.5%, or — when nothing was completed.</summary>
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static Exports.Share? Rate(double? rate) => rate is { } r ? new Exports.Share(r) : null;
}
