/* The two official templates as data. Rows are listed in template order;
 * cells are generated from each row's column list when first asked for,
 * so the tables below are the single place that says what a report holds. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "nianbao/fold.h"
#include "nianbao/template.h"

const char *const nb_applications_columns[7] = {
    "natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
    "legal_service_org", "other_org", "total"};
static const char *const applications_column_labels[7] = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};

const char *const nb_appeals_columns[5] = {"upheld", "corrected", "other", "pending", "total"};
static const char *const appeals_column_labels[5] = {"结果维持", "结果纠正", "其他结果",
                                                     "尚未审结", "总计"};

/* A row as written here: its columns as "id:label" pairs and flags. */
typedef struct row_src {
    nb_table_id table;
    const char *id, *label, *short_label, *match;
    const char *cols[8]; /* "id|label|flags" where flags: s = signed, a = amount */
} row_src;

#define APPS_COLS {NULL}  /* filled from nb_applications_columns */
#define APPEAL_COLS {NULL} /* filled from nb_appeals_columns */

/* Table 二's rows are of a few kinds, each with the same columns: the
 * column list of a kind is written once. The columns are the last
 * argument (variadic: a braced list holds commas). */
#define ACTIVE(id, label, short_label, match, ...) \
    {NB_TABLE_ACTIVE, id, label, short_label, match, __VA_ARGS__}
#define DOCUMENTS_2019 {"made|本年新制作数量|", "published|本年新公开数量|", "total_published|对外公开总数量|"}
#define ITEMS_2019 {"previous_items|上一年项目数量|", "change|本年增/减|s", "decisions|处理决定数量|"}
#define DOCUMENTS_2021 {"issued|本年制发件数|", "repealed|本年废止件数|", "in_force|现行有效件数|"}
#define DECISIONS_2021 {"decisions|本年处理决定数量|"}

/* 二、主动公开政府信息情况 — 2019 template (第二十条第(一)(五)(六)(八)(九)项) */
#define ACTIVE_2019                                                                          \
    ACTIVE("regulations", "规章", "规章", "规章", DOCUMENTS_2019),                            \
    ACTIVE("normative_documents", "规范性文件", "规范性文件", "规范性文件", DOCUMENTS_2019),    \
    ACTIVE("licensing", "行政许可", "行政许可", "行政许可", ITEMS_2019),                        \
    ACTIVE("other_services", "其他对外管理服务事项", "其他管理服务",                           \
           "对外管理服务|其他对外&服务事项|其他对外&管理", ITEMS_2019),                        \
    ACTIVE("penalty", "行政处罚", "行政处罚", "行政处罚", ITEMS_2019),                          \
    ACTIVE("coercion", "行政强制", "行政强制", "行政强制", ITEMS_2019),                         \
    ACTIVE("fees", "行政事业性收费", "事业性收费", "事业性收费",                               \
           {"previous_items|上一年项目数量|", "change|本年增/减|s"}),                          \
    ACTIVE("procurement", "政府集中采购", "集中采购", "集中采购|政府采购",                     \
           {"projects|采购项目数量|", "amount|采购总金额|a"})

/* 二 — 2021 template */
#define ACTIVE_2021                                                                          \
    ACTIVE("regulations", "规章", "规章", "规章", DOCUMENTS_2021),                            \
    ACTIVE("normative_documents", "行政规范性文件", "规范性文件", "规范性文件", DOCUMENTS_2021), \
    ACTIVE("licensing", "行政许可", "行政许可", "行政许可", DECISIONS_2021),                    \
    ACTIVE("penalty", "行政处罚", "行政处罚", "行政处罚", DECISIONS_2021),                      \
    ACTIVE("coercion", "行政强制", "行政强制", "行政强制", DECISIONS_2021),                     \
    ACTIVE("fees", "行政事业性收费", "事业性收费", "事业性收费", {"amount|本年收费金额|a"})

#define APP(id, label, short_label, match) \
    {NB_TABLE_APPLICATIONS, id, label, short_label, match, APPS_COLS}

/* One row of table 三 a line: id, label, short label, keywords. */
#define APPLICATIONS_HEAD \
    APP("new_received", "一、本年新收政府信息公开申请数量", "一、本年新收", "新收|本年收到"), \
    APP("carried_over", "二、上年结转政府信息公开申请数量", "二、上年结转", "上年结转|上年度结转|结转上年"), \
    APP("disclosed", "(一)予以公开", "(一)予以公开", "予以公开"), \
    APP("partially_disclosed", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "(二)部分公开", "部分公开"), \
    APP("withheld_state_secret", "(三)不予公开 1.属于国家秘密", "(三)1.国家秘密", "国家秘密"), \
    APP("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开", "(三)2.法规禁止", "禁止公开|法律行政|行政止公开|法规禁止"), \
    APP("withheld_security", "3.危及\"三安全一稳定\"", "(三)3.三安全一稳定", "三安全|一稳定|危及"), \
    APP("withheld_third_party", "4.保护第三方合法权益", "(三)4.第三方权益", "第三方"), \
    APP("withheld_internal", "5.属于三类内部事务信息", "(三)5.内部事务", "内部事务"), \
    APP("withheld_process", "6.属于四类过程性信息", "(三)6.过程性信息", "过程性"), \
    APP("withheld_enforcement_file", "7.属于行政执法案卷", "(三)7.执法案卷", "执法案卷"), \
    APP("withheld_query", "8.属于行政查询事项", "(三)8.行政查询", "查询事项|行政查询"), \
    APP("unavailable_not_held", "(四)无法提供 1.本机关不掌握相关政府信息", "(四)1.不掌握", "不掌握"), \
    APP("unavailable_needs_creation", "2.没有现成信息需要另行制作", "(四)2.另行制作", "另行制作|没有现成"), \
    APP("unavailable_unclear", "3.补正后申请内容仍不明确", "(四)3.补正后不明确", "仍不明确|补正后"), \
    APP("rejected_petition", "(五)不予处理 1.信访举报投诉类申请", "(五)1.信访举报", "信访|举报投诉"), \
    APP("rejected_duplicate", "2.重复申请", "(五)2.重复申请", "重复申请"), \
    APP("rejected_publication", "3.要求提供公开出版物", "(五)3.公开出版物", "出版物"), \
    APP("rejected_excessive", "4.无正当理由大量反复申请", "(五)4.大量反复", "大量反复|反复申请"), \
    APP("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", "(五)5.确认或重出", "重新出具|已获取信息|确认或")

#define APPLICATIONS_OTHER_ONE APP("other", "(六)其他处理", "(六)其他处理", "其他处理")

#define APPLICATIONS_OTHER_THREE                                                             \
    APP("other_no_correction",                                                               \
        "(六)1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",                  \
        "(六)1.逾期不补正", "不补正|逾期不补|无正当理由逾期"),                                               \
    APP("other_unpaid_fee",                                                                  \
        "(六)2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",          \
        "(六)2.未缴费", "缴纳费用|收费通知|未按收费"),                                                  \
    APP("other_misc", "(六)3.其他", "(六)3.其他", "3.其他|3、其他|(三)其他")

#define APPLICATIONS_TAIL                                                                    \
    APP("total", "(七)总计", "(七)总计", "(七)总计|七、总计|总计|合计"),                                              \
    APP("carried_forward", "四、结转下年度继续办理", "四、结转下年度", "结转下年度|下年度继续|转下年")

#define APPEAL(id, label, short_label, match) \
    {NB_TABLE_APPEALS, id, label, short_label, match, APPEAL_COLS}
#define APPEALS_ROWS                                                                         \
    APPEAL("review", "行政复议", "行政复议", "行政复议"),                                       \
    APPEAL("suit_direct", "行政诉讼·未经复议直接起诉", "诉讼·直接起诉", "直接起诉|未经复议"),           \
    APPEAL("suit_after_review", "行政诉讼·复议后起诉", "诉讼·复议后起诉", "复议后起诉|复议后")

static const row_src rows_2019[] = {ACTIVE_2019, APPLICATIONS_HEAD, APPLICATIONS_OTHER_ONE,
                                    APPLICATIONS_TAIL, APPEALS_ROWS};
static const row_src rows_2021[] = {ACTIVE_2021, APPLICATIONS_HEAD, APPLICATIONS_OTHER_THREE,
                                    APPLICATIONS_TAIL, APPEALS_ROWS};
static const row_src rows_2021_one[] = {ACTIVE_2021, APPLICATIONS_HEAD, APPLICATIONS_OTHER_ONE,
                                        APPLICATIONS_TAIL, APPEALS_ROWS};

#define MAX_ROWS 64
/* Room for a row's keywords, the longest of which is under 80 bytes. */
#define MATCH_BYTES 160

typedef struct built_template {
    nb_template tpl;
    nb_row_def rows[MAX_ROWS];
    nb_cell_def cells[NB_TEMPLATE_MAX_CELLS];
    /* column ids and labels parsed out of row_src strings */
    char col_text[NB_TEMPLATE_MAX_CELLS][2][48];
    /* each row's keywords, folded once here rather than at every match */
    char match_text[MAX_ROWS][MATCH_BYTES];
} built_template;

/* The templates are expanded from the row lists once, under pthread_once,
 * and are read-only from then on: callers share them freely, from any
 * thread, and nothing in the core ever writes to them again. */
static built_template built[3];

static void build(built_template *b, nb_template_kind kind, bool one_other, const row_src *src,
                  int nsrc);

static void build_2019(void) {
    build(&built[0], NB_TEMPLATE_2019, true, rows_2019, (int)(sizeof rows_2019 / sizeof rows_2019[0]));
}
static void build_2021(void) {
    build(&built[1], NB_TEMPLATE_2021, false, rows_2021, (int)(sizeof rows_2021 / sizeof rows_2021[0]));
}
static void build_2021_one(void) {
    build(&built[2], NB_TEMPLATE_2021, true, rows_2021_one,
          (int)(sizeof rows_2021_one / sizeof rows_2021_one[0]));
}

/* Each alternative's characters, for nb_row_matches to rule labels out
 * with; alternatives past NB_MATCH_ALTERNATIVES keep an empty set, which
 * rules nothing out. */
static void char_sets_of(nb_row_def *row) {
    memset(row->match_sets, 0, sizeof row->match_sets);
    int alt = 0;
    for (const char *p = row->match; *p; p++) {
        size_t len = strcspn(p, "|&");
        if (alt < NB_MATCH_ALTERNATIVES) row->match_sets[alt] |= nb_char_set(p, len);
        p += len;
        if (*p == '|') alt++;
        if (!*p) break;
    }
}

static void build(built_template *b, nb_template_kind kind, bool one_other, const row_src *src,
                  int nsrc) {
    int nc = 0;
    b->tpl.kind = kind;
    b->tpl.name = kind == NB_TEMPLATE_2019 ? "2019" : "2021";
    b->tpl.other_single_row = one_other;
    for (int r = 0; r < nsrc; r++) {
        const row_src *s = &src[r];
        nb_row_def *row = &b->rows[r];
        row->table = s->table;
        row->id = s->id;
        row->label = s->label;
        row->short_label = s->short_label;
        nb_fold_text(s->match, strlen(s->match), b->match_text[r], sizeof b->match_text[r]);
        row->match = b->match_text[r];
        char_sets_of(row);
        row->first_cell = nc;
        int ncols = 0;
        const char *const *ids = NULL;
        const char *const *labels = NULL;
        if (s->table == NB_TABLE_APPLICATIONS) {
            ids = nb_applications_columns;
            labels = applications_column_labels;
            ncols = 7;
        } else if (s->table == NB_TABLE_APPEALS) {
            ids = nb_appeals_columns;
            labels = appeals_column_labels;
            ncols = 5;
        } else {
            while (ncols < 8 && s->cols[ncols]) ncols++;
        }
        for (int c = 0; c < ncols; c++) {
            nb_cell_def *cell = &b->cells[nc];
            cell->table = s->table;
            cell->row = r;
            cell->row_id = s->id;
            cell->col = c;
            cell->flags = 0;
            if (ids) {
                cell->col_id = ids[c];
                cell->col_label = labels[c];
            } else {
                /* "id|label|flags" */
                const char *p = s->cols[c];
                const char *bar1 = strchr(p, '|');
                const char *bar2 = strchr(bar1 + 1, '|');
                snprintf(b->col_text[nc][0], sizeof b->col_text[nc][0], "%.*s", (int)(bar1 - p), p);
                snprintf(b->col_text[nc][1], sizeof b->col_text[nc][1], "%.*s",
                         (int)(bar2 - bar1 - 1), bar1 + 1);
                cell->col_id = b->col_text[nc][0];
                cell->col_label = b->col_text[nc][1];
                if (strchr(bar2 + 1, 's')) cell->flags |= NB_CELL_SIGNED;
                if (strchr(bar2 + 1, 'a')) cell->flags |= NB_CELL_AMOUNT;
            }
            nc++;
        }
        row->ncells = ncols;
    }
    b->tpl.rows = b->rows;
    b->tpl.nrows = nsrc;
    b->tpl.cells = b->cells;
    b->tpl.ncells = nc;
}

const nb_template *nb_template_get(nb_template_kind kind, bool other_single_row) {
    static pthread_once_t once[3] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};
    if (kind == NB_TEMPLATE_2019) {
        pthread_once(&once[0], build_2019);
        return &built[0].tpl;
    }
    if (kind == NB_TEMPLATE_2021 && !other_single_row) {
        pthread_once(&once[1], build_2021);
        return &built[1].tpl;
    }
    if (kind == NB_TEMPLATE_2021) {
        pthread_once(&once[2], build_2021_one);
        return &built[2].tpl;
    }
    return NULL;
}

const char *nb_table_key(nb_table_id t) {
    switch (t) {
    case NB_TABLE_ACTIVE: return "active";
    case NB_TABLE_APPLICATIONS: return "applications";
    case NB_TABLE_APPEALS: return "appeals";
    default: return "?";
    }
}

const char *nb_table_title(nb_table_id t) {
    switch (t) {
    case NB_TABLE_ACTIVE: return "二、主动公开政府信息情况";
    case NB_TABLE_APPLICATIONS: return "三、收到和处理政府信息公开申请情况";
    case NB_TABLE_APPEALS: return "四、政府信息公开行政复议、行政诉讼情况";
    default: return "?";
    }
}

int nb_template_find_row(const nb_template *tpl, nb_table_id table, const char *row_id) {
    for (int r = 0; r < tpl->nrows; r++)
        if (tpl->rows[r].table == table && strcmp(tpl->rows[r].id, row_id) == 0) return r;
    return -1;
}

int nb_template_cell_at(const nb_template *tpl, int row, const char *col_id) {
    if (row < 0 || row >= tpl->nrows) return -1;
    const nb_row_def *rd = &tpl->rows[row];
    for (int c = 0; c < rd->ncells; c++)
        if (strcmp(tpl->cells[rd->first_cell + c].col_id, col_id) == 0) return rd->first_cell + c;
    return -1;
}

int nb_template_find_cell(const nb_template *tpl, const char *cell_id) {
    const char *dot1 = strchr(cell_id, '.');
    if (!dot1) return -1;
    const char *dot2 = strchr(dot1 + 1, '.');
    if (!dot2) return -1;
    for (int t = 0; t < NB_TABLE_COUNT; t++) {
        const char *key = nb_table_key((nb_table_id)t);
        if (strlen(key) != (size_t)(dot1 - cell_id) || strncmp(key, cell_id, (size_t)(dot1 - cell_id)))
            continue;
        for (int r = 0; r < tpl->nrows; r++) {
            const nb_row_def *rd = &tpl->rows[r];
            if (rd->table != (nb_table_id)t) continue;
            if (strlen(rd->id) != (size_t)(dot2 - dot1 - 1) ||
                strncmp(rd->id, dot1 + 1, (size_t)(dot2 - dot1 - 1)))
                continue;
            return nb_template_cell_at(tpl, r, dot2 + 1);
        }
    }
    return -1;
}

void nb_template_cell_id(const nb_template *tpl, int i, char *buf, size_t bufsize) {
    if (i < 0 || i >= tpl->ncells) {
        snprintf(buf, bufsize, "?");
        return;
    }
    const nb_cell_def *c = &tpl->cells[i];
    snprintf(buf, bufsize, "%s.%s.%s", nb_table_key(c->table), c->row_id, c->col_id);
}
