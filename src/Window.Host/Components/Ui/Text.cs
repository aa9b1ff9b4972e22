using System.Globalization;
using Window.Contracts;
using Window.Host.Api;
using Window.Workflows.Calendar;

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

        // statuses of a talent's material file (not stored per case)
        ["status.supplied"] = ("已补齐", "Supplied"),
        ["status.onFile"] = ("已在档", "On file"),

        // administrative acts (issue 20)
        ["act.deferred"] = ("容缺材料", "Deferred materials"),
        ["span.case.request-extension"] = ("申请延期", "Request extension"),
        ["span.case.decide-act"] = ("审批", "Decide"),
        ["span.case.suspend"] = ("中止", "Suspend"),
        ["span.case.resume"] = ("恢复办理", "Resume"),
        ["span.case.terminate"] = ("终止", "Terminate"),
        ["span.case.extend-supplement"] = ("延长补正期限", "Extend supplement"),
        ["span.case.close-item"] = ("不予办理", "Close item"),

        // notifications (issue 21): channels, delivery statuses, templates, failure codes
        ["notify.channel.sms"] = ("短信", "SMS"),
        ["notify.channel.email"] = ("电子邮件", "E-mail"),
        ["notify.channel.inbox"] = ("站内消息", "Inbox"),
        ["notify.template.window-accepted"] = ("受理通知", "Acceptance notice"),
        ["notify.template.window-supplement"] = ("补正通知", "Supplement request"),
        ["notify.template.window-completed"] = ("办结领取通知", "Completion notice"),
        ["notify.template.window-deferred-reminder"] = ("容缺材料补交提醒", "Deferred materials reminder"),
        ["notify.template.window-supplement-reminder"] = ("补正期限提醒", "Supplement deadline reminder"),
        ["notify.error.not_needed"] = ("材料已补齐，无需提醒", "Materials in: no reminder needed"),
        ["notify.template.window-rating"] = ("好差评邀请", "Rating invitation"),
        ["notify.template.staff-step-returned"] = ("退回补正提醒", "Returned for supplement"),
        ["notify.template.staff-assigned"] = ("分派提醒", "Case assigned"),
        ["notify.template.staff-escalation"] = ("时限预警", "Deadline warning"),
        ["notify.template.window-extended"] = ("延期通知", "Extension notice"),
        ["notify.template.window-suspended"] = ("中止通知", "Suspension notice"),
        ["notify.template.window-resumed"] = ("恢复办理通知", "Resumption notice"),
        ["notify.template.window-terminated"] = ("终止通知", "Termination notice"),
        ["notify.template.staff-step-assigned"] = ("改派提醒", "Step assigned"),
        ["notify.template.staff-decision-needed"] = ("待审批提醒", "Decision needed"),
        ["notify.error.opted_out"] = ("申请人在窗口选择不接收短信", "The talent opted out of SMS at the desk"),
        ["notify.error.timeout"] = ("网关超时", "Gateway timed out"),
        ["notify.error.unreachable"] = ("无法连接", "Unreachable"),
        ["notify.talent"] = ("申请人", "Talent"),

        // trace spans of commands (case.* as the grain names them)
        ["span.case.accept"] = ("受理", "Accept"),
        ["span.case.claim-step"] = ("签收环节", "Claim step"),
        ["span.case.release-step"] = ("取消签收", "Release step"),
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

        // outcomes of trace spans (a step's outcome comes from OutcomeTexts)
        ["outcome.created"] = ("已受理", "Accepted"),
        ["outcome.ok"] = ("完成", "Done"),
        ["outcome.green"] = ("绿灯", "Green"),
        ["outcome.yellow"] = ("黄灯", "Yellow"),
        ["outcome.red"] = ("红灯", "Red"),

        // how a result is handed over (CaseVocabulary.Delivery)
        ["delivery.post"] = ("邮寄", "By post"),
        ["delivery.online"] = ("网上送达", "Online"),
        ["delivery.in-person"] = ("窗口领取", "In person"),
        ["collector.talent"] = ("本人领取", "collected by the talent"),
        ["collector.proxy"] = ("委托他人代领", "collected by a proxy"),

        // personal data an officer may reveal
        ["field.name"] = ("姓名", "Name"),
        ["field.idNumber"] = ("身份证号码", "ID number"),
        ["field.phone"] = ("手机号码", "Phone"),

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
        ["problem.invalid_request.days"] = ("请填写延长的工作日数（正整数）。", "Enter the working days to add (a positive number)."),
        ["problem.invalid_request.approve"] = ("请选择批准或不批准。", "Choose approve or refuse."),
        ["problem.invalid_request.due"] = ("请填写新的补正截止日期。", "Enter the new last day to supply."),
        ["problem.invalid_request.supplement"] = ("请选择逾期的补正事项。", "Choose the overdue supplement."),
        ["problem.invalid_due.due"] = ("补正截止日期须晚于今天。", "The last day to supply must be after today."),
        ["problem.extension_pending"] = ("已有延期申请等待审批。", "An extension is already waiting for a decision."),
        ["problem.extension_exceeds_allowance"] = ("延期总天数超过该事项允许的上限。", "Extensions would exceed the item's allowance."),
        ["problem.extension_exceeds_allowance.days"] = ("延期总天数超过该事项允许的上限（法定可延长 10 个工作日）。", "Extensions would exceed the item's allowance (10 working days by law)."),
        ["problem.act_pending"] = ("已有中止或终止申请等待审批。", "A suspension or termination is already waiting for a decision."),
        ["problem.nothing_pending"] = ("没有等待审批的申请。", "Nothing is waiting for a decision."),
        ["problem.case_suspended"] = ("办件已中止，请先恢复办理。", "The case is suspended; resume it first."),
        ["problem.case_not_suspended"] = ("办件未中止。", "The case is not suspended."),
        ["problem.case_closed"] = ("办件已结束。", "The case is closed."),
        ["problem.supplement_not_overdue"] = ("该补正尚未逾期。", "That supplement is not overdue."),
        ["problem.supplement_extended_once"] = ("补正期限只能延长一次，请作不予办理处理。", "A supplement is extended once; close the item instead."),
        ["problem.item_not_overdue"] = ("该事项没有逾期的补正，不能作不予办理。", "No overdue supplement holds this item up."),
        ["problem.forbidden"] = ("您的角色无权进行此操作。", "Your role may not do this."),
        ["problem.case_not_found"] = ("未找到该办件。", "No such case."),
        ["problem.not_found"] = ("未找到，请核对办件编号和查询码。", "Not found: check the case number and lookup code."),
        ["problem.claimed_by_other"] = ("该环节已由他人认领。", "Another colleague has claimed this step."),
        ["problem.step_not_ready"] = ("该环节尚未到可办理状态。", "This step is not ready."),
        ["problem.item_closed"] = ("该事项已办结。", "This item is already decided."),
        ["problem.unknown_officer"] = ("该用户不是人才专员。", "That user is not a case officer."),
        ["problem.same_officer"] = ("该专员已负责此办件。", "That officer already owns this case."),
        ["problem.invalid_credentials"] = ("用户名或密码错误。", "The user name or password is wrong."),
        ["problem.locked_out"] = ("此处登录失败次数过多，请 15 分钟后再试。", "Too many failed sign-ins from here: try again in 15 minutes."),
        ["problem.rate_limited"] = ("尝试次数过多，请稍后再试。", "Too many attempts: please try again later."),
        ["problem.local_sign_in_disabled"] = ("本系统使用统一身份认证登录。", "Sign in through the identity provider."),
        ["problem.idempotency_key_reused"] = ("请求重复，请刷新页面后重试。", "Duplicate request; reload the page and try again."),
        ["problem.refused"] = ("操作未能完成。", "The request was refused."),
        ["problem.already_assigned"] = ("该环节已由此经办人签收。", "That clerk already holds this step."),
        ["problem.not_in_department"] = ("只能改派给该环节所属部门的经办人。", "A step goes only to a clerk of its own department."),
        ["problem.unknown_clerk"] = ("没有该部门经办人，或账号已停用。", "No active department clerk has that name."),
        ["problem.invalid_request.user"] = ("请选择接手的经办人。", "Choose the clerk who takes the step."),
        ["problem.invalid_request.to"] = ("请选择接收办件的专员。", "Choose the officer who takes the cases."),
        ["problem.same_officer.to"] = ("移交人和接收人不能是同一位专员。", "The cases cannot be handed to the same officer."),
        ["problem.unknown_officer.to"] = ("接收人须是启用的人才专员。", "The cases go to an active case officer."),
        ["problem.open_work"] = ("该用户仍有未办完的工作，请先由督查移交。", "This user still holds work: a supervisor hands it over first."),
        ["problem.no_rectification"] = ("该办件没有整改任务。", "This case has no rectification."),
        ["problem.rectification_closed"] = ("整改任务已办结。", "The rectification is closed."),
        ["problem.no_follow_up"] = ("请先回访申请人并记录，再办结整改。", "Follow up with the talent and record it before closing."),
        ["problem.appeal_pending"] = ("申诉待督查裁定，裁定前不能办结整改。", "An appeal waits for a supervisor; the rectification cannot be closed before."),
        ["problem.already_appealed"] = ("该评价已申诉过。", "This rating was already appealed."),
        ["problem.no_pending_appeal"] = ("没有待裁定的申诉。", "No appeal waits for a decision."),
        ["problem.text_required.note"] = ("请填写回访情况。", "Describe the follow-up."),
        ["problem.text_blank.note"] = ("请填写回访情况，不能只有空格或不可见字符。", "Describe the follow-up: not only spaces or invisible characters."),
        ["problem.text_required.result"] = ("请填写整改结果。", "Enter what was done."),
        ["problem.text_blank.result"] = ("请填写整改结果，不能只有空格或不可见字符。", "Enter what was done: not only spaces or invisible characters."),
        ["problem.invalid_request.uphold"] = ("请选择维持或作废该评价。", "Choose to uphold or void the rating."),
        ["problem.invalid_collector"] = ("请选择领取人：申请人本人或委托代领人。", "Choose who collected it: the talent or a proxy."),
        ["problem.invalid_request.collector"] = ("邮寄和网上送达不登记领取人。", "Post and online delivery record no collector."),
        ["problem.text_required.proxy.name"] = ("请填写代领人姓名。", "Enter the proxy's name."),
        ["problem.text_blank.proxy.name"] = ("请填写代领人姓名，不能只有空格或不可见字符。", "Enter the proxy's name: not only spaces or invisible characters."),
        ["problem.text_required.proxy.idNumber"] = ("请填写代领人身份证号码。", "Enter the proxy's ID number."),
        ["problem.invalid_request.reasons"] = ("请至少选择或填写一条不予受理理由（一次性列明全部理由）。", "Choose or write at least one reason (every reason at once)."),
        ["problem.unknown_reason"] = ("所选理由不属于所申请的事项。", "That reason is not one of the chosen items' reasons."),
        ["tier.A"] = ("顶尖人才", "Top talent"),
        ["tier.B"] = ("国家级领军人才", "National leading talent"),
        ["tier.C"] = ("省级领军人才", "Provincial leading talent"),
        ["tier.D"] = ("市级领军人才", "City leading talent"),
        ["tier.E"] = ("高级人才", "Senior talent"),
        ["problem.step_not_claimed"] = ("该环节未被签收，无需放回。", "This step is not claimed; there is nothing to release."),
        ["problem.invalid_method"] = ("请选择出件方式：邮寄、网上或窗口领取。", "Choose how the result is handed over: post, online or in person."),
        ["problem.invalid_request.field"] = ("请选择要查看的信息：姓名、身份证号或手机号。", "Choose what to show: name, ID number or phone."),
        ["problem.text_required.reason"] = ("请填写理由。", "Enter the reason."),
        ["problem.text_blank.reason"] = ("请填写理由，不能只有空格或不可见字符。", "Enter the reason: not only spaces or invisible characters."),
        ["problem.id_number_format"] = ("身份证号码应为 18 位：前 17 位是数字，最后一位是数字或 X。", "An ID number has 18 characters: 17 digits, then a digit or X."),
        ["problem.id_number_region"] = ("身份证号码的地区码不存在：前两位应为省级行政区划代码（港澳台居民居住证为 810000、820000、830000）。", "The ID number's region code does not exist: it starts with a province code (810000, 820000, 830000 for residence permits)."),
        ["problem.id_number_birth_date"] = ("身份证号码中的出生日期（第 7–14 位）无效或晚于今天。", "The birth date in the ID number (characters 7–14) is not a real date or is after today."),
        ["problem.id_number_check"] = ("身份证号码校验位不符，可能有一位输错，请逐位核对证件。", "The ID number's check character does not match: a digit was probably mistyped; compare it with the card."),
        ["problem.text_required.talent.idNumber"] = ("请填写身份证号码。", "Enter the ID number."),
        ["problem.text_required.talent.phone"] = ("请填写手机号码。", "Enter the mobile phone number."),

        // transient failures (Hosting/TransientFailures): the page retried by itself and gave up; the same click is safe to repeat
        ["problem.cluster_unavailable"] = ("系统繁忙，请稍后重试。", "The system is busy; please try again shortly."),
        ["problem.storage_unavailable"] = ("系统繁忙，请稍后重试。", "The system is busy; please try again shortly."),
        ["problem.timeout"] = ("系统繁忙，请稍后重试。", "The system is busy; please try again shortly."),
        ["problem.write_conflict"] = ("系统繁忙，请稍后重试。", "The system is busy; please try again shortly."),
        ["problem.file_type"] = ("只接受 PDF、JPEG、PNG 文件（按文件内容判断，不看文件名）。", "Only PDF, JPEG and PNG files are accepted (judged by their contents, not their names)."),
        ["problem.file_unreadable"] = ("图片无法读取，请重新拍摄或扫描。", "The image could not be read; take or scan it again."),
        ["problem.file_too_large"] = ("文件过大，未上传。", "The file is too large and was not added."),
        ["problem.case_files_too_large"] = ("本办件的文件总量已达上限。", "The case's files have reached their total limit."),
        ["material.attached"] = ("上传", "attached"),
        ["material.reused"] = ("复用", "reused"),
        ["material.viewed"] = ("查看", "viewed"),
        ["material.purged"] = ("到期清除", "purged"),
    };

    /// <summary>
    /// Every member of every stored vocabulary (Window.Contracts) in both languages, keyed by the typed member so that a
    /// member without a text fails the vocabulary test instead of showing its stored string on a page.
    /// </summary>
    private static readonly Dictionary<Enum, (string Zh, string En)> Vocabulary = new()
    {
        [TimelineKind.Accepted] = ("窗口受理", "Accepted at the window"),
        [TimelineKind.StepReady] = ("环节开始办理", "Step ready"),
        [TimelineKind.StepSkipped] = ("环节不适用", "Step not applicable"),
        [TimelineKind.StepClaimed] = ("签收", "Step claimed"),
        [TimelineKind.StepCompleted] = ("环节办结", "Step decided"),
        [TimelineKind.StepReturned] = ("退回补正", "Returned for supplement"),
        [TimelineKind.MaterialsSupplied] = ("登记补交材料", "Materials supplied"),
        [TimelineKind.StepResumed] = ("补正后恢复办理", "Resumed after supplement"),
        [TimelineKind.WaitElapsed] = ("等待期满", "Wait elapsed"),
        [TimelineKind.StepCancelled] = ("环节取消", "Step cancelled"),
        [TimelineKind.ItemApproved] = ("事项批准", "Item approved"),
        [TimelineKind.ItemRejected] = ("事项不予批准", "Item rejected"),
        [TimelineKind.CaseCompleted] = ("办件办结", "Case completed"),
        [TimelineKind.OfficerAssigned] = ("分派专员", "Officer assigned"),
        [TimelineKind.PromisePostponed] = ("承诺办结日期顺延（新年度日历发布）", "Promised date postponed (calendar published)"),
        [TimelineKind.LightChanged] = ("状态灯变化", "Light changed"),
        [TimelineKind.Visit] = ("到窗口", "Visit"),
        [TimelineKind.Delivered] = ("出件", "Result delivered"),
        [TimelineKind.Evaluated] = ("好差评", "Rated"),
        [TimelineKind.RectificationOpened] = ("差评整改任务建立", "Rectification task opened"),
        [TimelineKind.Withdrawn] = ("撤回", "Withdrawn"),
        [TimelineKind.PersonalDataRevealed] = ("查看个人信息明文", "Personal data shown in clear"),
        [TimelineKind.StepReleased] = ("取消签收", "Step released"),
        [TimelineKind.ExtensionRequested] = ("申请延期", "Extension requested"),
        [TimelineKind.ExtensionApproved] = ("批准延期", "Extension approved"),
        [TimelineKind.ExtensionRefused] = ("不批准延期", "Extension refused"),
        [TimelineKind.SuspensionRequested] = ("申请中止", "Suspension requested"),
        [TimelineKind.Suspended] = ("中止办理", "Suspended"),
        [TimelineKind.Resumed] = ("恢复办理", "Resumed"),
        [TimelineKind.TerminationRequested] = ("申请终止", "Termination requested"),
        [TimelineKind.Terminated] = ("终止办理", "Terminated"),
        [TimelineKind.ActRefused] = ("不批准中止或终止", "Suspension or termination refused"),
        [TimelineKind.StatutoryBreached] = ("超过法定时限", "Statutory limit breached"),
        [TimelineKind.SupplementOverdue] = ("补正逾期", "Supplement overdue"),
        [TimelineKind.SupplementExtended] = ("延长补正期限", "Supplement deadline extended"),
        [TimelineKind.ItemClosed] = ("不予办理", "Item closed unhandled"),
        [TimelineKind.StepAssigned] = ("改派经办人", "Step reassigned"),
        [TimelineKind.RectificationFollowedUp] = ("整改回访", "Rectification follow-up"),
        [TimelineKind.RectificationClosed] = ("整改办结", "Rectification closed"),
        [TimelineKind.RatingAppealed] = ("差评申诉", "Rating appealed"),
        [TimelineKind.RatingUpheld] = ("申诉不成立，评价维持", "Appeal refused; rating stands"),
        [TimelineKind.RatingVoided] = ("申诉成立，评价作废", "Appeal upheld; rating voided"),

        [CaseStatusKind.Open] = ("办理中", "In progress"),
        [CaseStatusKind.Completed] = ("已办结", "Completed"),
        [CaseStatusKind.Delivered] = ("已出件", "Delivered"),
        [CaseStatusKind.Withdrawn] = ("已撤回", "Withdrawn"),
        [CaseStatusKind.Terminated] = ("已终止", "Terminated"),

        [ItemStatusKind.Open] = ("办理中", "In progress"),
        [ItemStatusKind.Approved] = ("已批准", "Approved"),
        [ItemStatusKind.Rejected] = ("不予批准", "Rejected"),

        [StepStatusKind.Pending] = ("待启动", "Pending"),
        [StepStatusKind.Ready] = ("待办理", "Ready"),
        [StepStatusKind.Claimed] = ("办理中", "Claimed"),
        [StepStatusKind.Returned] = ("待补正", "Returned for supplement"),
        [StepStatusKind.Waiting] = ("等待中", "Waiting"),
        [StepStatusKind.Done] = ("已完成", "Done"),
        [StepStatusKind.Skipped] = ("不适用", "Not applicable"),
        [StepStatusKind.Cancelled] = ("已取消", "Cancelled"),

        [MaterialStatusKind.Provided] = ("已提交", "Provided"),
        [MaterialStatusKind.Deferred] = ("容缺待补", "Deferred"),
        [MaterialStatusKind.Requested] = ("需补正", "Requested"),

        [LightKind.Green] = ("正常", "On track"),
        [LightKind.Yellow] = ("预警", "Warning"),
        [LightKind.Red] = ("超期", "Overdue"),
        [LightKind.None] = ("—", "—"),

        [OutcomeKind.Approve] = ("批准", "Approve"),
        [OutcomeKind.Reject] = ("不予批准", "Reject"),
        [OutcomeKind.Return] = ("退回补正", "Return for supplement"),

        [NotificationKind.LightChanged] = ("状态灯变化", "Light changed"),
        [NotificationKind.RectificationOpened] = ("差评整改任务", "Rectification task opened"),
        [NotificationKind.RectificationLight] = ("整改期限状态灯变化", "Rectification light changed"),
        [NotificationKind.SlaAlertOnTime] = ("预警订阅：部门本周按时办结率低于设定值", "Alert: a department's on-time rate this week below your rule"),
        [NotificationKind.SlaAlertRed] = ("预警订阅：环节红灯持续超过设定工作日", "Alert: a step red longer than your rule"),

        [CaseActKind.Extension] = ("延期", "Extension"),
        [CaseActKind.Suspension] = ("中止", "Suspension"),
        [CaseActKind.Termination] = ("终止", "Termination"),

        [MessageStatusKind.Pending] = ("待发送", "Pending"),
        [MessageStatusKind.Sent] = ("已发送", "Sent"),
        [MessageStatusKind.Dead] = ("发送失败", "Failed"),
        [MessageStatusKind.Skipped] = ("未发送", "Not sent"),
        [MessageStatusKind.Logged] = ("仅记录（未配置渠道）", "Logged (no channel configured)"),
    };

    /// <summary>
    /// The vocabulary's texts under the keys pages have always used ("timeline.step-ready", "status.open", "light.red",
    /// "outcome.approve", "notification.rectification-light"), made from the stored strings; a status string shared by
    /// several vocabularies (a case and an item are both "open") has one text.
    /// </summary>
    private static readonly Dictionary<string, (string Zh, string En)> VocabularyByKey = BuildVocabularyKeys();

    /// <summary>Whether the UI speaks English now.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text for a key in the current language; the key itself when unknown.</summary>
    public static string Of(string key) =>
        Words.TryGetValue(key, out var word) || VocabularyByKey.TryGetValue(key, out word) ? (English ? word.En : word.Zh) : key;

    /// <summary>A vocabulary member's text in the current language; its Chinese and English are both checked by a test.</summary>
    public static string Of(Enum member) =>
        Pair(member) is { } pair ? (English ? pair.En : pair.Zh) : throw new ArgumentOutOfRangeException(nameof(member), member, "No text for this member.");

    /// <summary>A vocabulary member's Chinese and English text, or <see langword="null"/> when it has none.</summary>
    public static (string Zh, string En)? Pair(Enum member) => Vocabulary.TryGetValue(member, out var pair) ? pair : null;

    /// <summary>A stored timeline kind's text; a kind this version does not know is shown as stored.</summary>
    public static string Timeline(string kind) => TimelineKinds.TryParse(kind, out var known) ? Of(known) : kind;

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

    /// <summary>A day in the one format of the UI: 2026年12月7日 (7 Dec 2026); "—" when there is none.</summary>
    public static string Date(DateOnly? date) => date is { } d ? d.ToString(English ? "d MMM yyyy" : "yyyy年M月d日", CultureInfo.InvariantCulture) : "—";

    /// <summary>A count with thousands separators, "10,000+" when only a lower bound of it is known.</summary>
    public static string Count(long count, bool atLeast = false) => count.ToString("N0", CultureInfo.InvariantCulture) + (atLeast ? "+" : "");

    /// <summary>An instant in office time (UTC+8): 2026年12月7日 14:05 (7 Dec 2026 14:05); "—" when there is none.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? Date(OfficeTime.DateOf(t)) + " " + t.ToOffset(OfficeTime.Offset).ToString("HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>The short weekday of <paramref name="date"/>: 周一 (Mon).</summary>
    public static string Weekday(DateOnly date) =>
        English ? date.ToString("ddd", CultureInfo.InvariantCulture) : "周" + "日一二三四五六"[(int)date.DayOfWeek];

    /// <summary>
    /// The last day on which something due at <paramref name="due"/> can still be done. The engine's deadlines end at
    /// 24:00 office time of their last working day, stored as 00:00 of the next day: a due at 00:00 of 8 December means
    /// "by 7 December"; a due later in a day (a clock moved by a pause) is on that day.
    /// </summary>
    public static DateOnly LastDay(DateTimeOffset due) => OfficeTime.DateOf(due.AddTicks(-1));

    /// <summary>A deadline's day with its weekday: 2026年12月7日（周一） (Mon 7 Dec 2026), with the provisional note when asked.</summary>
    public static string DeadlineDay(DateOnly? lastDay, bool provisional = false) => lastDay is { } day
        ? (English ? $"{Weekday(day)} {Date(day)}" : $"{Date(day)}（{Weekday(day)}）") + (provisional ? Provisional : "")
        : "—";

    /// <summary>
    /// Working days from <paramref name="today"/> to <paramref name="lastDay"/> on <paramref name="calendar"/>: positive
    /// while days are left (the working days after today up to the last day), 0 when it is due today, negative when
    /// overdue (the working days after the last day up to today).
    /// </summary>
    public static int WorkingDaysLeft(DateOnly lastDay, WorkingCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingDaysBetween(today, lastDay);
    }

    /// <summary>
    /// How much time is left, in working days: 剩余3个工作日 / 今天到期 / 已超期2个工作日 (3 working days left / Due today /
    /// 2 working days overdue).
    /// </summary>
    public static string DaysLeft(DateOnly lastDay, WorkingCalendar calendar, DateOnly today)
    {
        var left = WorkingDaysLeft(lastDay, calendar, today);
        return (lastDay.CompareTo(today), left) switch
        {
            (0, _) => L("今天到期", "Due today"),
            ( > 0, _) => English ? $"{left} working day{(left == 1 ? "" : "s")} left" : $"剩余{left}个工作日",
            (_, 0) => L("已超期", "Overdue"),
            _ => English ? $"{-left} working day{(left == -1 ? "" : "s")} overdue" : $"已超期{-left}个工作日",
        };
    }

    /// <summary>
    /// A deadline as staff read it: 2026年12月7日（周一） · 剩余3个工作日, counted on the working calendar from
    /// <paramref name="today"/>; "—" when there is none.
    /// </summary>
    public static string Deadline(DateOnly? lastDay, WorkingCalendar calendar, DateOnly today, bool provisional = false) =>
        lastDay is { } day ? DeadlineDay(day, provisional) + " · " + DaysLeft(day, calendar, today) : "—";

    /// <summary>A deadline given as the engine's due instant (see <see cref="LastDay"/>), counted from <paramref name="now"/>.</summary>
    public static string Deadline(DateTimeOffset? due, WorkingCalendar calendar, DateTimeOffset now, bool provisional = false) =>
        Deadline(due is { } d ? LastDay(d) : null, calendar, OfficeTime.DateOf(now), provisional);

    private static Dictionary<string, (string Zh, string En)> BuildVocabularyKeys()
    {
        var keys = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal);
        void Add<T>(string prefix, StoredNames<T> names)
            where T : struct, Enum
        {
            foreach (var member in names.Members)
            {
                if (Pair(member) is { } pair)
                {
                    keys.TryAdd(prefix + names.Of(member), pair);
                }
            }
        }

        Add("timeline.", TimelineKinds.Names);
        Add("status.", CaseStatusKinds.Names);
        Add("status.", ItemStatusKinds.Names);
        Add("status.", StepStatusKinds.Names);
        Add("status.", MaterialStatusKinds.Names);
        Add("light.", LightKinds.Names);
        Add("outcome.", OutcomeKinds.Names);
        Add("notification.", NotificationKinds.Names);
        Add("act.", CaseActKinds.Names);
        Add("notify.status.", MessageStatusKinds.Names);
        return keys;
    }
}
