/* Text against table: numbers the narrative states ("全年共受理政府信息公开
 * 申请1134件", "行政复议17件", "收费项目共24项,较2019年减少1项") compared with
 * the cells they describe. Rule text.vs_table, severity warning.
 *
 * The matchers are deliberately narrow: a false alarm on a correct report
 * teaches reviewers to ignore the rule. A number is compared only when
 * (a) it is a count followed by 件 or 项, (b) the words before it in its
 * clause say unambiguously what it counts, and (c) every cell it is
 * compared with has a value. Anything else is left alone.
 *
 * The report's narrative (its region minus the tables) is flattened
 * first: white space and line breaks removed (PDF text wraps mid-word),
 * page-number lines dropped, full-width digits folded; a map keeps every
 * byte's place in the source so that the finding points at the sentence. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"

typedef struct flat {
    char *s;
    size_t *map; /* source byte offset of each byte of s */
    size_t n, cap;
} flat;

static bool flat_push(flat *f, const char *bytes, size_t len, size_t src) {
    if (f->n + len + 1 > f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 4096;
        while (cap < f->n + len + 1) cap *= 2;
        char *s = realloc(f->s, cap);
        if (!s) return false;
        f->s = s;
        size_t *m = realloc(f->map, cap * sizeof *m);
        if (!m) return false;
        f->map = m;
        f->cap = cap;
    }
    for (size_t i = 0; i < len; i++) {
        f->s[f->n] = bytes[i];
        f->map[f->n++] = src + i;
    }
    f->s[f->n] = '\0';
    return true;
}

/* A line holding only a page number: page furniture ("-1-", "— 2 —",
 * "第3页", the PDF source's page lines) or, in prose, a bare number on a
 * line of its own ("3"). */
static bool page_number_line(const char *s, size_t n) {
    if (nb_line_is_page_furniture(s, n)) return true;
    bool digit = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return digit;
}

static bool flatten_range(flat *f, const char *text, size_t from, size_t to) {
    size_t i = from;
    while (i < to) {
        size_t eol = i;
        while (eol < to && text[eol] != '\n') eol++;
        if (!page_number_line(text + i, eol - i)) {
            for (size_t k = i; k < eol;) {
                unsigned char c = (unsigned char)text[k];
                if (c == ' ' || c == '\t' || c == '\r') {
                    k++;
                } else if (c == 0xC2 && k + 1 < eol && (unsigned char)text[k + 1] == 0xA0) {
                    k += 2; /* NBSP */
                } else if (c == 0xE3 && k + 2 < eol && (unsigned char)text[k + 1] == 0x80 &&
                           (unsigned char)text[k + 2] == 0x80) {
                    k += 3; /* U+3000 */
                } else if (c == 0xEF && k + 2 < eol && (unsigned char)text[k + 1] == 0xBC &&
                           (unsigned char)text[k + 2] >= 0x90 && (unsigned char)text[k + 2] <= 0x99) {
                    char d = (char)('0' + ((unsigned char)text[k + 2] - 0x90)); /* ０-９ */
                    if (!flat_push(f, &d, 1, k)) return false;
                    k += 3;
                } else {
                    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
                    if (k + len > eol) len = eol - k;
                    if (!flat_push(f, text + k, len, k)) return false;
                    k += len;
                }
            }
        }
        i = eol < to ? eol + 1 : to;
    }
    return true;
}

/* ------------------------------------------------------------ text helpers */

static const char *const sentence_ends[] = {"。", "；", ";", "！", "？", "!", "?", NULL};
static const char *const clause_ends[] = {"。", "；", ";", "！", "？", "!", "?", "，", ",",
                                          "、", "：", ":", "（", "）", "(", ")", NULL};

/* Length of the separator from `list` at s[i], or 0. */
static size_t sep_at(const char *s, size_t i, size_t n, const char *const *list) {
    for (int k = 0; list[k]; k++) {
        if (s[i] != list[k][0]) continue;
        size_t l = strlen(list[k]);
        if (i + l <= n && memcmp(s + i, list[k], l) == 0) return l;
    }
    return 0;
}

/* A sentence longer than this is cut for matching: no real sentence is,
 * and it keeps a text without punctuation from costing quadratic time. */
#define MAX_SENTENCE_BYTES 1200

/* Last occurrence of `word` in s[from..to), as an offset, or (size_t)-1. */
static size_t last_of(const char *s, size_t from, size_t to, const char *word) {
    size_t l = strlen(word);
    if (to < from + l) return (size_t)-1;
    const char first = word[0];
    for (size_t i = to - l + 1; i-- > from;)
        if (s[i] == first && memcmp(s + i, word, l) == 0) return i;
    return (size_t)-1;
}

static bool has(const char *s, size_t from, size_t to, const char *word) {
    return last_of(s, from, to, word) != (size_t)-1;
}

static bool has_any(const char *s, size_t from, size_t to, const char *const *words) {
    for (int k = 0; words[k]; k++)
        if (has(s, from, to, words[k])) return true;
    return false;
}

/* ------------------------------------------------------------ the matchers */

/* One number of the narrative and where it stands. */
typedef struct mention {
    int64_t value;
    size_t num_start, num_end; /* flat offsets of the digits */
    size_t clause_start, clause_end, sentence_start, sentence_end;
    size_t context_start;      /* start of the sentence before this one */
    bool items;                /* unit 项 (else 件) */
} mention;

/* The last column computed: numbers come in source order, so the next
 * one on the same line is counted from there, not from the line's start
 * (a 1 MB line of numbers would otherwise cost quadratic time). */
typedef struct column_cache {
    bool valid;
    size_t line, off, col;
} column_cache;

typedef struct ctx {
    const nb_report *r;
    const nb_text *text;
    const flat *f;
    nb_findings *out;
    column_cache *cols;
} ctx;

static int column_at(const ctx *c, size_t line, size_t off) {
    column_cache *cc = c->cols;
    size_t col;
    if (cc->valid && cc->line == line) {
        /* valid UTF-8: characters are counted by their lead bytes */
        col = cc->col;
        for (size_t i = cc->off; i < off; i++) col += ((unsigned char)c->text->utf8[i] & 0xC0) != 0x80;
        for (size_t i = off; i < cc->off; i++) col -= ((unsigned char)c->text->utf8[i] & 0xC0) != 0x80;
    } else {
        col = nb_text_column_of(c->text, off);
    }
    *cc = (column_cache){true, line, off, col};
    return (int)col;
}

static bool cell_value(const nb_report *r, int cell, int64_t *v) {
    nb_number n;
    if (cell < 0 || !nb_report_value(r, cell, &n) || n.scale != 0) return false;
    *v = n.units;
    return true;
}

static int app_cell(const nb_report *r, const char *row) {
    return nb_report_cell(r, NB_TABLE_APPLICATIONS, row, "total");
}

static nb_span source_span(const ctx *c, size_t flat_from, size_t flat_to) {
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    if (flat_to <= flat_from) return sp;
    sp.byte_start = c->f->map[flat_from];
    sp.byte_end = c->f->map[flat_to - 1] + 1;
    /* include the whole last character */
    while (sp.byte_end < c->text->len && ((unsigned char)c->text->utf8[sp.byte_end] & 0xC0) == 0x80)
        sp.byte_end++;
    size_t line = nb_text_line_of(c->text, sp.byte_start);
    sp.line = (int)line + 1;
    sp.col_start = column_at(c, line, sp.byte_start);
    size_t end_line = nb_text_line_of(c->text, sp.byte_end - 1);
    sp.col_end = end_line == line ? column_at(c, line, sp.byte_end) : sp.col_start + 1;
    return sp;
}

/* Warn: the clause of `m` states m->value (or `stated`), the table's cells
 * add up to `table_sum` described by `table_words`. */
static void warn(const ctx *c, const mention *m, const int *cells, int ncells, int64_t stated,
                 const char *table_words) {
    nb_finding *f = nb_findings_add(c->out, c->r, "text.vs_table", NB_SEV_WARNING, cells, ncells);
    if (!f) return;
    f->text_span = source_span(c, m->sentence_start, m->sentence_end);
    nb_span num = source_span(c, m->num_start, m->num_end);
    f->line = num.line;
    f->column = num.col_start;
    size_t qlen = m->clause_end - m->clause_start;
    if (qlen > 180) qlen = 180;
    while (qlen > 0 && ((unsigned char)c->f->s[m->clause_start + qlen] & 0xC0) == 0x80) qlen--;
    snprintf(f->message, sizeof f->message, _("the text says \"%.*s\" (%lld), but the table has %s"),
             (int)qlen, c->f->s + m->clause_start, (long long)stated, table_words);
    nb_finding_set_key(f, c->r, true);
}

/* Compare with the sum of `cells`; words like "一 总计 = 95". */
static void compare(const ctx *c, const mention *m, const int *cells, int ncells, int64_t stated,
                    const char *what) {
    int64_t sum = 0, v;
    char words[256];
    size_t len = 0;
    words[0] = '\0';
    for (int i = 0; i < ncells; i++) {
        if (!cell_value(c->r, cells[i], &v)) return;
        sum += v;
        len += (size_t)snprintf(words + len, len < sizeof words ? sizeof words - len : 0,
                                "%s%lld", i ? " + " : "", (long long)v);
    }
    if (sum == stated) return;
    char table_words[320];
    if (ncells > 1)
        snprintf(table_words, sizeof table_words, "%s %s = %lld", what, words, (long long)sum);
    else
        snprintf(table_words, sizeof table_words, "%s = %lld", what, (long long)sum);
    warn(c, m, cells, ncells, stated, table_words);
}

static const char *const received_verbs[] = {"受理", "收到", "新收", "共收", "接收", "收悉", NULL};
static const char *const received_excluded[] = {"其中", "咨询", "网上", "当面", "信函", "分别",
                                                "平均", "办结", "答复", "转办", NULL};
static const char *const replied_verbs[] = {"答复", "办结", NULL};
static const char *const replied_excluded[] = {"其中", "延期", "逾期", "当场", "受理",
                                               "收到", "分别", NULL};

/* Whether the words before the number (this sentence and the one before)
 * are about disclosure on request: "受理行政许可申请 N 件" is not. */
static bool about_disclosure_requests(const char *s, const mention *m) {
    return has(s, m->context_start, m->num_start, "公开") && has(s, m->context_start, m->num_start, "申请");
}

/* 一 (or 一+二 when the sentence speaks of 结转), (七)总计, 二, 四. */
static bool match_applications(const ctx *c, const mention *m) {
    const char *s = c->f->s;
    size_t a = m->clause_start, b = m->num_start;
    if (m->items || !about_disclosure_requests(s, m)) return false;
    bool carry = has(s, a, b, "结转") ||
                 has(s, m->num_end, m->clause_end, "顺延") || has(s, m->num_end, m->clause_end, "结转");
    if (carry) {
        if ((has(s, a, b, "上年") || has(s, a, b, "上一年")) && has(s, a, b, "结转") &&
            !has(s, a, b, "下")) {
            int cell = app_cell(c->r, "carried_over");
            compare(c, m, &cell, 1, m->value, _("二、上年结转 总计"));
            return true;
        }
        bool forward = has(s, m->num_end, m->clause_end, "顺延") ||
                       has(s, a, b, "结转下") || has(s, a, b, "结转到下") ||
                       has(s, a, b, "结转至下") || has(s, a, b, "转入下");
        if (forward && !has(s, a, b, "上年")) {
            int cell = app_cell(c->r, "carried_forward");
            compare(c, m, &cell, 1, m->value, _("四、结转下年度 总计"));
            return true;
        }
        return false;
    }
    if (!has(s, a, b, "申请") && !has_any(s, a, b, replied_verbs)) return false;
    if (has(s, a, b, "复议") || has(s, a, b, "诉讼")) return false;
    /* received: the clause itself names disclosure requests */
    if (has_any(s, a, b, received_verbs) && has(s, a, b, "申请") && has(s, a, b, "公开") &&
        !has_any(s, a, b, received_excluded)) {
        int one = app_cell(c->r, "new_received"), two = app_cell(c->r, "carried_over");
        int64_t v1, v2;
        if (!cell_value(c->r, one, &v1)) return true;
        /* "共受理申请 N 件(含上年结转 M 件)": the sentence may count both. */
        if (has(s, m->sentence_start, m->sentence_end, "结转") && cell_value(c->r, two, &v2) &&
            m->value == v1 + v2)
            return true;
        compare(c, m, &one, 1, m->value, _("一、本年新收 总计"));
        return true;
    }
    if (has_any(s, a, b, replied_verbs) && !has_any(s, a, b, replied_excluded)) {
        int cell = app_cell(c->r, "total");
        compare(c, m, &cell, 1, m->value, _("(七)总计"));
        return true;
    }
    return false;
}

/* 行政复议 N 件 → 四 行政复议 总计; 行政诉讼 N 件 → both suits' 总计. */
static bool match_appeals(const ctx *c, const mention *m) {
    const char *s = c->f->s;
    size_t a = m->clause_start, b = m->num_start;
    if (m->items) return false;
    size_t review = last_of(s, a, b, "复议"), suit = last_of(s, a, b, "诉讼");
    size_t kw = review == (size_t)-1 ? suit : suit == (size_t)-1 ? review : review > suit ? review : suit;
    if (kw == (size_t)-1 || b - (kw + 6) > 12) return false; /* "行政复议案件共" at most */
    if (has(s, a, b, "其中") || has(s, a, b, "复议后") || has(s, a, b, "直接起诉")) return false;
    if (!has(s, m->sentence_start, b, "行政复议") && !has(s, m->sentence_start, b, "行政诉讼"))
        return false;
    /* appeals about disclosure, not every 行政复议 of the agency */
    if (!has(s, m->context_start, b, "公开")) return false;
    if (kw == review) {
        int cell = nb_report_cell(c->r, NB_TABLE_APPEALS, "review", "total");
        compare(c, m, &cell, 1, m->value, _("四 行政复议 总计"));
    } else {
        int cells[2] = {nb_report_cell(c->r, NB_TABLE_APPEALS, "suit_direct", "total"),
                        nb_report_cell(c->r, NB_TABLE_APPEALS, "suit_after_review", "total")};
        compare(c, m, cells, 2, m->value, _("四 行政诉讼 总计"));
    }
    return true;
}

/* "其中结果维持 72 件，结果纠正 64 件…" in a sentence about exactly one of
 * 行政复议 / 行政诉讼: the result columns of 四 (both suits summed). */
static bool match_appeal_results(const ctx *c, const mention *m) {
    const char *s = c->f->s;
    size_t a = m->clause_start, b = m->num_start;
    if (m->items) return false;
    bool review = has(s, m->sentence_start, b, "复议");
    bool suit = has(s, m->sentence_start, b, "诉讼");
    if (review == suit) return false;
    if (!has(s, m->sentence_start, b, review ? "行政复议" : "行政诉讼")) return false;
    if (!has(s, m->context_start, b, "公开")) return false;
    static const struct {
        const char *word, *col;
    } results[] = {{"尚未审结", "pending"}, {"未审结", "pending"}, {"其他结果", "other"},
                   {"结果维持", "upheld"},  {"维持", "upheld"},    {"结果纠正", "corrected"},
                   {"纠正", "corrected"}};
    for (size_t k = 0; k < sizeof results / sizeof results[0]; k++) {
        size_t at = last_of(s, a, b, results[k].word);
        /* the word right before the number: "结果维持 72 件", "维持原行政行为 3 件" is not */
        if (at == (size_t)-1 || b - (at + strlen(results[k].word)) > 3) continue;
        char what[96];
        if (review) {
            int cell = nb_report_cell(c->r, NB_TABLE_APPEALS, "review", results[k].col);
            snprintf(what, sizeof what, "四 行政复议 %s", c->r->tpl->cells[cell].col_label);
            compare(c, m, &cell, 1, m->value, what);
        } else {
            int cells[2] = {nb_report_cell(c->r, NB_TABLE_APPEALS, "suit_direct", results[k].col),
                            nb_report_cell(c->r, NB_TABLE_APPEALS, "suit_after_review", results[k].col)};
            snprintf(what, sizeof what, "四 行政诉讼 %s", c->r->tpl->cells[cells[0]].col_label);
            compare(c, m, cells, 2, m->value, what);
        }
        return true;
    }
    return false;
}

/* Normative documents: 制发/废止/现行有效 (2021), 制作/新公开/累计公开 (2019). */
static bool match_normative(const ctx *c, const mention *m) {
    const char *s = c->f->s;
    size_t a = m->clause_start, b = m->num_start;
    if (m->items) return false;
    size_t doc = last_of(s, m->sentence_start, b, "规范性文件");
    if (doc == (size_t)-1) return false;
    /* 规章 named after the documents, or in the same clause: the count may be both */
    size_t rule = last_of(s, m->sentence_start, b, "规章");
    if (rule != (size_t)-1 && (rule > doc || rule >= a) &&
        last_of(s, m->sentence_start, b, "规章制度") != rule)
        return false;
    static const struct {
        const char *words[6];
        const char *col;
    } roles[] = {
        {{"累计", "总数", NULL}, "total_published"},
        {{"现行有效", NULL}, "in_force"},
        {{"废止", NULL}, "repealed"},
        {{"制发", "出台", "印发", "制定", "新制作", NULL}, "issued"},
        {{"制发", "出台", "印发", "制定", "新制作", NULL}, "made"},
        {{"新公开", "主动公开", NULL}, "published"},
    };
    for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
        if (!has_any(s, a, b, roles[k].words)) continue;
        int cell = nb_report_cell(c->r, NB_TABLE_ACTIVE, "normative_documents", roles[k].col);
        if (cell < 0) continue;
        char what[96];
        snprintf(what, sizeof what, "%s %s", c->r->tpl->rows[c->r->tpl->cells[cell].row].label,
                 c->r->tpl->cells[cell].col_label);
        compare(c, m, &cell, 1, m->value, what);
        return true;
    }
    return false;
}

/* The active row a sentence is about: the row keyword (from the template's
 * match strings) that stands last before the number. */
static int active_row_of(const ctx *c, const mention *m) {
    const nb_template *tpl = c->r->tpl;
    const char *s = c->f->s;
    int best = -1;
    size_t best_at = 0;
    for (int r = 0; r < tpl->nrows; r++) {
        if (tpl->rows[r].table != NB_TABLE_ACTIVE || !tpl->rows[r].match) continue;
        const char *p = tpl->rows[r].match;
        while (*p) {
            size_t len = strcspn(p, "|&");
            char word[64];
            if (len < sizeof word) {
                memcpy(word, p, len);
                word[len] = '\0';
                size_t at = len ? last_of(s, m->sentence_start, m->num_start, word) : (size_t)-1;
                if (at != (size_t)-1 && (best < 0 || at > best_at)) {
                    best = r;
                    best_at = at;
                }
            }
            p += len;
            if (*p) p++;
        }
    }
    return best;
}

/* 2019 template: "收费项目共24项" (this year's count = 上一年 + 增/减) and
 * "较2019年减少1项" (本年增/减). */
static bool match_items(const ctx *c, const mention *m) {
    const char *s = c->f->s;
    size_t a = m->clause_start, b = m->num_start;
    if (!m->items) return false;
    int row = active_row_of(c, m);
    if (row < 0) return false;
    int prev = nb_template_cell_at(c->r->tpl, row, "previous_items");
    int change = nb_template_cell_at(c->r->tpl, row, "change");
    if (prev < 0 || change < 0) return false;
    static const char *const comparisons[] = {"较", "比", "同比", NULL};
    static const char *const fewer[] = {"减少", "减", NULL};
    static const char *const more[] = {"增加", "新增", "增", NULL};
    static const char *const totals[] = {"共", "现有", "保留", "总数", NULL};
    char what[128];
    const char *label = c->r->tpl->rows[row].label;
    if (has_any(s, a, b, comparisons) && (has_any(s, a, b, fewer) || has_any(s, a, b, more))) {
        if (has_any(s, a, b, fewer) && has_any(s, a, b, more)) return false;
        /* 较<year>年: only the year before, or 上年 */
        int64_t stated = has_any(s, a, b, fewer) ? -m->value : m->value;
        char last_year[16];
        snprintf(last_year, sizeof last_year, "%d年", c->r->year - 1);
        if (!has(s, a, b, last_year) && !has(s, a, b, "上年") && !has(s, a, b, "上一年") &&
            !has(s, a, b, "同比"))
            return false;
        snprintf(what, sizeof what, "%s %s", label, c->r->tpl->cells[change].col_label);
        compare(c, m, &change, 1, stated, what);
        return true;
    }
    if (has_any(s, a, b, totals) && !has_any(s, a, b, fewer) && !has_any(s, a, b, more)) {
        int cells[2] = {prev, change};
        snprintf(what, sizeof what, _("%s 上一年项目数量 + 本年增/减"), label);
        compare(c, m, cells, 2, m->value, what);
        return true;
    }
    return false;
}

/* Where the separators of a list stand in the flat text: start and end
 * of each, in order. Found once, so that every number finds its sentence
 * and clause by moving a cursor, not by scanning back. */
typedef struct boundaries {
    size_t *start, *after;
    size_t count;
} boundaries;

static bool find_boundaries(const char *s, size_t n, const char *const *list, boundaries *b) {
    size_t cap = 64;
    b->count = 0;
    b->start = malloc(cap * sizeof *b->start);
    b->after = malloc(cap * sizeof *b->after);
    if (!b->start || !b->after) return false;
    bool first_byte[256] = {false};
    for (int k = 0; list[k]; k++) first_byte[(unsigned char)list[k][0]] = true;
    for (size_t i = 0; i < n;) {
        if (!first_byte[(unsigned char)s[i]]) {
            i++;
            continue;
        }
        size_t l = sep_at(s, i, n, list);
        if (!l) {
            i++;
            continue;
        }
        if (b->count == cap) {
            cap *= 2;
            size_t *x = realloc(b->start, cap * sizeof *x);
            if (!x) return false;
            b->start = x;
            x = realloc(b->after, cap * sizeof *x);
            if (!x) return false;
            b->after = x;
        }
        b->start[b->count] = i;
        b->after[b->count++] = i + l;
        i += l;
    }
    return true;
}

static void free_boundaries(boundaries *b) {
    free(b->start);
    free(b->after);
}

/* The start of the piece (sentence or clause) holding offset `i`, given
 * `*k` = how many separators end at or before `i` (advanced here); cut at
 * MAX_SENTENCE_BYTES back, on a character boundary. */
static size_t piece_start(const char *s, const boundaries *b, size_t *k, size_t i) {
    while (*k < b->count && b->after[*k] <= i) (*k)++;
    size_t start = *k ? b->after[*k - 1] : 0;
    if (i > MAX_SENTENCE_BYTES && start < i - MAX_SENTENCE_BYTES) {
        start = i - MAX_SENTENCE_BYTES;
        while (start < i && ((unsigned char)s[start] & 0xC0) == 0x80) start++;
    }
    return start;
}

/* The end (exclusive) of the piece holding offset `j`: the next separator. */
static size_t piece_end(const boundaries *b, size_t *k, size_t j, size_t n) {
    while (*k < b->count && b->start[*k] < j) (*k)++;
    size_t end = *k < b->count ? b->start[*k] : n;
    return end > j + MAX_SENTENCE_BYTES ? j + MAX_SENTENCE_BYTES : end;
}

static void scan(const ctx *c) {
    const char *s = c->f->s;
    size_t n = c->f->n;
    boundaries sentences = {0}, clauses = {0};
    if (!find_boundaries(s, n, sentence_ends, &sentences) || !find_boundaries(s, n, clause_ends, &clauses)) {
        free_boundaries(&sentences);
        free_boundaries(&clauses);
        return;
    }
    size_t ks = 0, kc = 0, kse = 0, kce = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') continue;
        if (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.')) continue;
        size_t j = i;
        int64_t v = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9') {
            if (v < NB_NUMBER_MAX_UNITS) v = v * 10 + (s[j] - '0');
            j++;
        }
        bool items;
        if (j + 3 <= n && memcmp(s + j, "件", 3) == 0)
            items = false;
        else if (j + 3 <= n && memcmp(s + j, "项", 3) == 0)
            items = true;
        else {
            i = j;
            continue;
        }
        mention m = {.value = v, .num_start = i, .num_end = j, .items = items};
        m.sentence_start = piece_start(s, &sentences, &ks, i);
        m.clause_start = piece_start(s, &clauses, &kc, i);
        if (m.clause_start < m.sentence_start) m.clause_start = m.sentence_start;
        /* the sentence before: the separator before the one that opened this sentence */
        m.context_start = m.sentence_start;
        if (ks >= 1 && sentences.after[ks - 1] == m.sentence_start)
            m.context_start = ks >= 2 ? sentences.after[ks - 2] : 0;
        if (m.sentence_start > m.context_start + 2 * MAX_SENTENCE_BYTES)
            m.context_start = m.sentence_start - 2 * MAX_SENTENCE_BYTES;
        while (m.context_start < m.sentence_start && ((unsigned char)s[m.context_start] & 0xC0) == 0x80)
            m.context_start++;
        m.sentence_end = piece_end(&sentences, &kse, j, n);
        m.clause_end = piece_end(&clauses, &kce, j + 3, n);
        if (!match_appeals(c, &m) && !match_appeal_results(c, &m) &&
            !match_applications(c, &m) && !match_normative(c, &m))
            match_items(c, &m);
        i = j;
    }
    free_boundaries(&sentences);
    free_boundaries(&clauses);
}

void nb_check_narrative(const nb_report *r, const nb_text *text, nb_findings *out) {
    if (!r || !text || !text->utf8 || !r->tpl || !r->cells) return;
    size_t from = r->byte_start, to = r->byte_end;
    if (to > text->len) to = text->len;
    if (to <= from) return;
    flat f = {0};
    bool ok = true;
    if (r->tables_start > from && r->tables_start < to && r->tables_end > r->tables_start) {
        ok = flatten_range(&f, text->utf8, from, r->tables_start);
        /* a sentence must not run from before the tables into after them */
        if (ok) ok = flat_push(&f, "。", 3, r->tables_start);
        if (ok && r->tables_end < to) ok = flatten_range(&f, text->utf8, r->tables_end, to);
    } else {
        ok = flatten_range(&f, text->utf8, from, to);
    }
    if (ok && f.n) {
        column_cache cols = {0};
        ctx c = {r, text, &f, out, &cols};
        scan(&c);
    }
    free(f.s);
    free(f.map);
}
