/* Finding reports in a text and what identifies them: titles and the
 * sentences that name a report, the agency, the statistical period, the
 * dateline, and where the three standard tables lie. Everything works on
 * folded lines (nb_fold_text: spaces gone, full-width folded), so that
 * "2024 年" and "2024年", "（一）" and "(一)" are the same. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"

/* ---- folded lines ------------------------------------------------------ */

static size_t line_start_byte(const nb_text *t, size_t i) {
    return i < t->nlines ? t->line_start[i] : t->len;
}

/* Every look-up reads the text's folded lines (fold.h), folded once. */
typedef nb_folded_lines flines;

static size_t count_cps(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

static const char *fl(const flines *f, size_t i) { return f->buf + f->off[i]; }

static bool has_non_ascii(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return true;
    return false;
}

static bool has(const char *s, const char *needle) { return strstr(s, needle) != NULL; }

static bool starts(const char *s, const char *prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static size_t line_of_byte(const nb_text *t, size_t off) { return nb_text_line_of(t, off); }

/* ---- small text helpers ------------------------------------------------ */


/* The period is stated near a report's start: the first 256 KiB are
 * searched, the digits must follow its keyword within 40 bytes, and the
 * quoted statement runs at most 60 bytes past them. */
#define PERIOD_SEARCH_BYTES (256 * 1024)
#define PERIOD_DIGITS_WITHIN 40
#define PERIOD_SPAN_BYTES 60

static bool is_han(int32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF);
}

/* A year "YYYY年" (NB_YEAR_MIN..NB_YEAR_MAX) in folded text s at or after `from`, not
 * glued to other digits. Returns its byte position or -1. */
static long find_year(const char *s, size_t from, int *year) {
    size_t n = strlen(s);
    for (size_t i = from; i + 4 + 3 <= n; i++) {
        if (!(s[i] >= '0' && s[i] <= '9')) continue;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
        bool four = true;
        for (int k = 0; k < 4; k++)
            if (!(s[i + k] >= '0' && s[i + k] <= '9')) four = false;
        if (!four) continue;
        if (strncmp(s + i + 4, "年", 3) != 0) continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y < NB_YEAR_MIN || y > NB_YEAR_MAX) continue;
        *year = y;
        return (long)i;
    }
    return -1;
}

/* The trailing run of Han characters of s[0..n), cut after the last verb
 * that introduces a name ("特向社会公布内江高新区" -> "内江高新区"). */
static void trailing_han_name(const char *s, size_t n, char *out, size_t cap) {
    size_t start = n;
    size_t i = 0;
    size_t run_start = 0;
    bool in_run = false;
    while (i < n) {
        int32_t c;
        size_t k = nb_utf8_next(s + i, n - i, &c);
        if (k == 0) break;
        if (is_han(c)) {
            if (!in_run) run_start = i;
            in_run = true;
        } else {
            in_run = false;
        }
        i += k;
    }
    start = in_run ? run_start : n;
    /* words that follow a name rather than introduce one:
     * "XX区人民政府关于2022年…" names XX区人民政府 */
    static const char *const tails[] = {"关于", "的", "之", NULL};
    for (bool again = true; again;) {
        again = false;
        for (int c = 0; tails[c]; c++) {
            size_t tl = strlen(tails[c]);
            if (n >= start + tl && memcmp(s + n - tl, tails[c], tl) == 0) {
                n -= tl;
                again = true;
            }
        }
    }
    static const char *const cuts[] = {"公布", "发布", "现将", "特将", "关于", "印发", "编制", "根据",
                                       "是", "的", "将", "了", NULL};
    for (int c = 0; cuts[c]; c++) {
        size_t cl = strlen(cuts[c]);
        for (size_t j = start; j + cl <= n; j++)
            if (memcmp(s + j, cuts[c], cl) == 0) start = j + cl;
    }
    size_t len = n - start;
    if (len >= cap) len = cap - 1;
    memcpy(out, s + start, len);
    out[len] = '\0';
}

static size_t han_count(const char *s) {
    size_t n = strlen(s), c = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        if (k == 0) break;
        if (is_han(cp)) c++;
        i += k;
    }
    return c;
}

static bool all_han(const char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        if (k == 0 || !is_han(cp)) return false;
        i += k;
    }
    return n > 0;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A line that is only an agency's name: a heading above the title, or
 * the sign-off at the end. */
static bool looks_like_agency(const char *f, size_t ncp) {
    static const char *const suffixes[] = {"政府", "委员会", "管委会", "局", "办公室", "办公厅", "区",
                                           "县", "市", "镇", "乡", "街道", "办事处", "中心", "厅",
                                           "委", "院", "署", "旗", "州", "盟", "部", NULL};
    if (ncp < 3 || ncp > 30 || !all_han(f)) return false;
    for (int i = 0; suffixes[i]; i++)
        if (ends_with(f, suffixes[i])) return true;
    return false;
}

static void copy_str(char *dst, size_t cap, const char *src) {
    size_t l = strlen(src);
    if (l >= cap) {
        /* never cut a UTF-8 sequence in half */
        l = cap - 1;
        while (l > 0 && ((unsigned char)src[l] & 0xC0) == 0x80) l--;
    }
    memcpy(dst, src, l);
    dst[l] = '\0';
}

/* ---- titles -------------------------------------------------------------- */

static bool names_report(const char *f) {
    /* one search for what both names share rules out most lines at once */
    return has(f, "公开") && (has(f, "信息公开") || has(f, "政务公开")) &&
           (has(f, "报告") || has(f, "年报"));
}

/* The agency of a title or naming sentence `f` whose year stands at byte p. */
static void title_agency(const char *f, long p, char *out, size_t cap) {
    char name[256];
    const char *info = strstr(f, "政府信息公开");
    if (!info) info = strstr(f, "信息公开");
    if (!info) info = strstr(f, "政务公开");
    if (info && info < f + p) {
        /* the year follows the name: "XX区人民政府政府信息公开…报告（2022年度）" */
        trailing_han_name(f, (size_t)(info - f), name, sizeof name);
        copy_str(out, cap, han_count(name) >= 2 ? name : "");
        return;
    }
    trailing_han_name(f, (size_t)p, name, sizeof name);
    if (han_count(name) >= 2) {
        copy_str(out, cap, name);
        return;
    }
    /* "2020年上海市虹口区政府信息公开…": the name follows the year */
    const char *q = f + p + 4 + 3;
    if (starts(q, "度")) q += 3;
    const char *end = strstr(q, "政府信息公开");
    if (!end) end = strstr(q, "信息公开");
    if (!end) end = strstr(q, "政务公开");
    if (end && end > q) {
        size_t len = (size_t)(end - q);
        if (len < sizeof name) {
            memcpy(name, q, len);
            name[len] = '\0';
            if (all_han(name) && han_count(name) >= 2) {
                copy_str(out, cap, name);
                return;
            }
        }
    }
    out[0] = '\0';
}

/* Where the year of a report's name stands in folded text s, or -1. A
 * title reads [agency]YYYY年[度][agency](政府)信息公开[工作][年度]报告; in
 * prose only "YYYY年(度)政府信息公开" directly after the year counts, so
 * that "统计期限自2023年1月1日…编制此报告" is not taken for a title. */
static long title_year(const char *s, bool prose, int *year) {
    for (size_t from = 0;;) {
        long q = find_year(s, from, year);
        if (q < 0) return -1;
        from = (size_t)q + 1;
        const char *after = s + q + 7;
        if (starts(after, "度")) after += 3;
        if (prose) {
            if (starts(after, "政府信息公开") || starts(after, "信息公开")) return q;
            continue;
        }
        const char *info = strstr(after, "信息公开");
        if (!info) info = strstr(after, "政务公开");
        if (!info) {
            /* "…政府信息公开工作年度报告（2022年度）": the year after the name */
            const char *rep = strstr(s, "报告");
            if (rep && rep < s + q && count_cps(rep, (size_t)(s + q - rep)) <= 4 &&
                strstr(s, "信息公开") && strstr(s, "信息公开") < rep)
                return q;
            continue;
        }
        if (count_cps(after, (size_t)(info - after)) > 20) continue;
        /* no sentence punctuation between the year and 信息公开 */
        if (memchr(after, ',', (size_t)(info - after)) ||
            (strstr(after, "。") && strstr(after, "。") < info))
            continue;
        const char *rep = strstr(info, "报告");
        const char *nian = strstr(info, "年报");
        if (!rep || (nian && nian < rep)) rep = nian;
        if (!rep || count_cps(info, (size_t)(rep - info)) > 12) continue;
        return q;
    }
}

/* Room for a title wrapped over two lines, joined. */
#define TITLE_JOIN_BYTES 1024

/* An agency renamed says so in its title: "淮安市数据局（原淮安市大数据
 * 管理局）2023年…". The former name (all Han, three characters at least)
 * goes to `former`, and folded title s without the bracket to `out`, the
 * year's place *p moved with it; false when the title names none. */
static bool cut_former_name(const char *s, long *p, char *out, size_t cap, char *former, size_t fcap) {
    const char *open = strstr(s, "(原");
    if (!open) return false;
    const char *name = open + strlen("(原");
    const char *close = strchr(name, ')');
    size_t len = close ? (size_t)(close - name) : 0;
    if (!close || len == 0 || len >= fcap || strlen(s) >= cap) return false;
    memcpy(former, name, len);
    former[len] = '\0';
    if (!all_han(former) || han_count(former) < 3) {
        former[0] = '\0';
        return false;
    }
    size_t at = (size_t)(open - s), cut = (size_t)(close + 1 - open);
    memcpy(out, s, at);
    snprintf(out + at, cap - at, "%s", close + 1);
    if ((long)at < *p) *p -= (long)cut;
    return true;
}

/* The agency title s names (its year at byte p), and its former name. */
static void name_agency(nb_title *ti, const char *s, long p) {
    char plain[TITLE_JOIN_BYTES];
    if (cut_former_name(s, &p, plain, sizeof plain, ti->former_agency, sizeof ti->former_agency)) s = plain;
    title_agency(s, p, ti->agency, sizeof ti->agency);
}

int nb_find_titles(const nb_text *t, nb_title **out, int *n) {
    *out = NULL;
    *n = 0;
    const flines *f = nb_text_folded(t);
    if (!f) return -1;
    int cap = 0;
    char joined[TITLE_JOIN_BYTES];
    for (size_t i = 0; i < f->n; i++) {
        const char *line = fl(f, i);
        if (f->len[i] == 0) continue;
        const char *s = line;
        size_t last = i;
        if (!names_report(line)) {
            /* a title wrapped over two lines: "…人民政府2019年政府" + "信息公开工作年度报告" */
            if (f->ncp[i] > 30 || i + 1 >= f->n || has(line, "报告")) continue;
            if (f->len[i] + f->len[i + 1] + 1 > sizeof joined) continue;
            /* the joined lines can name a report only if one holds 公 */
            if (!has(line, "公") && !has(fl(f, i + 1), "公")) continue;
            memcpy(joined, line, f->len[i]);
            memcpy(joined + f->len[i], fl(f, i + 1), f->len[i + 1] + 1);
            if (!names_report(joined)) continue;
            /* The next line may be a title of its own. Then this line
             * belongs to it only as the agency heading above an agency-less
             * title ("淮安市人民政府" over "2024年政府信息公开工作年度报告"),
             * never as a breadcrumb or a "查看详情" before another title. */
            const char *next = fl(f, i + 1);
            int ny;
            long np = names_report(next) ? title_year(next, count_cps(next, f->len[i + 1]) > 60, &ny) : -1;
            if (np >= 0) {
                char next_agency[128];
                title_agency(next, np, next_agency, sizeof next_agency);
                if (next_agency[0] || !looks_like_agency(line, f->ncp[i])) continue;
            }
            s = joined;
            last = i + 1;
        }
        int year = 0;
        bool sentence = count_cps(s, strlen(s)) > 60;
        long p = title_year(s, sentence, &year);
        if (p < 0) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            nb_title *g = realloc(*out, (size_t)cap * sizeof *g);
            if (!g) {
                return -1;
            }
            *out = g;
        }
        nb_title *ti = &(*out)[(*n)++];
        memset(ti, 0, sizeof *ti);
        ti->line = (int)i + 1;
        ti->byte_start = line_start_byte(t, i);
        size_t ls, le;
        nb_text_line_bounds(t, last, &ls, &le);
        ti->byte_end = le;
        ti->year = year;
        ti->sentence = sentence;
        name_agency(ti, s, p);
        if (!ti->agency[0] && !sentence) {
            /* the agency on a line of its own above, blank lines between */
            for (size_t k = i, seen = 0; k-- > 0 && seen < 1;) {
                if (f->len[k] == 0) {
                    if (i - k > 12) break;
                    continue;
                }
                seen++;
                if (looks_like_agency(fl(f, k), f->ncp[k])) {
                    copy_str(ti->agency, sizeof ti->agency, fl(f, k));
                    ti->byte_start = line_start_byte(t, k);
                    ti->line = (int)k + 1;
                }
            }
        }
        /* a wrapped title's second line is looked at again on the next turn:
         * it may be a title of its own too */
    }
    return 0;
}

/* ---- where the tables lie --------------------------------------------------- */

/* A section heading "四、…", "三.…": a Chinese numeral and 、 or . */
static bool numbered_heading(const char *s) {
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};
    /* the numerals are three bytes each: what follows them rules out
     * most lines before any numeral is compared */
    if (!s[0] || !s[1] || !s[2] || !(s[3] == '.' || starts(s + 3, "、"))) return false;
    for (int i = 0; numerals[i]; i++)
        if (memcmp(s, numerals[i], 3) == 0) return true;
    return false;
}

/* The line without the bars and box strokes a grid puts before its text,
 * and without markdown's emphasis, heading and quote marks (**四、…**). */
static const char *strip_lead(const char *f) {
    for (;;) {
        const unsigned char *u = (const unsigned char *)f;
        if (*u == '|' || *u == '*' || *u == '#' || *u == '>' || *u == '_')
            f++;
        else if (u[0] == 0xE2 && (u[1] == 0x94 || u[1] == 0x95) && (u[2] & 0xC0) == 0x80)
            f += 3; /* U+2500-U+257F, box drawing */
        else
            return f;
    }
}

/* `needle` occurs in s within its first `max_before` characters: cues are
 * headings and header cells, not words in wrapped prose. */
static bool near_start(const char *s, const char *needle, size_t max_before) {
    const char *p = strstr(s, needle);
    return p && count_cps(s, (size_t)(p - s)) <= max_before;
}

static bool cue_apps(const char *f, size_t ncp) {
    if (ncp > 70) return false;
    const char *s = strip_lead(f);
    return (ncp <= 34 && near_start(s, "收到和处理", 6)) || near_start(s, "申请人情况", 2) ||
           near_start(s, "勾稽关系", 8) ||
           /* no heading, no header: the table's first row label */
           (near_start(s, "本年新收政府信息公开申请", 2) && han_count(s) <= 16);
}

static bool cue_active(const char *f, size_t ncp) {
    const char *s = strip_lead(f);
    return ncp <= 70 && (near_start(s, "第二十条第", 2) || near_start(s, "信息内容", 2));
}

static bool cue_active_heading(const char *f, size_t ncp) {
    const char *s = strip_lead(f);
    return ncp <= 40 && numbered_heading(s) && near_start(s, "主动公开", 8);
}

/* "四、…行政复议、行政诉讼情况" (whatever its number), or a grid whose first
 * cell is 行政复议 */
static bool cue_appeals(const char *f, size_t ncp) {
    const char *s = strip_lead(f);
    if (ncp > 70) return false;
    if (ncp <= 40 && numbered_heading(s) && (has(s, "复议") || has(s, "诉讼"))) return true;
    return near_start(s, "行政复议", 2) || near_start(s, "行政诉讼", 2);
}

/* The first heading after the tables ("五、存在的主要问题…") or prose. Once
 * table 四 has begun any numbered heading ends it; before, only 五、/六、
 * do, since table 三's rows are numbered 三、 and 四、 themselves. */
static bool cue_after_tables(const char *f, bool in_appeals) {
    const char *s = strip_lead(f);
    if (in_appeals && numbered_heading(s) && !has(s, "复议") && !has(s, "诉讼")) return true;
    return starts(s, "五、") || starts(s, "六、") || starts(s, "五.") || han_count(s) > 60;
}

/* Table 二 is never pages away from table 三: its header is looked for
 * within this many written lines above table 三's. Table 四 follows table
 * 三 within TABLE_FOUR_WITHIN written lines; the heading just above table
 * 二's header stands within HEADING_WITHIN written lines. */
#define TABLE_TWO_WITHIN 400
#define TABLE_FOUR_WITHIN 2000
#define HEADING_WITHIN 3

/* Table 二's first line for table 三 at line b: the first 第二十条 / 信息内容
 * line since `from` (with the section heading just above it), or else the
 * section heading alone; f->n when there is none. */
static size_t find_table_two(const flines *f, size_t from, size_t b) {
    size_t lo = b;
    for (size_t written = 0; lo > from && written < TABLE_TWO_WITHIN; lo--)
        if (f->len[lo - 1] > 0) written++;
    size_t a = f->n;
    for (size_t i = lo; i < b && a == f->n; i++)
        if (cue_active(fl(f, i), f->ncp[i])) a = i;
    if (a >= f->n) {
        for (size_t i = b; i > lo; i--)
            if (cue_active_heading(fl(f, i - 1), f->ncp[i - 1])) return i - 1;
        return f->n;
    }
    for (size_t i = a, written = 0; i > from && written < HEADING_WITHIN; i--) {
        if (f->len[i - 1] == 0) continue;
        written++;
        if (cue_active_heading(fl(f, i - 1), f->ncp[i - 1])) return i - 1;
    }
    return a;
}

/* Table 四: the first line naming 复议/诉讼 after table 三's header at b,
 * unless another table 三 begins first; f->n when there is none. */
static size_t find_table_four(const flines *f, size_t b) {
    for (size_t i = b + 1, written = 0; i < f->n && written < TABLE_FOUR_WITHIN; i++) {
        if (f->len[i] > 0) written++;
        if (cue_appeals(fl(f, i), f->ncp[i])) return i;
        if (i > b + 3 && cue_apps(fl(f, i), f->ncp[i]) && has(fl(f, i), "收到和处理")) break;
    }
    return f->n;
}

/* The first line after the tables (table 四 at c, or none: c == f->n). */
static size_t find_tables_end(const flines *f, size_t b, size_t c) {
    bool has_four = c < f->n;
    for (size_t i = has_four ? c + 1 : b + 1; i < f->n; i++) {
        const char *s = fl(f, i);
        if (f->len[i] == 0) continue;
        if (cue_after_tables(s, has_four) || cue_active(s, f->ncp[i]) ||
            (has_four && names_report(s) && f->ncp[i] <= 60))
            return i;
        if (!has_four && i > b + 1 && cue_appeals(s, f->ncp[i])) return i;
    }
    return f->n;
}

static nb_table_set *push_table_set(nb_table_set **out, int *n, int *cap) {
    if (*n == *cap) {
        int grown_cap = *cap ? *cap * 2 : 4;
        nb_table_set *g = realloc(*out, (size_t)grown_cap * sizeof *g);
        if (!g) return NULL;
        *out = g;
        *cap = grown_cap;
    }
    nb_table_set *ts = &(*out)[(*n)++];
    memset(ts, 0, sizeof *ts);
    return ts;
}

int nb_find_table_sets(const nb_text *t, nb_table_set **out, int *n) {
    *out = NULL;
    *n = 0;
    const flines *f = nb_text_folded(t);
    if (!f) return -1;
    int cap = 0;
    size_t from = 0; /* first line not yet part of a set */
    while (from < f->n) {
        size_t b = from; /* table 三's first line */
        while (b < f->n && !cue_apps(fl(f, b), f->ncp[b])) b++;
        if (b >= f->n) break;
        size_t a = find_table_two(f, from, b);
        size_t c = find_table_four(f, b);
        size_t e = find_tables_end(f, b, c);
        nb_table_set *ts = push_table_set(out, n, &cap);
        if (!ts) return -1;
        ts->has_active = a < f->n;
        ts->apps_start = line_start_byte(t, b);
        ts->active_start = ts->has_active ? line_start_byte(t, a) : ts->apps_start;
        ts->has_appeals = c < f->n && c < e;
        ts->end = line_start_byte(t, e);
        ts->appeals_start = ts->has_appeals ? line_start_byte(t, c) : ts->end;
        from = e > b ? e : b + 1;
    }
    return 0;
}

/* ---- period, dateline, agency ---------------------------------------------- */

static void span_from_bytes(const nb_text *t, size_t a, size_t b, nb_span *sp) {
    sp->byte_start = a;
    sp->byte_end = b;
    sp->line = (int)line_of_byte(t, a) + 1;
    sp->col_start = (int)nb_text_column_of(t, a);
    size_t lb = line_of_byte(t, b > a ? b - 1 : a);
    sp->col_end = lb + 1 == (size_t)sp->line ? (int)nb_text_column_of(t, b) : sp->col_start + 1;
}

static int read_int(const char *s, size_t *i, int maxdigits) {
    int v = 0, d = 0;
    while (s[*i] >= '0' && s[*i] <= '9' && d < maxdigits) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        d++;
    }
    return d ? v : -1;
}

/* "YYYY年M月D日" at s+*i */
static bool read_cn_date(const char *s, size_t *i, nb_date *d) {
    size_t j = *i;
    int y = read_int(s, &j, 4);
    if (y < NB_YEAR_MIN || y > NB_YEAR_MAX || !starts(s + j, "年")) return false;
    j += 3;
    int m = read_int(s, &j, 2);
    if (m < 1 || m > 12 || !starts(s + j, "月")) return false;
    j += 3;
    int day = read_int(s, &j, 2);
    if (day < 1 || day > 31) return false;
    if (starts(s + j, "日") || starts(s + j, "号")) j += 3;
    else return false;
    d->year = y;
    d->month = m;
    d->day = day;
    *i = j;
    return true;
}

/* "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD" */
static bool read_num_date(const char *s, size_t *i, nb_date *d) {
    size_t j = *i;
    int y = read_int(s, &j, 4);
    if (y < NB_YEAR_MIN || y > NB_YEAR_MAX) return false;
    char sep = s[j];
    if (sep != '-' && sep != '/' && sep != '.') return false;
    j++;
    int m = read_int(s, &j, 2);
    if (m < 1 || m > 12 || s[j] != sep) return false;
    j++;
    int day = read_int(s, &j, 2);
    if (day < 1 || day > 31) return false;
    d->year = y;
    d->month = m;
    d->day = day;
    *i = j;
    return true;
}

/* A separator between two dates: 至, 到, -, ~, —, ～. Moves *j past it. */
static bool read_range_sep(const char *buf, size_t *j) {
    if (starts(buf + *j, "至") || starts(buf + *j, "到") || starts(buf + *j, "—") ||
        starts(buf + *j, "～")) {
        *j += 3;
        return true;
    }
    if (buf[*j] == '-' || buf[*j] == '~') {
        (*j)++;
        return true;
    }
    return false;
}

/* "12月31日" after "2022年1月1日至": the year goes without saying. */
static bool read_month_day(const char *buf, size_t *j, int year, nb_date *to) {
    size_t k = *j;
    int month = read_int(buf, &k, 2);
    if (month < 1 || month > 12 || !starts(buf + k, "月")) return false;
    k += 3;
    int day = read_int(buf, &k, 2);
    if (day < 1 || day > 31 || !(starts(buf + k, "日") || starts(buf + k, "号"))) return false;
    *to = (nb_date){year, month, day};
    *j = k + 3;
    return true;
}

/* Two full dates: "2023年1月1日至2023年12月31日", "2023.1.1-2023.12.31". */
static void read_date_range(const char *buf, size_t *j, nb_report *r) {
    nb_date from = {0, 0, 0}, to = {0, 0, 0};
    if (!read_cn_date(buf, j, &from) && !read_num_date(buf, j, &from)) return;
    if (starts(buf + *j, "起")) *j += 3;
    bool sep = read_range_sep(buf, j);
    if (sep && !read_cn_date(buf, j, &to) && !read_num_date(buf, j, &to))
        read_month_day(buf, j, from.year, &to);
    if (sep && to.year) {
        if (starts(buf + *j, "止")) *j += 3;
        r->period_readable = true;
        r->period_from = from;
        r->period_to = to;
    }
}

static int days_in_month(int y, int m) {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return mdays[m - 1];
}

/* Months without days after "YYYY年" (k past the 年): "2022年1月至12月",
 * "2022年1月—2022年12月". */
static void read_month_range(const char *buf, size_t k, int y, size_t *j, nb_report *r) {
    size_t q = k;
    int m1 = read_int(buf, &q, 2);
    if (m1 < 1 || m1 > 12 || !starts(buf + q, "月")) return;
    q += 3;
    if (starts(buf + q, "起")) q += 3;
    bool sep = starts(buf + q, "至") || starts(buf + q, "到") || starts(buf + q, "—");
    if (sep) q += 3;
    else if (buf[q] == '-' || buf[q] == '~') {
        q++;
        sep = true;
    }
    int y2 = y;
    size_t q2 = q;
    int maybe_year = read_int(buf, &q2, 4);
    if (sep && q2 == q + 4 && starts(buf + q2, "年")) {
        y2 = maybe_year;
        q = q2 + 3;
    }
    int m2 = sep ? read_int(buf, &q, 2) : -1;
    if (m2 < 1 || m2 > 12 || !starts(buf + q, "月") || y2 < y) return;
    r->period_readable = true;
    r->period_from = (nb_date){y, m1, 1};
    r->period_to = (nb_date){y2, m2, days_in_month(y2, m2)};
    *j = q + 3;
    if (starts(buf + *j, "止")) *j += 3;
}

/* The period written by year: "2023年度", "2023年全年" (the whole calendar
 * year), or months of a year. */
static void read_year_period(const char *buf, size_t *j, nb_report *r) {
    size_t k = *j;
    int y = read_int(buf, &k, 4);
    if (k != *j + 4 || y < NB_YEAR_MIN || y > NB_YEAR_MAX || !starts(buf + k, "年")) return;
    if (starts(buf + k + 3, "度") || starts(buf + k + 3, "全年")) {
        r->period_readable = true;
        r->period_from = (nb_date){y, 1, 1};
        r->period_to = (nb_date){y, 12, 31};
        *j = k + (starts(buf + k + 3, "度") ? 6 : 9);
        return;
    }
    read_month_range(buf, k + 3, y, j, r);
}

/* The earliest of the keywords that open a statement of the period, or m. */
static size_t find_period_keyword(const char *buf, size_t m) {
    static const char *const keys[] = {"统计期限", "统计时限", "统计期间", "统计时间", "统计区间",
                                       "统计周期", NULL};
    size_t best = m;
    for (int k = 0; keys[k]; k++) {
        char *p = strstr(buf, keys[k]);
        if (p && (size_t)(p - buf) < best) best = (size_t)(p - buf);
    }
    return best;
}

/* Where the statement of the period ends: the dates as written, readable
 * or not, up to the clause's end (at most PERIOD_SPAN_BYTES bytes on). */
static size_t period_span_end(const char *buf, size_t m, size_t i, size_t j) {
    size_t endpos = j;
    while (endpos < m && endpos < i + PERIOD_SPAN_BYTES) {
        if (starts(buf + endpos, "。") || buf[endpos] == ',' || starts(buf + endpos, "，")) break;
        int32_t c;
        endpos += nb_utf8_next(buf + endpos, m - endpos, &c);
    }
    return endpos;
}

void nb_locate_period(const nb_text *t, size_t start, size_t end, nb_report *r) {
    if (end > t->len) end = t->len;
    if (start >= end) return;
    size_t n = end - start;
    /* the period is stated near a report's start; a bound keeps the
     * folded copy small on huge inputs */
    if (n > PERIOD_SEARCH_BYTES) {
        n = PERIOD_SEARCH_BYTES;
        while (n > 0 && ((unsigned char)t->utf8[start + n] & 0xC0) == 0x80) n--;
    }
    size_t m;
    char *buf = nb_fold_span(t, start, start + n, &m);
    if (!buf) return;
    size_t best = find_period_keyword(buf, m);
    if (best < m) {
        r->period_found = true;
        size_t i = best + strlen("统计期限"); /* every keyword is four characters */
        size_t limit = i + PERIOD_DIGITS_WITHIN < m ? i + PERIOD_DIGITS_WITHIN : m;
        while (i < limit && !(buf[i] >= '0' && buf[i] <= '9')) i++;
        size_t endpos = i < m ? i : m;
        if (i < limit) {
            size_t j = i;
            size_t before = j;
            read_date_range(buf, &j, r);
            if (j == before) read_year_period(buf, &j, r);
            endpos = period_span_end(buf, m, i, j);
        }
        size_t a = nb_fold_span_byte(t, start, best);
        size_t b = endpos > 0 && endpos <= m ? nb_fold_span_byte(t, start, endpos - 1) + 1 : a + 1;
        /* extend b to the end of the UTF-8 character it points into */
        while (b < t->len && ((unsigned char)t->utf8[b] & 0xC0) == 0x80) b++;
        span_from_bytes(t, a, b, &r->period_span);
    }
    free(buf);
}

/* Words of a web page's own record of itself — when it was published,
 * updated or crawled, where from, how often read — beside which a date
 * is the page's, never the report's dateline (a page may be published
 * weeks after the report is signed, or crawled years later). */
static bool page_metadata_line(const char *s) {
    static const char *const words[] = {"发布", "来源", "浏览", "点击", "阅读", "字号", "打印",
                                        "分享", "抓取", "采集", "访问", "更新", "责任编辑", "编辑：",
                                        "编辑:", NULL};
    for (int k = 0; words[k]; k++)
        if (has(s, words[k])) return true;
    return false;
}

static bool dateline_in_line(const nb_text *t, const flines *f, size_t i, nb_report *r) {
    const char *s = fl(f, i);
    if (f->ncp[i] > 30 || has(s, "统计") || has(s, "至") || page_metadata_line(s)) return false;
    size_t n = f->len[i];
    for (size_t k = 0; k + 8 <= n; k++) {
        if (!(s[k] >= '0' && s[k] <= '9') || (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')) continue;
        size_t j = k;
        nb_date d;
        /* a bare 2018-09-25 is as often a price list's date as a
         * dateline; it counts only with a word saying it is the
         * document's own (成文日期, 印发日期) */
        bool labelled = has(s, "成文") || has(s, "印发");
        if (read_cn_date(s, &j, &d) || (labelled && read_num_date(s, &j, &d))) {
            r->dateline_found = true;
            r->dateline = d;
            size_t ls, le;
            nb_text_line_bounds(t, i, &ls, &le);
            span_from_bytes(t, ls, le, &r->dateline_span);
            return true;
        }
    }
    return false;
}

/* The dateline is looked for among this many written lines at each end. */
#define DATELINE_LINES 8

void nb_locate_dateline(const nb_text *t, size_t start, size_t end, nb_report *r) {
    size_t first = line_of_byte(t, start), last = end > start ? line_of_byte(t, end - 1) : first;
    const flines *f = nb_text_folded(t);
    if (!f) return;
    /* the signature at the end first: it is the report's own date, where
     * a date at the top may belong to the page around it */
    int seen = 0;
    for (size_t i = last + 1; i-- > first && seen < DATELINE_LINES;) {
        if (i >= f->n || f->len[i] == 0) continue;
        seen++;
        if (dateline_in_line(t, f, i, r)) return;
    }
    seen = 0;
    for (size_t i = first; i <= last && i < f->n && seen < DATELINE_LINES; i++) {
        if (f->len[i] == 0) continue;
        seen++;
        if (dateline_in_line(t, f, i, r)) return;
    }
}

bool nb_locate_agency(const nb_text *t, size_t start, size_t end, char *agency, size_t cap) {
    bool found = false;
    size_t first = line_of_byte(t, start), last = end > start ? line_of_byte(t, end - 1) : first;
    const flines *f = nb_text_folded(t);
    if (!f) return false;
    if (last >= f->n) last = f->n ? f->n - 1 : 0;
    /* a heading line of its own near the top */
    int seen = 0;
    for (size_t i = first; i <= last && seen < 3; i++) {
        if (f->len[i] == 0) continue;
        seen++;
        if (looks_like_agency(fl(f, i), f->ncp[i])) {
            copy_str(agency, cap, fl(f, i));
            found = true;
            goto done;
        }
    }
    /* a sentence naming the report */
    for (size_t i = first; i <= last; i++) {
        const char *s = fl(f, i);
        if (!has(s, "信息公开")) continue;
        int year;
        for (size_t from = 0;;) {
            long q = find_year(s, from, &year);
            if (q < 0) break;
            const char *after = s + q + 7;
            if (starts(after, "度")) after += 3;
            if (starts(after, "政府信息公开") || starts(after, "信息公开")) {
                char name[256];
                trailing_han_name(s, (size_t)q, name, sizeof name);
                if (han_count(name) >= 2) {
                    copy_str(agency, cap, name);
                    found = true;
                    goto done;
                }
            }
            from = (size_t)q + 1;
        }
    }
    /* "本报告由XX区人民政府办公室根据…编制": the office writes for its government */
    for (size_t i = first; i <= last && i < first + 12; i++) {
        const char *s = fl(f, i);
        const char *p = strstr(s, "本报告由");
        if (!p) continue;
        p += strlen("本报告由");
        const char *stop = NULL;
        static const char *const ends[] = {"根据", "依据", "按照", "编制", "负责", NULL};
        for (int k = 0; ends[k]; k++) {
            const char *e = strstr(p, ends[k]);
            if (e && (!stop || e < stop)) stop = e;
        }
        if (!stop || stop == p) continue;
        char name[256];
        size_t len = (size_t)(stop - p);
        if (len >= sizeof name) continue;
        memcpy(name, p, len);
        name[len] = '\0';
        if (!all_han(name) || han_count(name) < 3) continue;
        if (ends_with(name, "政府办公室")) name[len - strlen("办公室")] = '\0';
        else if (ends_with(name, "政府办公厅")) name[len - strlen("办公厅")] = '\0';
        copy_str(agency, cap, name);
        found = true;
        goto done;
    }
    /* the sign-off at the end, or the heading of a copy that follows
     * another report in the same region: the last line that is only a name */
    for (size_t i = last + 1; i-- > first;) {
        if (f->len[i] == 0) continue;
        if (looks_like_agency(fl(f, i), f->ncp[i])) {
            copy_str(agency, cap, fl(f, i));
            found = true;
            goto done;
        }
    }
done:
    return found;
}

/* ---- template ------------------------------------------------------------ */

nb_template_kind nb_detect_template(const nb_text *t, const nb_table_set *set, int year,
                                    bool *other_single_row) {
    size_t a = line_of_byte(t, set->active_start);
    size_t e = set->end > set->active_start ? line_of_byte(t, set->end - 1) : a;
    size_t bl = line_of_byte(t, set->apps_start);
    int s2019 = 0, s2021 = 0;
    bool split_other = false, one_other = false;
    /* the cues of each template; then those of (六) printed in three rows
     * (split) or as one row */
    enum { CUES2019 = 7, CUES2021 = 8, SPLIT = 4 };
    static const char *const cues[] = {"新制作", "新公开", "对外公开总数", "上一年项目", "增/减",
                                       "增减", "采购",
                                       "制发", "废止", "现行有效", "本年处理决定", "收费金额",
                                       "不补正", "缴纳费用", "逾期不补",
                                       "不补正", "逾期不补", "缴纳费用", "收费通知",
                                       "其他处理"};
    enum { NCUES = sizeof cues / sizeof cues[0] };
    uint64_t cue_chars[NCUES];
    for (int k = 0; k < NCUES; k++) cue_chars[k] = nb_char_set(cues[k], strlen(cues[k]));
    const flines *f = nb_text_folded(t);
    for (size_t i = a; f && i <= e && i < t->nlines; i++) {
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        if (le - ls > 1000) continue; /* prose, not a table line */
        const char *buf = fl(f, i);
        if (!has_non_ascii(buf)) continue; /* a row of numbers: every cue is Chinese */
        /* a cue whose characters the line lacks is not searched for */
        uint64_t chars = nb_char_set(buf, f->len[i]);
        bool found[NCUES];
        for (int k = 0; k < NCUES; k++) found[k] = (cue_chars[k] & ~chars) == 0 && has(buf, cues[k]);
        for (int k = 0; k < CUES2019; k++) s2019 += found[k];
        for (int k = CUES2019; k < CUES2019 + CUES2021; k++) s2021 += found[k];
        if (i >= bl) {
            for (int k = CUES2019 + CUES2021; k < CUES2019 + CUES2021 + SPLIT; k++) split_other |= found[k];
            one_other |= found[NCUES - 1];
        }
    }
    nb_template_kind kind;
    if (s2019 > s2021) kind = NB_TEMPLATE_2019;
    else if (s2021 > s2019) kind = NB_TEMPLATE_2021;
    else kind = year >= 2021 ? NB_TEMPLATE_2021 : NB_TEMPLATE_2019;
    *other_single_row = kind == NB_TEMPLATE_2021 && one_other && !split_other;
    return kind;
}

int nb_locate_year(const nb_text *t, size_t start, size_t end) {
    if (end > t->len) end = t->len;
    if (start >= end) return 0;
    size_t n = end - start;
    if (n > 200000) { /* the opening of a report says its year */
        n = 200000;
        while (n > 0 && ((unsigned char)t->utf8[start + n] & 0xC0) == 0x80) n--;
    }
    char *buf = nb_fold_span(t, start, start + n, NULL);
    if (!buf) return 0;
    int year = 0;
    for (size_t from = 0;;) {
        int y;
        long q = find_year(buf, from, &y);
        if (q < 0) break;
        const char *after = buf + q + 7;
        if (starts(after, "度")) after += 3;
        if (*after == ',') {
            year = y;
            break;
        }
        from = (size_t)q + 1;
    }
    free(buf);
    return year;
}
