/* The narrative's statements about the tables, as data (see
 * statements.h for the notation). Entries are tried in order and the
 * first whose words all fit is taken: a narrower phrase goes before a
 * wider one that ends the same way ("予以公开或部分公开" before
 * "部分公开", "不予处理" before "处理").
 *
 * Precision comes first: a number is compared only when the words right
 * before it name a cell (with nothing but `fill` between), the sentence
 * is about the same thing, and nothing says it is part of something else.
 * Numbers about other things (咨询, 建议提案, 权责清单, 网站栏目, 信息条数,
 * 培训场次, 同比 changes of counts) never meet a key here and are left
 * alone. */
#include "config.h"

#include "statements.h"

/* Words that may stand between any key and its number. */
#define FILL "共|共计|合计|总计|计|为|达|了|是|有|的|均|都|数|数量|件数|总数|”|’|\"|」|』"
/* What a request is called between the verb and the number. */
#define REQUEST "政府信息公开申请|信息公开申请|公开申请|依申请公开申请|依申请公开件|依申请公开|" \
                "公开政府信息申请|申请公开政府信息|政府信息公开|信息公开|申请件|申请|政府信息|事项|类"
#define APP(row) "applications." row ".total"
#define ORGS(row)                                                                     \
    "applications." row ".commercial_enterprise+applications." row                  \
    ".research_institution+applications." row ".public_interest_org+applications." \
    row ".legal_service_org+applications." row ".other_org"
#define COLUMN(col) "applications.new_received." col "|applications.new_received." col \
                    "+applications.carried_over." col "|applications.total." col
/* The shares of the results: of the replies, of the requests. */
#define RESULT_SHARE APP("total") "|" APP("new_received") "|" APP("new_received") "+" APP("carried_over")
#define APPLICANT_SHARE APP("new_received") "|" APP("new_received") "+" APP("carried_over") "|" APP("total")
/* Not a count of the year's requests: a part of them, a channel, a change. */
#define REQUEST_NOT "不予|不再|转办|其中|网上|当面|信函|邮寄|传真|邮件|平均|分别|咨询|复议|诉讼|" \
                    "来信|来电|许可|建议|提案|信访|投诉|举报|同比|较|增长|减少|下降|上升|增加"
#define REPLY_NOT REQUEST_NOT "|逾期|延期|当场|按期|按时|超期"
/* A sentence on documents' disclosure attributes or their review before
 * publication ("发文120件，其中主动公开100件、依申请公开15件、不予公开5件",
 * "保密审查…不予公开12件") is not about requests. */
#define ATTRIBUTES "发文|公文|公开属性|党政混合|信息属性|保密审查|属性认定|发布审查"

#define RESULT(id_, key_, cells_) \
    {.id = id_, .units = NB_UNIT_JIAN, .key = key_, .fill = FILL "|" REQUEST "|答复|决定", .topic = "申请", \
     .not_in_clause = "分别|同比|较", .not_in_context = ATTRIBUTES, .cells = cells_, \
     .share = RESULT_SHARE}
#define REASON(id_, key_, group, row) \
    {.id = id_, .units = NB_UNIT_JIAN, .key = key_, .fill = FILL "|申请|情形|情况|信息|类", \
     .topic = group, .not_in_clause = "分别|同比|较", .not_in_context = ATTRIBUTES, \
     .cells = APP(row), .share = RESULT_SHARE}
/* The reasons of each result group (三 (三) to (六)), as a sentence
 * names them: "因……等原因 N 件" counts the group whose reason it names,
 * and the other groups' reasons are its rivals. */
#define WITHHELD_REASONS "国家秘密|禁止公开|三安全一稳定|第三方|内部事务|过程性|执法案卷|查询事项"
#define UNAVAILABLE_REASONS "不掌握|另行制作|不明确"
#define REJECTED_REASONS "信访|重复申请|出版物|反复申请|重新出具"
#define OTHER_REASONS "不补正|缴纳费用"
#define FOR_REASONS(id_, about_, rivals_, cells_) \
    {.id = id_, .units = NB_UNIT_JIAN, .key = "等原因|等情形|等情况|等理由", .fill = FILL, \
     .about = about_, .rivals = rivals_, .topic = "申请", .not_in_clause = "分别|同比|较", \
     .cells = cells_, .share = RESULT_SHARE}
#define APPLICANT(id_, key_, cells_) \
    {.id = id_, .units = NB_UNIT_JIAN, .key = key_, \
     .fill = "申请|提出申请|提出|提交|提交申请|的申请|类|共|为|共计", .topic = "申请", \
     .not_in_clause = "分别|同比|较", .not_in_context = ATTRIBUTES, .cells = cells_, \
     .share = APPLICANT_SHARE}

/* 四: appeals about disclosure ("政务公开" is not enough: an agency's
 * 行政复议 in general are not the table's), and which kind the sentence
 * is about. */
#define APPEAL_TOPIC "信息公开|公开申请|依申请公开"
#define ABOUT_REVIEW .about = "复议", .rivals = "诉讼|起诉", \
                     .flags = NB_STATEMENT_ABOUT_ALONE | NB_STATEMENT_TOPIC_HERE
#define ABOUT_SUIT .about = "诉讼|起诉", .rivals = "行政复议|复议机关|复议决定|复议案件", \
                   .flags = NB_STATEMENT_ABOUT_ALONE | NB_STATEMENT_TOPIC_HERE
#define OUTCOME_FILL FILL "|原行政行为|原具体行政行为|原答复|原决定|原|案件|案|的"
#define SUITS(col) "appeals.suit_direct." col "+appeals.suit_after_review." col

/* 二: documents by kind and by what was done with them. */
#define DOC_FILL FILL "|行政规范性文件|规范性文件|政府规章|规章|文件|市政府|区政府|县政府|" \
                 "省政府|州政府|政府|部门|本级|公开|对外|并|发布|新|件"
#define ISSUED "制发|印发|出台|制定|新制定|新制作|制作"
#define REPEALED "废止|宣布废止|废除"
#define IN_FORCE "现行有效"
/* what else is said of documents: a verb after these is not the count's */
#define OTHER_VERBS "累计|新公开|主动公开|清理|备案|审查|修改|修订|评估|解读|起草|报送|公布|发布"
#define NORMATIVE .about = "规范性文件", .rivals = "规章|政策性文件|政策文件"
#define REGULATIONS .about = "规章", .rivals = "规范性文件|规章制度|政策性文件|政策文件"
#define DOC(id_, key_, cells_, ...) \
    {.id = id_, .units = NB_UNIT_JIAN, .key = key_, .fill = DOC_FILL, __VA_ARGS__, \
     .not_in_clause = "分别|同比|较|其中", .cells = cells_}
/* The five figures of one kind of document (规章, 规范性文件) in table 二;
 * the rest of the arguments say which kind the sentence must be about
 * (variadic: they hold commas). */
#define DOCS(row, ...)                                                                         \
    DOC("active." row ".issued", ISSUED, "active." row ".issued|active." row ".made", __VA_ARGS__), \
    DOC("active." row ".repealed", REPEALED, "active." row ".repealed", __VA_ARGS__),              \
    DOC("active." row ".in_force", IN_FORCE, "active." row ".in_force", __VA_ARGS__),              \
    DOC("active." row ".total_published", "累计|累计公开|对外公开总数",                           \
        "active." row ".total_published", __VA_ARGS__),                                          \
    DOC("active." row ".published", "新公开|主动公开|新增公开|新增主动公开",                      \
        "active." row ".published", __VA_ARGS__)
/* "、规范性文件 8 件" after "制发规章 1 件": the verb from the sentence. */
#define DOC_OPENS(id_, key_, verb, rivals_, cells_)                                      \
    {.id = id_, .units = NB_UNIT_JIAN, .key = key_, .fill = FILL, .about = verb,          \
     .rivals = rivals_ "|" OTHER_VERBS, .not_in_clause = "分别|同比|较|其中", .cells = cells_, \
     .flags = NB_STATEMENT_KEY_OPENS}

/* 二, 2019 template: items (上一年项目数量 + 本年增/减) and their change. */
#define ITEM_FILL "事项|项目|共|共计|现有|保留|为|类|的|数量|目录"
#define ITEM_NOT "办理|办结|受理|作出|决定|审批服务|取消|下放|调整|承接|涉企|其中|新增|增加|" \
                 "减少|精简|压减|较|比|同比|分别"
#define POWERS "清单|权责|职权|权力"
#define ITEMS(row, words, rivals_)                                                        \
    {.id = "active." row ".items", .units = NB_UNIT_XIANG, .key = words, .fill = ITEM_FILL, \
     .not_in_clause = ITEM_NOT, .not_in_context = POWERS,                                \
     .cells = "active." row ".previous_items+active." row ".change|active." row ".previous_items"}, \
    {.id = "active." row ".fewer", .units = NB_UNIT_XIANG, .key = "减少|减", .fill = "了",    \
     .about = words, .rivals = rivals_, .not_in_context = POWERS,                         \
     .cells = "active." row ".change", .flags = NB_STATEMENT_CHANGE | NB_STATEMENT_DECREASE}, \
    {.id = "active." row ".more", .units = NB_UNIT_XIANG, .key = "增加|新增|增", .fill = "了",  \
     .about = words, .rivals = rivals_, .not_in_context = POWERS,                         \
     .cells = "active." row ".change", .flags = NB_STATEMENT_CHANGE}
/* decisions made; not those published (公开/公示 …决定 N 件 counts what went online) */
#define DECISIONS(row, words, rivals_)                                                     \
    {.id = "active." row ".decisions", .units = NB_UNIT_JIAN, .key = "决定|处理决定",        \
     .fill = FILL "|书|决定书", .about = words, .rivals = rivals_,                          \
     .not_in_clause = "不予|撤销|变更|听证|复议|诉讼|其中|延续|注销|简易|承诺|网上|即办|撤回|" \
                      "分别|同比|较|公开|公示|发布|上传|推送|归集",                       \
     .not_in_context = POWERS, .cells = "active." row ".decisions"}

const nb_statement nb_statements[] = {
    /* ---- 三: requests carried from last year and to next year */
    {.id = "applications.carried_over", .units = NB_UNIT_JIAN,
     .key = "上年结转|上年度结转|上一年度结转|上一年结转|去年结转|结转上年|上年度遗留|上年遗留|"
            "上年度转结|上年转结|上年度未办结|上年未办结",
     .fill = FILL "|" REQUEST "|下来的|下来|至本年|到本年|至今年|至本年度",
     .topic = "申请", .not_in_clause = "分别|同比|较", .cells = APP("carried_over")},
    {.id = "applications.carried_forward", .units = NB_UNIT_JIAN,
     .key = "结转下年度继续办理|结转下年度|结转至下年度|结转到下年度|结转下一年度|结转至下一年度|"
            "结转到下一年度|转入下年度|顺延至下年度|顺延到下年度|顺延至下一年度|顺延到下一年度|"
            "结转下年|结转至下年|结转到下年|下年度继续办理|延期至下年度",
     .after = "结转下年度|结转至下年度|结转到下年度|结转下一年度|结转至下一年度|结转到下一年度|"
              "转入下年度|顺延至下年度|顺延到下年度|顺延至下一年度|顺延到下一年度|结转下年|"
              "结转至下年|结转到下年",
     .fill = FILL "|" REQUEST "|继续办理|办理|答复|需|将|已|予以|仍需|尚需|需要",
     .topic = "申请", .not_in_clause = "分别|同比|较", .cells = APP("carried_forward")},

    /* ---- 三: the results, a figure for two rows first, then groups, then reasons */
    RESULT("applications.disclosed_or_partial",
           "公开或部分公开|公开和部分公开|公开及部分公开|公开、部分公开|全部或部分公开|公开或者部分公开",
           APP("disclosed") "+" APP("partially_disclosed")),
    RESULT("applications.partially_disclosed", "部分公开|同意部分公开|予以部分公开",
           APP("partially_disclosed")),
    RESULT("applications.disclosed", "予以公开|同意公开|准予公开|全部公开", APP("disclosed")),
    RESULT("applications.withheld", "不予公开|不同意公开", "applications.withheld_*.total"),
    RESULT("applications.unavailable", "无法提供|不能提供", "applications.unavailable_*.total"),
    RESULT("applications.rejected", "不予处理", "applications.rejected_*.total"),
    RESULT("applications.other", "其他处理", "applications.other*.total"),
    /* "因……等原因 N 件": the group the named reason belongs to */
    FOR_REASONS("applications.withheld_for_reasons", WITHHELD_REASONS,
                UNAVAILABLE_REASONS "|" REJECTED_REASONS "|" OTHER_REASONS, "applications.withheld_*.total"),
    FOR_REASONS("applications.unavailable_for_reasons", UNAVAILABLE_REASONS,
                WITHHELD_REASONS "|" REJECTED_REASONS "|" OTHER_REASONS, "applications.unavailable_*.total"),
    FOR_REASONS("applications.rejected_for_reasons", REJECTED_REASONS,
                WITHHELD_REASONS "|" UNAVAILABLE_REASONS "|" OTHER_REASONS, "applications.rejected_*.total"),
    REASON("applications.withheld_state_secret", "属于国家秘密|涉及国家秘密|国家秘密", "不予公开",
           "withheld_state_secret"),
    REASON("applications.withheld_prohibited_by_law",
           "其他法律行政法规禁止公开|法律行政法规禁止公开|法律、行政法规禁止公开|法律法规禁止公开",
           "不予公开", "withheld_prohibited_by_law"),
    REASON("applications.withheld_security", "危及“三安全一稳定”|三安全一稳定", "不予公开",
           "withheld_security"),
    REASON("applications.withheld_third_party", "保护第三方合法权益|第三方合法权益", "不予公开",
           "withheld_third_party"),
    REASON("applications.withheld_internal", "三类内部事务信息|内部事务信息|内部事务", "不予公开",
           "withheld_internal"),
    REASON("applications.withheld_process", "四类过程性信息|过程性信息", "不予公开",
           "withheld_process"),
    REASON("applications.withheld_enforcement_file", "行政执法案卷|执法案卷", "不予公开",
           "withheld_enforcement_file"),
    REASON("applications.withheld_query", "行政查询事项|查询事项", "不予公开", "withheld_query"),
    REASON("applications.unavailable_not_held", "本机关不掌握相关政府信息|不掌握相关政府信息|不掌握",
           "无法提供|不能提供", "unavailable_not_held"),
    REASON("applications.unavailable_needs_creation", "没有现成信息需要另行制作|需要另行制作|另行制作",
           "无法提供|不能提供", "unavailable_needs_creation"),
    REASON("applications.unavailable_unclear", "补正后申请内容仍不明确|申请内容仍不明确|仍不明确",
           "无法提供|不能提供", "unavailable_unclear"),
    REASON("applications.rejected_petition", "信访举报投诉类申请|信访举报投诉类|信访举报投诉",
           "不予处理", "rejected_petition"),
    REASON("applications.rejected_duplicate", "重复申请", "不予处理", "rejected_duplicate"),
    REASON("applications.rejected_publication", "要求提供公开出版物|公开出版物", "不予处理",
           "rejected_publication"),
    REASON("applications.rejected_excessive", "无正当理由大量反复申请|大量反复申请", "不予处理",
           "rejected_excessive"),
    REASON("applications.rejected_confirmation",
           "要求行政机关确认或重新出具已获取信息|确认或重新出具已获取信息|重新出具已获取信息|确认或重新出具",
           "不予处理",
           "rejected_confirmation"),
    REASON("applications.other_no_correction", "无正当理由逾期不补正|逾期不补正", "其他处理",
           "other_no_correction"),
    REASON("applications.other_unpaid_fee", "未按收费通知要求缴纳费用|逾期未缴纳费用|未缴纳费用",
           "其他处理", "other_unpaid_fee"),

    /* ---- 三: requests received and replied to */
    {.id = "applications.received_new", .units = NB_UNIT_JIAN, .key = "新收|新受理|本年新收|新接收",
     .fill = FILL "|" REQUEST, .topic = "申请&公开", .not_in_clause = REQUEST_NOT,
     .not_in_context = ATTRIBUTES, .cells = APP("new_received"), .flags = NB_STATEMENT_VERB},
    /* 受理 may count the requests carried over too */
    {.id = "applications.received", .units = NB_UNIT_JIAN, .key = "受理|收到|共收|接收|接到|收悉",
     .fill = FILL "|" REQUEST, .topic = "申请&公开", .not_in_clause = REQUEST_NOT,
     .not_in_context = ATTRIBUTES,
     .cells = APP("new_received") "|" APP("new_received") "+" APP("carried_over"),
     .flags = NB_STATEMENT_VERB | NB_STATEMENT_SPLIT},
    {.id = "applications.replied", .units = NB_UNIT_JIAN,
     .key = "办结|答复|已答复|作出答复|予以答复|完成答复|办理完毕|处理完毕|回复",
     .fill = FILL "|" REQUEST "|并答复|答复|办结", .topic = "申请&公开", .not_in_clause = REPLY_NOT,
     .not_in_context = ATTRIBUTES, .cells = APP("total"), .flags = NB_STATEMENT_VERB},
    /* 办理 may be said of the requests received or of those answered */
    {.id = "applications.handled", .units = NB_UNIT_JIAN, .key = "办理|处理",
     .fill = FILL "|" REQUEST, .topic = "申请&公开", .not_in_clause = REPLY_NOT,
     .not_in_context = ATTRIBUTES,
     .cells = APP("total") "|" APP("new_received") "|" APP("new_received") "+" APP("carried_over"),
     .flags = NB_STATEMENT_VERB},

    /* ---- 三: by applicant (the request counts of one column) */
    APPLICANT("applications.by_organisations", "法人或其他组织|法人和其他组织|法人及其他组织|法人或者其他组织|法人",
              ORGS("new_received") "|" ORGS("new_received") "+" ORGS("carried_over") "|" ORGS("total")),
    APPLICANT("applications.by_natural_persons", "自然人", COLUMN("natural_person")),
    APPLICANT("applications.by_commercial_enterprises", "商业企业", COLUMN("commercial_enterprise")),
    APPLICANT("applications.by_research_institutions", "科研机构", COLUMN("research_institution")),
    APPLICANT("applications.by_public_interest_orgs", "社会公益组织", COLUMN("public_interest_org")),
    APPLICANT("applications.by_legal_service_orgs", "法律服务机构", COLUMN("legal_service_org")),
    APPLICANT("applications.by_other_orgs", "其他组织", COLUMN("other_org")),

    /* ---- 四: the two kinds of suit, the outcomes, the counts */
    {.id = "appeals.suit_after_review", .units = NB_UNIT_JIAN,
     .key = "复议后起诉|复议后提起诉讼|复议后提起行政诉讼", .fill = FILL "|案件|案",
     .topic = APPEAL_TOPIC, .not_in_clause = "分别|同比|较", .cells = "appeals.suit_after_review.total",
     .flags = NB_STATEMENT_TOPIC_HERE},
    {.id = "appeals.suit_direct", .units = NB_UNIT_JIAN,
     .key = "直接起诉|直接提起诉讼|直接提起行政诉讼", .fill = FILL "|案件|案",
     .topic = APPEAL_TOPIC, .not_in_clause = "分别|同比|较", .cells = "appeals.suit_direct.total",
     .flags = NB_STATEMENT_TOPIC_HERE},
    {.id = "appeals.review.upheld", .units = NB_UNIT_JIAN, .key = "结果维持|维持|予以维持|被维持",
     .fill = OUTCOME_FILL, .topic = APPEAL_TOPIC, ABOUT_REVIEW, .cells = "appeals.review.upheld"},
    {.id = "appeals.review.corrected", .units = NB_UNIT_JIAN,
     .key = "结果纠正|纠正|被纠正|被纠错|纠错", .fill = OUTCOME_FILL, .topic = APPEAL_TOPIC, ABOUT_REVIEW,
     .cells = "appeals.review.corrected"},
    {.id = "appeals.review.other", .units = NB_UNIT_JIAN, .key = "其他结果", .fill = OUTCOME_FILL,
     .topic = APPEAL_TOPIC, ABOUT_REVIEW, .cells = "appeals.review.other"},
    {.id = "appeals.review.pending", .units = NB_UNIT_JIAN,
     .key = "尚未审结|未审结|正在审理|尚在审理|审理中|未结案", .fill = OUTCOME_FILL, .topic = APPEAL_TOPIC,
     ABOUT_REVIEW, .cells = "appeals.review.pending"},
    {.id = "appeals.suits.upheld", .units = NB_UNIT_JIAN, .key = "结果维持|维持|予以维持|被维持",
     .fill = OUTCOME_FILL, .topic = APPEAL_TOPIC, ABOUT_SUIT, .cells = SUITS("upheld")},
    {.id = "appeals.suits.corrected", .units = NB_UNIT_JIAN,
     .key = "结果纠正|纠正|被纠正|被纠错|纠错", .fill = OUTCOME_FILL, .topic = APPEAL_TOPIC, ABOUT_SUIT,
     .cells = SUITS("corrected")},
    {.id = "appeals.suits.other", .units = NB_UNIT_JIAN, .key = "其他结果", .fill = OUTCOME_FILL,
     .topic = APPEAL_TOPIC, ABOUT_SUIT, .cells = SUITS("other")},
    {.id = "appeals.suits.pending", .units = NB_UNIT_JIAN,
     .key = "尚未审结|未审结|正在审理|尚在审理|审理中|未结案", .fill = OUTCOME_FILL, .topic = APPEAL_TOPIC,
     ABOUT_SUIT, .cells = SUITS("pending")},
    {.id = "appeals.review", .units = NB_UNIT_JIAN, .key = "行政复议|复议",
     .fill = FILL "|案件|案|申请|事项|类|起|被申请|提起|发生", .topic = APPEAL_TOPIC,
     .about = "行政复议|行政诉讼",
     .not_in_clause = "其中|复议后|经复议|维持|纠正|败诉|胜诉|确认违法|撤销|驳回|不服|机关|分别|同比|较",
     .cells = "appeals.review.total", .flags = NB_STATEMENT_TOPIC_HERE},
    {.id = "appeals.suits", .units = NB_UNIT_JIAN, .key = "行政诉讼|诉讼|行政应诉|应诉",
     .fill = FILL "|案件|案|事项|类|起|被提起|提起|发生", .topic = APPEAL_TOPIC,
     .about = "行政复议|行政诉讼",
     .not_in_clause = "其中|维持|纠正|败诉|胜诉|确认违法|撤销|驳回|不服|分别|同比|较",
     .cells = SUITS("total") "|appeals.suit_direct.total", .flags = NB_STATEMENT_TOPIC_HERE},

    /* ---- 二: regulations and normative documents */
    DOCS("normative_documents", NORMATIVE),
    DOCS("regulations", REGULATIONS),
    DOC_OPENS("active.normative_documents.issued_listed", "行政规范性文件|规范性文件", ISSUED,
              REPEALED "|" IN_FORCE, "active.normative_documents.issued|active.normative_documents.made"),
    DOC_OPENS("active.normative_documents.repealed_listed", "行政规范性文件|规范性文件", REPEALED,
              ISSUED "|" IN_FORCE, "active.normative_documents.repealed"),
    DOC_OPENS("active.regulations.issued_listed", "政府规章|规章", ISSUED, REPEALED "|" IN_FORCE,
              "active.regulations.issued|active.regulations.made"),
    DOC_OPENS("active.regulations.repealed_listed", "政府规章|规章", REPEALED, ISSUED "|" IN_FORCE,
              "active.regulations.repealed"),

    /* ---- 二: decisions (both templates) */
    DECISIONS("licensing", "行政许可|许可", "行政处罚|处罚|行政强制|强制"),
    DECISIONS("penalty", "行政处罚|处罚", "行政许可|许可|行政强制|强制"),
    DECISIONS("coercion", "行政强制|强制", "行政许可|许可|行政处罚|处罚"),

    /* ---- 二: fees (2021: the amount) and procurement (2019) */
    {.id = "active.fees.amount", .units = NB_UNIT_MONEY,
     .key = "行政事业性收费|事业性收费|收费金额|收费总额|收取|收费",
     .fill = FILL "|金额|总额|行政事业性收费|事业性收费|费用", .about = "事业性收费",
     .not_in_clause = "处理费|减免|减少|降低|免征|减征|减收|停征|取消|同比|增长|下降|节约|让利|"
                      "涉企|惠企|返还|退还|清理|降费|减负|不|未|较|分别",
     .cells = "active.fees.amount"},
    {.id = "active.procurement.amount", .units = NB_UNIT_MONEY,
     .key = "采购总金额|采购金额|采购总额|采购资金", .fill = FILL, .about = "集中采购",
     .not_in_clause = "节约|节支|同比|增长|减少|较|分别|预算",
     .cells = "active.procurement.amount"},
    {.id = "active.procurement.projects", .units = NB_UNIT_XIANG | NB_UNIT_JIAN,
     .key = "集中采购项目|采购项目", .fill = FILL, .about = "集中采购", .not_in_clause = "节约|同比|增长|减少|较|分别",
     .cells = "active.procurement.projects"},

    /* ---- 二, 2019 template: items and their change since last year */
    ITEMS("licensing", "行政许可事项|行政许可|许可事项", "行政处罚|行政强制|收费|管理服务|采购"),
    ITEMS("other_services", "其他对外管理服务事项|对外管理服务事项|管理服务事项",
          "行政许可|行政处罚|行政强制|收费|采购"),
    ITEMS("penalty", "行政处罚事项|行政处罚|处罚事项", "行政许可|行政强制|收费|管理服务|采购"),
    ITEMS("coercion", "行政强制事项|行政强制|强制事项", "行政许可|行政处罚|收费|管理服务|采购"),
    ITEMS("fees", "行政事业性收费|收费项目|收费事项|收费", "行政许可|行政处罚|行政强制|管理服务|采购"),
};

const size_t nb_statement_count = sizeof nb_statements / sizeof nb_statements[0];

/* Around a claim about 四: how an appeal is spoken of. */
#define APPEAL_FILL "因|由|政府信息公开|信息公开|依申请公开|公开|申请|答复|工作|引起|引发|产生|而|的|" \
                    "相关|有关|任何|涉及|针对|本机关|本单位|被|提起|提出|方面|事项|类|和|及|与|或|、|" \
                    "以及|案件|情况|情形|事件|发生|案|现象|被申请|行政|等|全年|本年度|年度|今年|" \
                    "实现|数量|均为|均是|为|是|也|亦|均"
#define REVIEW_WORDS "行政复议|复议"
#define SUIT_WORDS "行政诉讼|诉讼|起诉|行政应诉|应诉"
#define NONE_FILL "政府信息公开|信息公开|公开|任何|相关|有关|的|过|到|群众|公民|法人|和|或|、|" \
                  "其他组织|个人|单位|事项|情况|件|类|方面|本年度|全年|年度|今年"

const nb_claim nb_claims[] = {
    {.id = "applications.none_received", .trigger = "未收到|没有收到|未接到|没有接到|未受理|无",
     .fill = NONE_FILL, .topic = "公开",
     .subjects = {{"依申请公开|申请", APP("new_received")}}},
    {.id = "applications.none_carried_over", .trigger = "无|没有|不存在|未有",
     .fill = "的|申请|情况|件|政府信息公开|信息公开|依申请公开|事项|情形", .topic = "公开",
     .subjects = {{"上年结转|上年度结转|上一年度结转|结转上年", APP("carried_over")}}},
    {.id = "applications.none_carried_forward", .trigger = "无|没有|不存在|未有",
     .fill = "的|申请|情况|件|政府信息公开|信息公开|依申请公开|事项|情形|需|需要|继续办理", .topic = "公开",
     .subjects = {{"结转下年度|结转至下年度|结转到下年度|结转下一年度", APP("carried_forward")}}},
    {.id = "appeals.none",
     .trigger = "未发生|没有发生|未出现|没有出现|未产生|没有产生|未有|没有|无|未收到|没有收到|未接到|未被",
     .fill = APPEAL_FILL, .topic = APPEAL_TOPIC,
     .subjects = {{REVIEW_WORDS, "appeals.review.total"},
                  {SUIT_WORDS, SUITS("total")}}},
    {.id = "appeals.none_counted", .trigger = "零", .closing = true, .fill = APPEAL_FILL "|件|起",
     .topic = APPEAL_TOPIC,
     .subjects = {{REVIEW_WORDS, "appeals.review.total"},
                  {SUIT_WORDS, SUITS("total")}}},
    {.id = "appeals.none_corrected", .trigger = "未出现|没有出现|未发生|没有发生|无|未有|未",
     .fill = APPEAL_FILL "|" REVIEW_WORDS "|" SUIT_WORDS "|机关|法院|人民法院|复议机关",
     .topic = APPEAL_TOPIC,
     .subjects = {{"被纠错|纠错|被纠正|被撤销|被确认违法|被依法纠错", "appeals.@.corrected"},
                  {"败诉", SUITS("corrected")}}},
    {.id = "appeals.all_upheld", .trigger = "均|全部|都",
     .fill = "原行政行为|原具体行政行为|原决定|原答复|原答复决定|答复|决定|的|了|复议决定|结果|判决|"
             "裁定|复议机关|被|已|予以|为|作出|处理|法院|人民法院",
     .topic = APPEAL_TOPIC,
     .subjects = {{"维持", "appeals.@.corrected+appeals.@.other"},
                  {"胜诉", SUITS("corrected")}}},
};

const size_t nb_claim_count = sizeof nb_claims / sizeof nb_claims[0];
