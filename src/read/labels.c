/* Row labels: whether a label of the text names a template row (the
 * row's keywords), whether it is the row's full label, a garbled one or
 * the first line of a wrapped one, and which labels are column headers,
 * grid headers or pieces of a group label down the side. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "recognize-internal.h"

/* nb_row_matches, given the label's characters (nb_char_set). */
static bool row_matches(const nb_template *tpl, int row, const char *label, uint64_t have) {
    const char *m = tpl->rows[row].match;
    if (!m || !*m || !label || !*label) return false;
    char kw[128];
    const nb_row_def *rd = &tpl->rows[row];
    /* alternatives separated by '|', keywords of one alternative by '&' */
    const char *p = m;
    for (int alt = 0; *p; alt++) {
        const char *alt_end = strchr(p, '|');
        if (!alt_end) alt_end = p + strlen(p);
        uint64_t need = alt < NB_MATCH_ALTERNATIVES ? rd->match_sets[alt] : 0;
        bool all = (need & ~have) == 0;
        const char *q = p;
        while (all && q < alt_end) {
            const char *kw_end = memchr(q, '&', (size_t)(alt_end - q));
            if (!kw_end) kw_end = alt_end;
            size_t len = (size_t)(kw_end - q);
            if (len == 0 || len >= sizeof kw) {
                all = false;
                break;
            }
            memcpy(kw, q, len);
            kw[len] = '\0';
            if (!strstr(label, kw)) { /* the template's keywords are folded already */
                all = false;
                break;
            }
            q = kw_end + (*kw_end == '&');
        }
        if (all) return true;
        p = *alt_end ? alt_end + 1 : alt_end;
    }
    return false;
}

bool nb_row_matches(const nb_template *tpl, int row, const char *label) {
    return label && row_matches(tpl, row, label, nb_char_set(label, strlen(label)));
}

int nb_first_matching_row(const nb_template *tpl, int from, int to, const char *label) {
    if (!label || from > to) return -1;
    uint64_t have = nb_char_set(label, strlen(label));
    for (int row = from; row <= to; row++)
        if (row_matches(tpl, row, label, have)) return row;
    return -1;
}

/* The words of a label after its last enumerator ("(三)", "2.", "3、"),
 * without punctuation: what is left to compare with the template. */
static size_t label_core(const char *folded, int32_t *out, size_t cap) {
    int32_t cps[512];
    size_t n = 0, len = strlen(folded);
    for (size_t i = 0; i < len && n < 512;) {
        int32_t c;
        size_t k = nb_utf8_next(folded + i, len - i, &c);
        if (k == 0) break;
        cps[n++] = c;
        i += k;
    }
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] >= '0' && cps[i] <= '9' && i + 1 < n && (cps[i + 1] == '.' || cps[i + 1] == 0x3001))
            start = i + 2;
        if (cps[i] == '(' && i + 2 < n && cps[i + 2] == ')' && cps[i + 1] >= 0x4E00)
            start = i + 3;
    }
    size_t o = 0;
    for (size_t i = start; i < n && o < cap; i++) {
        int32_t c = cps[i];
        if (c == '.' || c == ',' || c == '"' || c == '(' || c == ')' || c == 0x3001 || c == 0x3002 ||
            c == ':' || c == ';' || c == '\'')
            continue;
        out[o++] = c;
    }
    return o;
}

static bool is_substring(const int32_t *a, size_t na, const int32_t *b, size_t nb) {
    if (na > nb) return false;
    for (size_t i = 0; i + na <= nb; i++)
        if (memcmp(b + i, a, na * sizeof *a) == 0) return true;
    return false;
}

static bool is_subsequence(const int32_t *a, size_t na, const int32_t *b, size_t nb) {
    size_t j = 0;
    for (size_t i = 0; i < nb && j < na; i++)
        if (b[i] == a[j]) j++;
    return j == na;
}

/* A label that is the template's label with characters lost inside
 * ("其他法律行政止公开"), not merely wrapped or shortened. */
bool nb_label_is_garbled(const nb_template *tpl, int row, const char *folded) {
    char tplf[256];
    nb_fold_text(tpl->rows[row].label, strlen(tpl->rows[row].label), tplf, sizeof tplf);
    int32_t a[512], b[512];
    size_t na = label_core(folded, a, 512), nb = label_core(tplf, b, 512);
    if (na < 4 || nb == 0) return false;
    if (is_substring(a, na, b, nb) || is_substring(b, nb, a, na)) return false;
    return na < nb && is_subsequence(a, na, b, nb);
}

/* The first line of the row's label, as a label wrapped over lines
 * shows it: its words (two at least) open the template's. */
static bool label_starts_row(const nb_template *tpl, int row, const char *folded) {
    char tplf[256];
    nb_fold_text(tpl->rows[row].label, strlen(tpl->rows[row].label), tplf, sizeof tplf);
    int32_t a[512], b[512];
    size_t na = label_core(folded, a, 512), nb = label_core(tplf, b, 512);
    return na >= 2 && na < nb && memcmp(a, b, na * sizeof *a) == 0;
}

/* A label that is plainly the row's own: what is left after its
 * enumerator is at least four characters of the template's label. */
bool nb_label_is_full(const nb_template *tpl, int row, const char *folded) {
    char tplf[256];
    nb_fold_text(tpl->rows[row].label, strlen(tpl->rows[row].label), tplf, sizeof tplf);
    int32_t a[512], b[512];
    size_t na = label_core(folded, a, 512), nb = label_core(tplf, b, 512);
    return na >= 4 && nb >= 4 && (is_substring(a, na, b, nb) || is_substring(b, nb, a, na));
}

/* Is folded label text `s` (less the padding and broken characters a
 * garbling dump leaves) a piece of the row's template label? */
bool nb_part_of_row_label(const table_ctx *cx, int row_rel, const char *s) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    char clean[256], tpl[512];
    size_t m = 0;
    for (size_t i = 0; s[i] && m + 1 < sizeof clean;) {
        if (s[i] == '_') {
            i++;
            continue;
        }
        if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF && (unsigned char)s[i + 2] == 0xBD) {
            i += 3; /* U+FFFD */
            continue;
        }
        clean[m++] = s[i++];
    }
    clean[m] = '\0';
    if (m == 0) return true;
    nb_fold_text(rd->label, strlen(rd->label), tpl, sizeof tpl);
    return strstr(tpl, clean) != NULL;
}

/* Words of the column headers of tables 三 and 四. */
static bool header_word(const char *s) {
    static const char *const words[] = {"自然人", "法人", "商业", "企业", "科研", "公益", "法律服务",
                                        "申请人情况", "结果维持", "结果纠正", "其他结果", "尚未审结",
                                        "维持", "纠正", "审结", NULL};
    if (strcmp(s, "其他") == 0 || strcmp(s, "总计") == 0 || strcmp(s, "合计") == 0) return true;
    for (int i = 0; words[i]; i++)
        if (strstr(s, words[i])) return true;
    return false;
}

/* A bare column name (总计, 合计) next to other column names is a header
 * repeated after a page break, not the row (七)总计. */
bool nb_in_column_header(const nb_token_list *tl, size_t i) {
    const char *s = nb_token_text(tl, &tl->v[i]);
    if (!strstr(s, "总计") && !strstr(s, "合计")) return false;
    /* the whole header joined into one label: "自然人商业企业…其他总计" */
    if (strstr(s, "自然人") || strstr(s, "结果维持") || strstr(s, "科研")) return true;
    if (strcmp(s, "总计") != 0 && strcmp(s, "合计") != 0) return false;
    for (int d = -1; d <= 1; d += 2) {
        if ((d < 0 && i == 0) || (d > 0 && i + 1 >= tl->n)) continue;
        const nb_token *nb = &tl->v[(long)i + d];
        if (nb->kind == NB_TOKEN_LABEL && header_word(nb_token_text(tl, nb))) return true;
    }
    return false;
}

/* A line of table 二 that heads one of its grids: 第二十条第（N）项 or
 * the 信息内容 line of column names. */
bool nb_is_grid_header(const char *folded) {
    const char *s = folded;
    while (*s == ' ') s++;
    return !strncmp(s, "第二十条第", strlen("第二十条第")) || !strncmp(s, "信息内容", strlen("信息内容"));
}

/* A piece of a group label printed down the side of table 三, a line or
 * two at a time: its enumerator alone ("（五）") or a piece of a group's
 * name ("不予处", "理"). */
#define SIDE_GROUPS 5
static const char *const side_groups[SIDE_GROUPS] = {"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理"};
/* The groups' names as label_core gives them, made once (any thread may
 * be first): every label of every table is compared with them. */
static int32_t side_group_core[SIDE_GROUPS][16];
static size_t side_group_len[SIDE_GROUPS];
static void make_side_group_cores(void) {
    for (int g = 0; g < SIDE_GROUPS; g++) side_group_len[g] = label_core(side_groups[g], side_group_core[g], 16);
}

static bool is_side_fragment(const nb_token_list *tl, size_t i) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_side_group_cores);
    int32_t core[16];
    const char *s = nb_token_text(tl, &tl->v[i]);
    size_t n = label_core(s, core, 16);
    if (n == 0) return true;
    for (int g = 0; g < SIDE_GROUPS; g++)
        if (is_substring(core, n, side_group_core[g], side_group_len[g])) return true;
    return false;
}

/* A label wrapped so that its keyword is cut in two ("一、本年新" over
 * "收政府信息公开申请数量", the numbers maybe between): joined with the
 * next label within three lines it may match a row the next part alone
 * does not. Returns the row (relative), or -1. */
int nb_match_wrapped_label(const nb_token_list *tl, size_t i, const nb_template *tpl, int first,
                               int cur, int lim) {
    if (tl->v[i].cell >= 0) {
        /* In a grid the rest of a wrapped label is in the same cell on the
         * next line (a group label down the side may come between), a
         * line without numbers; the row is the first line's, where its
         * numbers are. */
        size_t j = i + 1;
        bool numbers_here = false, numbers_next = false;
        for (; j < tl->n && tl->v[j].line == tl->v[i].line; j++)
            if (tl->v[j].kind == NB_TOKEN_NUMBER) numbers_here = true;
        size_t rest = tl->n;
        for (; j < tl->n && tl->v[j].line == tl->v[i].line + 1; j++) {
            if (tl->v[j].kind == NB_TOKEN_NUMBER) numbers_next = true;
            if (rest == tl->n && tl->v[j].kind == NB_TOKEN_LABEL && tl->v[j].cell == tl->v[i].cell) rest = j;
        }
        if (numbers_here && !numbers_next && rest < tl->n) {
            j = rest;
            const char *a = nb_token_text(tl, &tl->v[i]), *b = nb_token_text(tl, &tl->v[j]);
            char joined[512];
            size_t la = strlen(a), lb = strlen(b);
            if (la + lb + 1 <= sizeof joined) {
                memcpy(joined, a, la);
                memcpy(joined + la, b, lb + 1);
                int rr = nb_first_matching_row(tpl, first + cur + 1, first + lim, joined);
                if (rr >= 0) return rr - first;
            }
        }
    }
    size_t j = i + 1;
    bool numbers_between = false;
    for (; j < tl->n; j++) {
        if (tl->v[j].kind == NB_TOKEN_NUMBER) numbers_between = true;
        /* a group label running down the side ("（五）", "不予处") may
         * stand between the two parts */
        if (tl->v[j].kind == NB_TOKEN_LABEL && !is_side_fragment(tl, j)) break;
    }
    if (j >= tl->n || tl->v[j].line > tl->v[i].line + 3 || tl->v[j].line == tl->v[i].line) return -1;
    const char *a = nb_token_text(tl, &tl->v[i]), *b = nb_token_text(tl, &tl->v[j]);
    char joined[512];
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 1 > sizeof joined) return -1;
    memcpy(joined, a, la);
    memcpy(joined + la, b, lb + 1);
    /* When the rest alone names the row too, the row starts at the rest
     * (its numbers follow it) -- unless the numbers stand between the two
     * parts and the first part is the start of the row's own label: a
     * label wrapped round its numbers, which sit on its middle line. */
    int row = nb_first_matching_row(tpl, first + cur + 1, first + lim, joined);
    if (row < 0) return -1;
    bool wrapped_round = numbers_between && label_starts_row(tpl, row, a);
    return nb_row_matches(tpl, row, b) && !wrapped_round ? -1 : row - first;
}
