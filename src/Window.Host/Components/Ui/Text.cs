using System.Globalization;
using Window.Host.Api;

namespace Window.Host.Components.Ui;

/// <summary>
/// The UI's words in Chinese and English: the current UI culture (the culture cookie, Chinese by default) picks one.
/// Statuses, lights, roles and the API's problem codes map here once, so a refusal reads as a sentence.
/// </summary>
public static class Text
{
    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        // roles
        ["role.desk"] = ("窗口受理员", "Front desk"),
        ["role.officer"] = ("人才专员", "Case officer"),
        ["role.department"] = ("部门经办人", "Department staff"),
        ["role.supervisor"] = ("效能督查", "Supervisor"),
        ["role.admin"] = ("系统管理员", "Administrator"),
        ["role.talent"] = ("人才", "Talent"),
        ["role.system"] = ("系统", "System"),

        // case, item and step statuses
        ["status.open"] = ("办理中", "In progress"),
        ["status.completed"] = ("已办结", "Completed"),
        ["status.delivered"] = ("已出件", "Delivered"),
        ["status.withdrawn"] = ("已撤回", "Withdrawn"),
        ["status.pending"] = ("待启动", "Pending"),
        ["status.ready"] = ("待办理", "Ready"),
        ["status.claimed"] = ("办理中", "Claimed"),
        ["status.waiting"] = ("等待中", "Waiting"),
        ["status.returned"] = ("待补正", "Returned for supplement"),
        ["status.done"] = ("已完成", "Done"),
        ["status.skipped"] = ("不适用", "Not applicable"),
        ["status.cancelled"] = ("已取消", "Cancelled"),
        ["status.approved"] = ("已批准", "Approved"),
        ["status.rejected"] = ("不予批准", "Rejected"),
        ["status.provided"] = ("已提交", "Provided"),
        ["status.deferred"] = ("容缺待补", "Deferred"),
        ["status.requested"] = ("需补正", "Requested"),
        ["status.supplied"] = ("已补齐", "Supplied"),
        ["status.onFile"] = ("已在档", "On file"),

        // lights
        ["light.green"] = ("正常", "On track"),
        ["light.yellow"] = ("预警", "Warning"),
        ["light.red"] = ("超期", "Overdue"),
        ["light.none"] = ("—", "—"),

        // timeline entries
        ["timeline.accepted"] = ("窗口受理", "Accepted at the window"),
        ["timeline.step-ready"] = ("环节开始办理", "Step ready"),
        ["timeline.step-claimed"] = ("环节认领", "Step claimed"),
        ["timeline.step-completed"] = ("环节办结", "Step decided"),
        ["timeline.step-returned"] = ("退回补正", "Returned for supplement"),
        ["timeline.step-resumed"] = ("补正后恢复办理", "Resumed after supplement"),
        ["timeline.step-waiting"] = ("等待中", "Waiting"),
        ["timeline.materials-supplied"] = ("登记补交材料", "Materials supplied"),
        ["timeline.officer-assigned"] = ("分派专员", "Officer assigned"),
        ["timeline.officer-reassigned"] = ("改派专员", "Officer reassigned"),
        ["timeline.item-approved"] = ("事项批准", "Item approved"),
        ["timeline.item-rejected"] = ("事项不予批准", "Item rejected"),
        ["timeline.step-skipped"] = ("环节不适用", "Step not applicable"),
        ["timeline.step-cancelled"] = ("环节取消", "Step cancelled"),
        ["timeline.light-changed"] = ("状态灯变化", "Light changed"),
        ["timeline.withdrawn"] = ("撤回", "Withdrawn"),
        ["timeline.case-completed"] = ("办件办结", "Case completed"),
        ["timeline.delivered"] = ("出件", "Result delivered"),
        ["timeline.evaluated"] = ("好差评", "Rated"),
        ["timeline.visit"] = ("到窗口", "Visit"),
        ["timeline.wait-elapsed"] = ("等待期满", "Wait elapsed"),
        ["timeline.promise-postponed"] = ("承诺办结日期顺延（新年度日历发布）", "Promised date postponed (calendar published)"),

        // trace spans of commands (case.* as the grain names them)
        ["span.case.accept"] = ("受理", "Accept"),
        ["span.case.claim-step"] = ("认领环节", "Claim step"),
        ["span.case.complete-step"] = ("办理环节", "Decide step"),
        ["span.case.supply-materials"] = ("补交材料", "Supply materials"),
        ["span.case.record-visit"] = ("登记到窗", "Record visit"),
        ["span.case.reassign-officer"] = ("改派专员", "Reassign officer"),
        ["span.case.deliver-result"] = ("出件", "Deliver result"),
        ["span.case.evaluate"] = ("评价", "Rate"),
        ["span.case.withdraw"] = ("撤回", "Withdraw"),
        ["span.case.reveal-personal-data"] = ("查看个人信息", "Reveal personal data"),
        ["span.case.catch-up"] = ("系统推进", "Catch up"),
        ["span.case.recount-dates"] = ("按发布日历重算期限", "Recount dates on the published calendar"),

        // outcomes
        ["outcome.created"] = ("已受理", "Accepted"),
        ["outcome.ok"] = ("完成", "Done"),
        ["outcome.green"] = ("绿灯", "Green"),
        ["outcome.yellow"] = ("黄灯", "Yellow"),
        ["outcome.red"] = ("红灯", "Red"),
        ["outcome.approve"] = ("批准", "Approve"),
        ["outcome.reject"] = ("不予批准", "Reject"),
        ["outcome.return"] = ("退回补正", "Return for supplement"),

        // 好差评 (GB/T 39734-2020)
        ["rating.5"] = ("非常满意", "Very satisfied"),
        ["rating.4"] = ("满意", "Satisfied"),
        ["rating.3"] = ("基本满意", "Fairly satisfied"),
        ["rating.2"] = ("不满意", "Dissatisfied"),
        ["rating.1"] = ("非常不满意", "Very dissatisfied"),

        // problem codes of the API and the grains
        ["problem.invalid_request"] = ("输入有误，请检查后重试。", "Some input is not valid; please check it."),
        ["problem.invalid_request.talent.name"] = ("请填写姓名（不超过 50 字）。", "Enter the name (at most 50 characters)."),
        ["problem.invalid_request.talent.idNumber"] = ("身份证号码无效：应为 18 位，地区码和出生日期真实（不晚于今天），校验位正确。", "The ID number is not valid: 18 characters, a real region code and birth date (not in the future), a correct check character."),
        ["problem.invalid_request.talent.phone"] = ("手机号码应为以 1 开头的 11 位数字。", "The phone number must be 11 digits starting with 1."),
        ["problem.invalid_request.talent.tier"] = ("请选择人才层次（A–E）。", "Choose the talent tier (A–E)."),
        ["problem.invalid_request.items"] = ("请至少选择一个事项，或单独选择一件事套餐。", "Choose at least one item, or one bundle on its own."),
        ["problem.invalid_request.deferred"] = ("容缺材料须填写补交日期。", "Every deferred material needs a due date."),
        ["problem.invalid_request.reason"] = ("不予批准须填写理由。", "A rejection needs a reason."),
        ["problem.invalid_request.missing"] = ("退回补正须列明所缺的全部材料。", "A return must list every missing material."),
        ["problem.invalid_request.level"] = ("请选择评价等级（1–5）。", "Choose a rating (1–5)."),
        ["problem.invalid_request.officer"] = ("请选择接手的专员。", "Choose the officer who takes the case."),
        ["problem.invalid_request.materials"] = ("请选择已补交的材料。", "Choose the supplied materials."),
        ["problem.invalid_request.username"] = ("用户名须为 1–64 位字母、数字、“-”“_”或“.”。", "User name: 1 to 64 letters, digits, '-', '_' or '.'."),
        ["problem.invalid_request.displayName"] = ("请填写姓名（不超过 100 字）。", "Enter the display name (at most 100 characters)."),
        ["problem.invalid_request.role"] = ("请选择角色。", "Choose a role."),
        ["problem.invalid_request.department"] = ("部门经办人须属于一个启用的部门；其他角色不属于部门。", "Department staff belong to exactly one active department; other roles to none."),
        ["problem.invalid_request.password"] = ("密码至少 10 位。", "A password has at least 10 characters."),
        ["problem.invalid_request.id"] = ("部门编码只能是小写字母、数字和“-”。", "A department id is lower-case letters, digits and '-'."),
        ["problem.invalid_request.nameZh"] = ("请填写部门的中文和英文名称。", "Enter the department's Chinese and English names."),
        ["problem.text_required"] = ("请填写此项。", "This is required."),
        ["problem.text_required.talent.name"] = ("请填写姓名。", "Enter the name."),
        ["problem.text_too_long"] = ("内容过长：说明、理由和留言不超过 500 字。", "Too long: notes, reasons and comments have at most 500 characters."),
        ["problem.text_too_long.talent.name"] = ("姓名不超过 50 字。", "A name has at most 50 characters."),
        ["problem.text_forbidden_characters"] = ("含有不允许的控制字符或文字方向控制符，请删除后重试。", "Contains a control or text-direction character; remove it and try again."),
        ["problem.text_forbidden_characters.talent.name"] = ("姓名含有不允许的控制字符、换行或文字方向控制符。", "The name contains a control character, a line break or a text-direction character."),
        ["problem.text_blank"] = ("请填写可见的文字，不能只有空格或不可见字符。", "Enter visible text, not only spaces or invisible characters."),
        ["problem.text_blank.talent.name"] = ("请填写姓名，不能只有空格或不可见字符。", "Enter the name: not only spaces or invisible characters."),
        ["problem.duplicate_item"] = ("同一事项只能选择一次。", "Each item can be chosen once."),
        ["problem.user_exists"] = ("该用户名已存在。", "There is already a user with that name."),
        ["problem.user_not_found"] = ("该用户不存在。", "No such user."),
        ["problem.unknown_item"] = ("事项不存在。", "Unknown service item."),
        ["problem.materials_missing"] = ("材料不齐，无法受理。请一次性告知申请人以下全部缺少的材料：", "Materials are missing; tell the applicant everything missing at once:"),
        ["problem.deferral_not_allowed"] = ("以下材料不允许容缺受理：", "These materials may not be deferred:"),
        ["problem.invalid_due"] = ("容缺材料的补交日期不能早于今天。", "A supplement date may not be in the past."),
        ["problem.item_already_open"] = ("该人才已有办理中的相同事项。", "The talent already has an open case for this item."),
        ["problem.not_decided"] = ("尚有事项未办结，暂不能出件。", "Not every item is decided yet; the result cannot be delivered."),
        ["problem.not_completed"] = ("办结后方可评价。", "The service can be rated once the case is completed."),
        ["problem.already_evaluated"] = ("该办件已评价，感谢您的反馈。", "This case was already rated. Thank you."),
        ["problem.forbidden"] = ("您的角色无权进行此操作。", "Your role may not do this."),
        ["problem.case_not_found"] = ("未找到该办件。", "No such case."),
        ["problem.not_found"] = ("未找到，请核对办件编号和查询码。", "Not found: check the case number and lookup code."),
        ["problem.claimed_by_other"] = ("该环节已由他人认领。", "Another colleague has claimed this step."),
        ["problem.step_not_ready"] = ("该环节尚未到可办理状态。", "This step is not ready."),
        ["problem.case_closed"] = ("办件已结束。", "The case is closed."),
        ["problem.item_closed"] = ("该事项已办结。", "This item is already decided."),
        ["problem.unknown_officer"] = ("该用户不是人才专员。", "That user is not a case officer."),
        ["problem.same_officer"] = ("该专员已负责此办件。", "That officer already owns this case."),
        ["problem.invalid_credentials"] = ("用户名或密码错误。", "The user name or password is wrong."),
        ["problem.locked_out"] = ("此处登录失败次数过多，请 15 分钟后再试。", "Too many failed sign-ins from here: try again in 15 minutes."),
        ["problem.rate_limited"] = ("尝试次数过多，请稍后再试。", "Too many attempts: please try again later."),
        ["problem.local_sign_in_disabled"] = ("本系统使用统一身份认证登录。", "Sign in through the identity provider."),
        ["problem.idempotency_key_reused"] = ("请求重复，请刷新页面后重试。", "Duplicate request; reload the page and try again."),
        ["problem.refused"] = ("操作未能完成。", "The request was refused."),
    };

    /// <summary>Whether the UI speaks English now.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text for a key in the current language; the key itself when unknown.</summary>
    public static string Of(string key) => Words.TryGetValue(key, out var word) ? (English ? word.En : word.Zh) : key;

    /// <summary>A pair written where it is used.</summary>
    public static string L(string zh, string en) => English ? en : zh;

    public static string Name(NameDto? name) => name is null ? "—" : English ? name.En : name.Zh;

    public static string Status(string status) => Of("status." + status);

    public static string Light(string light) => Of("light." + light);

    public static string Role(string role) => Of("role." + role);

    /// <summary>A problem as a sentence: the field-specific text when there is one, else the code's.</summary>
    public static string Problem(string? code, string? field = null)
    {
        if (code is null)
        {
            return Of("problem.refused");
        }

        if (field is not null && Words.ContainsKey($"problem.{code}.{field}"))
        {
            return Of($"problem.{code}.{field}");
        }

        return Words.ContainsKey("problem." + code) ? Of("problem." + code) : Of("problem.refused") + " (" + code + ")";
    }

    /// <summary>What follows a date counted through a year whose holidays are not published yet.</summary>
    public const string ProvisionalZh = "（暂定，遇法定节假日顺延）";

    /// <summary>The provisional note in the current language.</summary>
    public static string Provisional => L(ProvisionalZh, " (provisional: moves past public holidays once published)");

    /// <summary>A date with the provisional note when <paramref name="provisional"/>.</summary>
    public static string Date(DateOnly? date, bool provisional) => Date(date) + (provisional && date is not null ? Provisional : "");

    /// <summary>An instant with the provisional note when <paramref name="provisional"/>.</summary>
    public static string Time(DateTimeOffset? at, bool provisional) => Time(at) + (provisional && at is not null ? Provisional : "");

    public static string Date(DateOnly? date) => date is { } d ? d.ToString(English ? "yyyy-MM-dd" : "yyyy年M月d日", CultureInfo.InvariantCulture) : "—";

    /// <summary>A count with thousands separators, "10,000+" when only a lower bound of it is known.</summary>
    public static string Count(long count, bool atLeast = false) => count.ToString("N0", CultureInfo.InvariantCulture) + (atLeast ? "+" : "");

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
