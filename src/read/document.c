/* Assembling the reports of a text: reports are split on title lines
 * (consecutive titles of one year and agency are one heading); each set
 * of tables belongs to the title before it, or stands alone; its tables
 * are read into cells by recognize.c; identical reports are one report
 * with copies. nb_document_parse (document.h) is the entry point;
 * nb_document_load and nb_document_open take the text from a source
 * first (a file, standard input, a web address's kept copy). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/agency.h"
#include "nianbao/document.h"
#include "nianbao/recognize.h"
#include "nianbao/source.h"
#include "nianbao/url.h"

/* More reports than any page holds; beyond it titles and table sets are
 * not split further, which keeps the pairwise comparisons bounded. */
#define MAX_REPORTS 500

typedef struct title_group {
    int first, last; /* indices into the titles */
    size_t start;    /* byte where the report begins */
} title_group;

static bool reports_identical(const nb_report *a, const nb_report *b) {
    if (a->has_tables != b->has_tables || a->year != b->year || strcmp(a->agency, b->agency)) return false;
    if (!a->has_tables) return true;
    if (a->tpl != b->tpl) return false;
    for (int i = 0; i < a->tpl->ncells; i++) {
        const nb_cell *x = &a->cells[i], *y = &b->cells[i];
        if (x->has_value != y->has_value) return false;
        if (x->has_value && (nb_number_cmp(x->value, y->value) || strcmp(x->unit, y->unit))) return false;
    }
    return true;
}

/* Whether any cell was read from the source, a value or a blank. */
static bool read_any(const nb_report *r) {
    for (int i = 0; r->cells && i < r->tpl->ncells; i++)
        if (r->cells[i].span.line > 0) return true;
    return false;
}

/* The first title or naming sentence at or after byte `at` (titles are in
 * source order, ended by a zeroed entry). */
static const nb_title *titles_from(const nb_title *titles, int ntitles, size_t at) {
    int lo = 0, hi = ntitles;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (titles[mid].byte_start < at) lo = mid + 1;
        else hi = mid;
    }
    return &titles[lo];
}

/* The titles and table sets of a text, and the titles grouped into
 * report headings. */
typedef struct parts {
    nb_title *titles; /* titles and naming sentences, then a zeroed end marker */
    int nt;
    title_group *groups;
    int ngroups;
    nb_table_set *sets;
    int nsets;
} parts;

/* The report's title from its heading group: the first title's place
 * (its columns those of the first line; the bytes cover both lines of a
 * wrapped title) and the first agency a title line names. Returns the
 * title's year. */
static int take_title(const nb_text *t, nb_report *r, const nb_title *titles, const title_group *g) {
    const nb_title *ti = &titles[g->first];
    r->title.byte_start = ti->byte_start;
    r->title.byte_end = ti->byte_end;
    r->title.line = ti->line;
    r->title.col_start = 1;
    size_t ls, le;
    nb_text_line_bounds(t, (size_t)ti->line - 1, &ls, &le);
    r->title.col_end = (int)nb_text_column_of(t, le < ti->byte_end ? le : ti->byte_end);
    for (int k = g->first; k <= g->last; k++)
        if (titles[k].agency[0] && !titles[k].sentence) {
            snprintf(r->agency, sizeof r->agency, "%s", titles[k].agency);
            snprintf(r->former_agency, sizeof r->former_agency, "%s", titles[k].former_agency);
            break;
        }
    return ti->year;
}

/* A second set of tables under one title: when a sentence before these
 * tables names a report, these tables are that report's (its agency, and
 * its year returned); else `year` stays. */
static int take_naming_sentence(nb_report *r, const parts *pt, const nb_table_set *set, size_t start,
                                int year) {
    for (const nb_title *ti = titles_from(pt->titles, pt->nt, start); ti->line; ti++) {
        if (ti->byte_start >= set->active_start) break;
        if (!ti->sentence || !ti->agency[0]) continue;
        snprintf(r->agency, sizeof r->agency, "%s", ti->agency);
        return ti->year;
    }
    return year;
}

/* The year the report's data cover: a statistical period within one
 * year, else the title's year, else a sentence naming the report, else
 * the first "YYYY年，" of its text. */
static int report_year(const nb_text *t, const nb_report *r, const parts *pt, int title_year, size_t start,
                       size_t end) {
    if (r->period_readable && r->period_from.year == r->period_to.year) return r->period_to.year;
    if (title_year) return title_year;
    int y = 0;
    const nb_title *ti = titles_from(pt->titles, pt->nt, start);
    if (ti->line && ti->byte_start < end) y = ti->year;
    return y ? y : nb_locate_year(t, start, end);
}

/* The report's tables from `set`, by the template they follow. Headings
 * and no values (a table of contents, or tables that were images on the
 * page) are no tables. Returns -1 when memory ran out. */
static int read_set(const nb_text *t, nb_report *r, const nb_table_set *set) {
    bool single = false;
    nb_template_kind kind = nb_detect_template(t, set, r->year, &single);
    r->tpl = nb_template_get(kind, single);
    r->has_tables = true;
    r->tables_start = set->active_start;
    r->tables_end = set->end;
    if (nb_read_tables(t, set, r)) return -1;
    if (read_any(r)) return 0;
    free(r->cells);
    r->cells = NULL;
    r->tpl = NULL;
    r->has_tables = false;
    r->tables_start = r->tables_end = 0;
    for (int i = 0; i < r->nnotes; i++) r->notes[i].cell = -1;
    free(r->placements); /* no cells to place them in */
    r->placements = NULL;
    r->nplacements = 0;
    snprintf(r->no_tables_reason, sizeof r->no_tables_reason, "%s",
             N_("table headings without any values in the text (the tables may be images)"));
    return 0;
}

/* Why a report without tables has none. */
static void say_why_no_tables(nb_report *r) {
    r->has_tables = false;
    if (r->year > 0 && r->year < 2019)
        /* untranslated like notes, so exports do not depend on the locale;
         * N_ puts it in the catalogue for front ends to show translated */
        snprintf(r->no_tables_reason, sizeof r->no_tables_reason, "%s",
                 N_("narrative report before the 2019 template: no statistical tables"));
    else
        snprintf(r->no_tables_reason, sizeof r->no_tables_reason, "%s",
                 N_("no standard statistical tables found in the text"));
}

/* One report over the bytes [start, end): its title (heading group `g`,
 * or none), agency, period, dateline and year, then its tables (`set`,
 * or none; `secondary` when it is not the first set under its title). */
static int fill_report(nb_document *doc, nb_report *r, const parts *pt, const title_group *g,
                       const nb_table_set *set, bool secondary, size_t start, size_t end) {
    const nb_text *t = &doc->text;
    r->copies = 1;
    r->byte_start = start;
    r->byte_end = end;
    int title_year = g ? take_title(t, r, pt->titles, g) : 0;
    if (secondary && set) title_year = take_naming_sentence(r, pt, set, start, title_year);
    if (!r->agency[0]) nb_locate_agency(t, start, end, r->agency, sizeof r->agency);
    nb_locate_period(t, start, end, r);
    nb_locate_dateline(t, start, end, r);
    r->year = report_year(t, r, pt, title_year, start, end);
    if (set) return read_set(t, r, set);
    say_why_no_tables(r);
    return 0;
}

static nb_report *new_report(nb_document *doc, int *cap) {
    if (doc->nreports == *cap) {
        int c = *cap ? *cap * 2 : 4;
        nb_report *g = realloc(doc->reports, (size_t)c * sizeof *g);
        if (!g) return NULL;
        doc->reports = g;
        *cap = c;
    }
    nb_report *r = &doc->reports[doc->nreports++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Sentences naming a report are kept for years and agencies; only title
 * lines start reports. Consecutive titles of one year and one agency are
 * one report's heading (a page repeats its title). */
static void group_titles(parts *pt) {
    nb_title *titles = pt->titles;
    title_group *groups = pt->groups;
    int ngroups = 0;
    for (int i = 0; i < pt->nt; i++) {
        if (titles[i].sentence) continue;
        title_group *last = ngroups ? &groups[ngroups - 1] : NULL;
        if (last && titles[last->first].year == titles[i].year &&
            nb_agency_may_be_same(titles[last->first].agency, titles[i].agency)) {
            last->last = i;
            if (!titles[last->first].agency[0] && titles[i].agency[0])
                snprintf(titles[last->first].agency, sizeof titles[last->first].agency, "%s",
                         titles[i].agency);
            continue;
        }
        if (last && ngroups >= MAX_REPORTS) {
            /* a page of thousands of titles is a list, not reports; the
             * rest stay with the last report so the work stays linear */
            last->last = i;
            continue;
        }
        groups[ngroups].first = groups[ngroups].last = i;
        groups[ngroups].start = titles[i].byte_start;
        ngroups++;
    }
    pt->ngroups = ngroups;
}

/* The reports in source order: tables before the first title are
 * reports without a title line; each title group is one report, or one
 * per set of tables under it. Returns -1 when memory ran out. */
static int make_reports(nb_document *doc, const parts *pt) {
    const nb_table_set *sets = pt->sets;
    const title_group *groups = pt->groups;
    int cap = 0, si = 0, nsets = pt->nsets, ngroups = pt->ngroups;
    size_t prev_end = 0;
    size_t first_title = ngroups ? groups[0].start : doc->text.len;
    while (si < nsets && sets[si].active_start < first_title) {
        nb_report *r = new_report(doc, &cap);
        if (!r) return -1;
        size_t end = (si + 1 < nsets && sets[si + 1].active_start < first_title) ? sets[si].end : first_title;
        if (fill_report(doc, r, pt, NULL, &sets[si], false, prev_end, end)) return -1;
        prev_end = sets[si].end;
        si++;
    }
    for (int gi = 0; gi < ngroups; gi++) {
        size_t gstart = groups[gi].start;
        size_t gend = gi + 1 < ngroups ? groups[gi + 1].start : doc->text.len;
        int first_set = si;
        while (si < nsets && sets[si].active_start < gend) si++;
        if (si == first_set) {
            nb_report *r = new_report(doc, &cap);
            if (!r || fill_report(doc, r, pt, &groups[gi], NULL, false, gstart, gend)) return -1;
            continue;
        }
        size_t start = gstart;
        for (int k = first_set; k < si; k++) {
            nb_report *r = new_report(doc, &cap);
            if (!r) return -1;
            size_t end = k + 1 < si ? sets[k].end : gend;
            if (fill_report(doc, r, pt, &groups[gi], &sets[k], k > first_set, start, end)) return -1;
            start = sets[k].end;
        }
    }
    return 0;
}

static void drop_report(nb_document *doc, int j) {
    nb_report_free(&doc->reports[j]);
    memmove(&doc->reports[j], &doc->reports[j + 1], (size_t)(doc->nreports - j - 1) * sizeof doc->reports[0]);
    doc->nreports--;
}

/* One report stated twice is one report with two copies; the first copy
 * is the one shown. */
static void merge_copies(nb_document *doc) {
    for (int j = 1; j < doc->nreports; j++) {
        for (int i = 0; i < j; i++) {
            if (!reports_identical(&doc->reports[i], &doc->reports[j])) continue;
            doc->reports[i].copies++;
            drop_report(doc, j);
            j--;
            break;
        }
    }
}

/* A title without tables naming the same report as one with tables (a
 * breadcrumb, a "相关链接" line after the tables) is that report. */
static void merge_bare_titles(nb_document *doc) {
    for (int j = 0; j < doc->nreports; j++) {
        nb_report *rj = &doc->reports[j];
        if (rj->has_tables) continue;
        bool dup = false;
        for (int i = 0; i < doc->nreports && !dup; i++) {
            nb_report *ri = &doc->reports[i];
            if (!ri->has_tables || ri->year != rj->year || !nb_agency_may_be_same(ri->agency, rj->agency))
                continue;
            dup = true;
            /* tables before their title: the title names them */
            if (!ri->agency[0]) snprintf(ri->agency, sizeof ri->agency, "%s", rj->agency);
            if (!ri->title.line) ri->title = rj->title;
        }
        if (!dup) continue;
        drop_report(doc, j);
        j--;
    }
}

/* Bytes the decoder replaced: one note on the first report, at the
 * first such line. */
static void note_invalid_bytes(nb_document *doc) {
    const nb_text *t = &doc->text;
    if (t->invalid_count == 0 || doc->nreports == 0) return;
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    sp.line = (int)t->first_invalid_line;
    if (sp.line > 0 && (size_t)sp.line <= t->nlines) {
        nb_text_line_bounds(t, (size_t)sp.line - 1, &sp.byte_start, &sp.byte_end);
        sp.col_start = 1;
        sp.col_end = (int)nb_text_column_of(t, sp.byte_end);
    }
    nb_report_add_note(&doc->reports[0], NB_NOTE_INVALID_BYTES, -1, &sp,
                       _("%zu invalid byte sequences were replaced by U+FFFD"), t->invalid_count);
}

/* The titles and table sets of the text, the titles grouped. Returns -1
 * when memory ran out. */
static int find_parts(const nb_text *t, parts *pt) {
    nb_title *all = NULL;
    int nall = 0;
    if (nb_find_titles(t, &all, &nall) || nb_find_table_sets(t, &pt->sets, &pt->nsets)) {
        free(all);
        return -1;
    }
    if (pt->nsets > MAX_REPORTS) pt->nsets = MAX_REPORTS;
    pt->titles = calloc((size_t)nall + 1, sizeof *pt->titles);
    pt->groups = calloc((size_t)nall + 1, sizeof *pt->groups);
    if (!pt->titles || !pt->groups) {
        free(all);
        return -1;
    }
    for (int i = 0; i < nall; i++) pt->titles[pt->nt++] = all[i];
    free(all);
    group_titles(pt);
    return 0;
}

int nb_document_parse(nb_document *doc, const char *path, nb_text *text, nb_error *err) {
    memset(doc, 0, sizeof *doc);
    doc->text = *text;
    memset(text, 0, sizeof *text);
    const char *p = path ? path : "";
    doc->path = malloc(strlen(p) + 1);
    if (doc->path) strcpy(doc->path, p);
    const nb_text *t = &doc->text;
    if (doc->path && (!t->utf8 || t->len == 0 || !t->line_start)) return 0;
    parts pt;
    memset(&pt, 0, sizeof pt);
    int rc = !doc->path || find_parts(t, &pt) || make_reports(doc, &pt) ? -1 : 0;
    free(pt.titles);
    free(pt.groups);
    free(pt.sets);
    if (rc != 0) {
        nb_error_set(err, 12, "%s", _("out of memory while reading the report"));
        nb_document_free(doc);
        return -1;
    }
    merge_copies(doc);
    merge_bare_titles(doc);
    note_invalid_bytes(doc);
    return 0;
}

static int load(nb_document *doc, const char *path, nb_load_flags flags, nb_error *err) {
    nb_text text;
    memset(doc, 0, sizeof *doc);
    nb_source_kind kind;
    if (nb_source_read(path, flags, &text, &kind, err) != 0) return -1;
    if (nb_document_parse(doc, path, &text, err) != 0) return -1;
    doc->source_kind = kind;
    return 0;
}

int nb_document_load(nb_document *doc, const char *path, nb_error *err) {
    return load(doc, path, NB_LOAD_DEFAULT, err);
}

int nb_document_open(nb_document *doc, const char *arg, const char *copy_dir, nb_error *err) {
    return nb_document_open_with(doc, arg, copy_dir, NB_LOAD_DEFAULT, err);
}

int nb_document_open_with(nb_document *doc, const char *arg, const char *copy_dir,
                          nb_load_flags flags, nb_error *err) {
    if (!nb_url_is_web(arg)) return load(doc, arg, flags, err);
    memset(doc, 0, sizeof *doc);
    char *copy = NULL;
    nb_fetched fetched;
    if (nb_url_keep_copy(arg, copy_dir ? copy_dir : ".", &copy, &fetched, err) != 0) return -1;
    char when[NB_TIME_ISO_SIZE];
    snprintf(when, sizeof when, "%s", fetched.time);
    nb_fetched_free(&fetched); /* the copy is read back: its hash is of the bytes on disk */
    int rc = load(doc, copy, flags, err);
    free(copy);
    if (rc != 0) return -1;
    doc->url = strdup(arg);
    if (!doc->url) {
        nb_document_free(doc);
        nb_error_set(err, ENOMEM, "%s", strerror(ENOMEM));
        return -1;
    }
    snprintf(doc->fetched, sizeof doc->fetched, "%s", when);
    return 0;
}

void nb_document_free(nb_document *doc) {
    for (int i = 0; i < doc->nreports; i++) nb_report_free(&doc->reports[i]);
    free(doc->reports);
    free(doc->path);
    free(doc->url);
    nb_text_free(&doc->text);
    memset(doc, 0, sizeof *doc);
}
