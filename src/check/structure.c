/* The report's sections against the template's (rules structure.heading
 * and structure.sections). The notices fix six numbered sections, in
 * this order and with these headings; a reviewer checks that each is
 * there once, in its place, with the template's words.
 *
 * Precision first: a line is taken for a section heading only when it is
 * short, numbered 一、 to 六、 and close to one of the six headings (most
 * of its characters, and most of the heading's, in common, in order), so
 * that table 三's own numbered rows (一、本年新收…, 四、结转下年度…) and
 * numbered sentences are never compared. A heading that only adds or
 * loses a character or two is quoted beside the template's; one worded
 * otherwise is the author's choice and is left alone. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"
#include "nianbao/fold.h"

#define SECTIONS 6
static const char *const numerals[SECTIONS] = {"一", "二", "三", "四", "五", "六"};
static const char *const headings[SECTIONS] = {
    "总体情况",         "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"};

/* A heading and a line are the same section when at least this share of
 * each one's characters are common to both, in order (in tenths). */
#define SAME_SECTION_TENTHS 7
/* ... and at least this share of the line's own (lower: a short heading
 * with a word added, 总体工作情况, is still the heading). */
#define LINE_SHARE_TENTHS 6
/* A heading that adds or loses at most this many characters has a slip
 * of the pen ("收到和处理政府信息申请情况"); one that adds or loses more
 * follows another wording on purpose ("二、行政机关主动公开…", the older
 * "四、因政府信息公开工作被申请行政复议…"), which is the author's to choose. */
#define HEADING_TYPO_CHARS 2
/* Characters a heading line may have beyond its heading's. */
#define HEADING_SLACK 8
#define MAX_CPS 64

/* Code points of s without punctuation and markup: 、 or ，between words
 * is not a different heading. */
static int letters(const char *s, int32_t *out) {
    int n = 0;
    for (size_t i = 0, len = strlen(s); i < len && n < MAX_CPS;) {
        int32_t c;
        i += nb_utf8_next(s + i, len - i, &c);
        if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            continue;
        if (c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF1A || c == 0xFF1B || c == 0x00B7 ||
            c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || (c >= 0x2500 && c <= 0x257F))
            continue;
        out[n++] = c;
    }
    return n;
}

static int common_in_order(const int32_t *a, int na, const int32_t *b, int nb) {
    if (na == nb && memcmp(a, b, (size_t)na * sizeof *a) == 0) return na; /* the heading itself */
    int rows[2][MAX_CPS + 1] = {{0}};
    int *prev = rows[0], *cur = rows[1];
    for (int i = 1; i <= na; i++) {
        cur[0] = 0;
        for (int j = 1; j <= nb; j++)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
        int *t = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

/* A heading line found in the report: its numeral and the section it is. */
typedef struct heading {
    int numbered;  /* 0..5: the numeral written */
    int section;   /* 0..5: the template heading it is */
    bool exact;    /* its words are the template's */
    int off_by;    /* characters added and lost against the template's */
    size_t line;   /* 0-based */
    char text[200];
} heading;

/* "一、总体情况", "**二、…**", "| 三、… |": the numeral, and the rest. */
static const char *numbered(const char *f, int *which) {
    while (*f == '|' || *f == '*' || *f == '#' || *f == '>' || *f == '_') f++;
    /* 一 二 三 五 open with byte E4, 四 六 with E5: most lines end here */
    if ((unsigned char)*f != 0xE4 && (unsigned char)*f != 0xE5) return NULL;
    for (int k = 0; k < SECTIONS; k++) {
        size_t n = 3; /* every numeral is three bytes */
        if (!f[1] || !f[2] || memcmp(f, numerals[k], n) != 0) continue;
        const char *rest = f + n;
        if (strncmp(rest, "、", 3) == 0) rest += 3;
        else if (*rest == '.') rest++;
        else return NULL;
        *which = k;
        return rest;
    }
    return NULL;
}

/* The six headings' letters, made once (any thread may be first). */
static int32_t heading_letters[SECTIONS][MAX_CPS];
static int heading_nletters[SECTIONS];
static void make_heading_letters(void) {
    for (int s = 0; s < SECTIONS; s++) heading_nletters[s] = letters(headings[s], heading_letters[s]);
}

static bool read_heading(const char *f, size_t line, heading *h) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_heading_letters);
    int k;
    const char *rest = numbered(f, &k);
    if (!rest) return false;
    int32_t got[MAX_CPS];
    int ng = letters(rest, got);
    if (ng == 0 || ng >= MAX_CPS) return false;
    int best = -1, best_common = 0, best_want = 0;
    for (int s = 0; s < SECTIONS; s++) {
        const int32_t *want = heading_letters[s];
        int nw = heading_nletters[s];
        /* too long, or too short to hold enough of the heading */
        if (ng > nw + HEADING_SLACK || ng * 10 < nw * SAME_SECTION_TENTHS) continue;
        int c = common_in_order(got, ng, want, nw);
        if (c * 10 < nw * SAME_SECTION_TENTHS || c * 10 < ng * LINE_SHARE_TENTHS) continue;
        if (c > best_common) best = s, best_common = c, best_want = nw;
    }
    if (best < 0) return false;
    h->numbered = k;
    h->section = best;
    h->exact = best_common == ng && best_common == best_want;
    h->off_by = (ng - best_common) + (best_want - best_common);
    h->line = line;
    snprintf(h->text, sizeof h->text, "%s", f);
    return true;
}

/* A finding at the heading on `line`, keyed by its line. */
static nb_finding *add(nb_findings *out, const nb_report *r, nb_rule rule, const nb_text *text,
                       size_t line) {
    nb_finding *f = nb_findings_add(out, r, rule, NULL, 0);
    if (!f) return NULL;
    size_t ls, le;
    nb_text_line_bounds(text, line, &ls, &le);
    f->line = (int)line + 1;
    f->column = 1;
    f->text_span = (nb_span){ls, le, (int)line + 1, 1, 1};
    nb_finding_set_key(f, r, true);
    return f;
}

/* A heading wrapped onto the next line (a narrow page: "…行政诉讼情" over
 * "况") is the template's when the two lines joined read it exactly. */
static bool wrapped_exact(const nb_folded_lines *fl, size_t i, size_t last) {
    if (i + 1 > last || i + 1 >= fl->n || fl->ncp[i + 1] == 0 || fl->ncp[i + 1] > HEADING_SLACK ||
        fl->len[i] + fl->len[i + 1] >= 400)
        return false;
    char joined[400];
    memcpy(joined, fl->buf + fl->off[i], fl->len[i]);
    memcpy(joined + fl->len[i], fl->buf + fl->off[i + 1], fl->len[i + 1] + 1);
    heading h;
    return read_heading(joined, i, &h) && h.exact;
}

/* The headings of the report's region, in order; at most `cap`. Every
 * numeral that opens a line at all goes to `numbered_lines`: a section
 * worded otherwise ("五、存在的主要问题和下一步工作措施") is there all the
 * same. */
static int find_headings(const nb_report *r, const nb_text *text, heading *hs, int cap,
                         bool numbered_lines[SECTIONS]) {
    const nb_folded_lines *fl = nb_text_folded(text);
    if (!fl) return 0;
    size_t first = nb_text_line_of(text, r->byte_start);
    size_t last = r->byte_end > r->byte_start ? nb_text_line_of(text, r->byte_end - 1) : first;
    int n = 0;
    for (size_t i = first; i <= last && i < fl->n; i++) {
        const char *f = fl->buf + fl->off[i];
        int k;
        if (fl->len[i] == 0 || !numbered(f, &k)) continue;
        numbered_lines[k] = true;
        if (n < cap && fl->ncp[i] <= MAX_CPS && read_heading(f, i, &hs[n])) {
            if (!hs[n].exact) hs[n].exact = wrapped_exact(fl, i, last);
            n++;
        }
    }
    return n;
}

static void heading_findings(const nb_report *r, const nb_text *text, const heading *hs, int n,
                             nb_findings *out) {
    for (int i = 0; i < n; i++) {
        if (hs[i].exact || hs[i].off_by > HEADING_TYPO_CHARS) continue;
        nb_finding *f = add(out, r, NB_RULE_STRUCTURE_HEADING, text, hs[i].line);
        if (f)
            snprintf(f->message, sizeof f->message,
                     _("the heading \"%s\" differs from the template's \"%s、%s\""), hs[i].text,
                     numerals[hs[i].section], headings[hs[i].section]);
    }
}

static void section_findings(const nb_report *r, const nb_text *text, const heading *hs, int n,
                             nb_findings *out) {
    bool seen[SECTIONS] = {false};
    int last_section = -1;
    for (int i = 0; i < n; i++) {
        const heading *h = &hs[i];
        nb_finding *f = NULL;
        if (seen[h->section]) {
            f = add(out, r, NB_RULE_STRUCTURE_SECTIONS, text, h->line);
            if (f) snprintf(f->message, sizeof f->message, _("section %s (%s) appears twice"),
                            numerals[h->section], headings[h->section]);
        } else if (h->numbered != h->section) {
            f = add(out, r, NB_RULE_STRUCTURE_SECTIONS, text, h->line);
            if (f) snprintf(f->message, sizeof f->message,
                            _("\"%s\" is numbered %s; the template numbers this section %s"), h->text,
                            numerals[h->numbered], numerals[h->section]);
        } else if (h->section < last_section) {
            f = add(out, r, NB_RULE_STRUCTURE_SECTIONS, text, h->line);
            if (f) snprintf(f->message, sizeof f->message,
                            _("section %s (%s) comes after section %s"), numerals[h->section],
                            headings[h->section], numerals[last_section]);
        }
        seen[h->section] = true;
        if (h->section > last_section) last_section = h->section;
    }
}

/* A line opens with the heading's words, after at most a numeral and
 * markup ("六、", "**第六部分", "(六)"): the section is there, whatever
 * its number. The introduction that lists every section runs them into
 * one sentence, which does not count. */
#define HEADING_OPENS_WITHIN 16

static bool heading_opens_a_line(const nb_report *r, const nb_text *text, int s) {
    const nb_folded_lines *fl = nb_text_folded(text);
    if (!fl) return true; /* nothing known: say nothing */
    size_t first = nb_text_line_of(text, r->byte_start);
    size_t last = r->byte_end > r->byte_start ? nb_text_line_of(text, r->byte_end - 1) : first;
    for (size_t i = first; i <= last && i < fl->n; i++) {
        const char *line = fl->buf + fl->off[i];
        const char *at = strstr(line, headings[s]);
        if (at && at - line <= HEADING_OPENS_WITHIN) return true;
    }
    return false;
}

/* A section none of whose heading lines was found: named only when the
 * report follows the template's headings (most sections found), a later
 * section was found (so the report's text surely reaches where this one
 * belongs: a copy cut short is not a missing section), and no line opens
 * with its numeral or its words. */
static void missing_findings(const nb_report *r, const nb_text *text, const heading *hs, int n,
                             const bool numbered_lines[SECTIONS], nb_findings *out) {
    bool seen[SECTIONS] = {false};
    int found = 0;
    for (int i = 0; i < n; i++)
        if (!seen[hs[i].section]) seen[hs[i].section] = true, found++;
    if (found < SECTIONS - 2) return;
    int last_found = -1;
    for (int s = 0; s < SECTIONS; s++)
        if (seen[s]) last_found = s;
    for (int s = 0; s < last_found; s++) {
        if (seen[s] || numbered_lines[s] || heading_opens_a_line(r, text, s)) continue;
        nb_finding *f = nb_findings_add(out, r, NB_RULE_STRUCTURE_SECTIONS, NULL, 0);
        if (!f) continue;
        if (r->title.line > 0) {
            f->line = r->title.line;
            f->column = r->title.col_start;
        }
        snprintf(f->message, sizeof f->message, _("the report has no section %s (%s)"), numerals[s],
                 headings[s]);
        snprintf(f->key, sizeof f->key, "structure.sections:missing.%d", s + 1);
    }
}

void nb_check_structure(const nb_report *r, const nb_text *text, nb_findings *out) {
    if (!r || !text || !r->has_tables || !r->tpl || r->byte_end <= r->byte_start) return;
    heading hs[SECTIONS * 2];
    bool numbered_lines[SECTIONS] = {false};
    int n = find_headings(r, text, hs, SECTIONS * 2, numbered_lines);
    heading_findings(r, text, hs, n, out);
    section_findings(r, text, hs, n, out);
    missing_findings(r, text, hs, n, numbered_lines, out);
}
