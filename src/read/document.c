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

static bool same_agency(const char *a, const char *b) {
    return !*a || !*b || strstr(a, b) || strstr(b, a);
}

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

static int fill_report(nb_document *doc, nb_report *r, const nb_title *titles, int ntitles,
                       const title_group *g, const nb_table_set *set, bool secondary, size_t start,
                       size_t end) {
    const nb_text *t = &doc->text;
    r->copies = 1;
    r->byte_start = start;
    r->byte_end = end;
    int title_year = 0;
    if (g) {
        const nb_title *ti = &titles[g->first];
        r->title.byte_start = ti->byte_start;
        r->title.byte_end = ti->byte_end;
        r->title.line = ti->line;
        r->title.col_start = 1;
        /* columns are of the first line; the byte range covers both lines
         * of a wrapped title */
        size_t ls, le;
        nb_text_line_bounds(t, (size_t)ti->line - 1, &ls, &le);
        r->title.col_end = (int)nb_text_column_of(t, le < ti->byte_end ? le : ti->byte_end);
        title_year = ti->year;
        for (int k = g->first; k <= g->last; k++)
            if (titles[k].agency[0] && !titles[k].sentence) {
                snprintf(r->agency, sizeof r->agency, "%s", titles[k].agency);
                break;
            }
    }
    if (secondary && set) {
        /* A second set of tables under one title: when a sentence before
         * these tables names a report, these tables are that report's. */
        for (const nb_title *ti = titles_from(titles, ntitles, start); ti->line; ti++) {
            if (ti->byte_start >= set->active_start) break;
            if (!ti->sentence || !ti->agency[0]) continue;
            snprintf(r->agency, sizeof r->agency, "%s", ti->agency);
            title_year = ti->year;
            break;
        }
    }
    if (!r->agency[0]) nb_locate_agency(t, start, end, r->agency, sizeof r->agency);
    nb_locate_period(t, start, end, r);
    nb_locate_dateline(t, start, end, r);
    if (r->period_readable && r->period_from.year == r->period_to.year) r->year = r->period_to.year;
    else if (title_year) r->year = title_year;
    if (!r->year) {
        /* a sentence naming the report */
        int y = 0;
        const nb_title *ti = titles_from(titles, ntitles, start);
        if (ti->line && ti->byte_start < end) y = ti->year;
        r->year = y ? y : nb_locate_year(t, start, end);
    }
    if (set) {
        bool single = false;
        nb_template_kind kind = nb_detect_template(t, set, r->year, &single);
        r->tpl = nb_template_get(kind, single);
        r->has_tables = true;
        r->tables_start = set->active_start;
        r->tables_end = set->end;
        if (nb_read_tables(t, set, r)) return -1;
        if (!read_any(r)) {
            /* Headings and no values: a table of contents, or tables that
             * were images on the page. */
            free(r->cells);
            r->cells = NULL;
            r->tpl = NULL;
            r->has_tables = false;
            r->tables_start = r->tables_end = 0;
            for (int i = 0; i < r->nnotes; i++) r->notes[i].cell = -1;
            snprintf(r->no_tables_reason, sizeof r->no_tables_reason, "%s",
                     N_("table headings without any values in the text (the tables may be images)"));
        }
    } else {
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

int nb_document_parse(nb_document *doc, const char *path, nb_text *text, nb_error *err) {
    memset(doc, 0, sizeof *doc);
    doc->text = *text;
    memset(text, 0, sizeof *text);
    const char *p = path ? path : "";
    doc->path = malloc(strlen(p) + 1);
    if (!doc->path) goto oom;
    strcpy(doc->path, p);
    const nb_text *t = &doc->text;
    if (!t->utf8 || t->len == 0 || !t->line_start) return 0;

    nb_title *all = NULL;
    int nall = 0;
    nb_table_set *sets = NULL;
    int nsets = 0;
    title_group *groups = NULL;
    int ngroups = 0;
    nb_title *titles = NULL; /* titles and naming sentences, then a zeroed end marker */
    if (nb_find_titles(t, &all, &nall) || nb_find_table_sets(t, &sets, &nsets)) goto oom_free;
    if (nsets > MAX_REPORTS) nsets = MAX_REPORTS;
    titles = calloc((size_t)nall + 1, sizeof *titles);
    groups = calloc((size_t)nall + 1, sizeof *groups);
    if (!titles || !groups) goto oom_free;
    /* Sentences naming a report are kept for years and agencies; only
     * title lines start reports. Consecutive titles of one year and one
     * agency are one report's heading (a page repeats its title). */
    int nt = 0;
    for (int i = 0; i < nall; i++) titles[nt++] = all[i];
    for (int i = 0; i < nt; i++) {
        if (titles[i].sentence) continue;
        title_group *last = ngroups ? &groups[ngroups - 1] : NULL;
        if (last && titles[last->first].year == titles[i].year &&
            same_agency(titles[last->first].agency, titles[i].agency)) {
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

    int cap = 0;
    int si = 0;
    size_t prev_end = 0;
    /* tables before the first title: reports without a title line */
    size_t first_title = ngroups ? groups[0].start : t->len;
    while (si < nsets && sets[si].active_start < first_title) {
        nb_report *r = new_report(doc, &cap);
        if (!r) goto oom_free;
        size_t end = (si + 1 < nsets && sets[si + 1].active_start < first_title) ? sets[si].end : first_title;
        if (fill_report(doc, r, titles, nt, NULL, &sets[si], false, prev_end, end)) goto oom_free;
        prev_end = sets[si].end;
        si++;
    }
    for (int gi = 0; gi < ngroups; gi++) {
        size_t gstart = groups[gi].start;
        size_t gend = gi + 1 < ngroups ? groups[gi + 1].start : t->len;
        int first_set = si;
        while (si < nsets && sets[si].active_start < gend) si++;
        if (si == first_set) {
            nb_report *r = new_report(doc, &cap);
            if (!r) goto oom_free;
            if (fill_report(doc, r, titles, nt, &groups[gi], NULL, false, gstart, gend)) goto oom_free;
            continue;
        }
        size_t start = gstart;
        for (int k = first_set; k < si; k++) {
            nb_report *r = new_report(doc, &cap);
            if (!r) goto oom_free;
            size_t end = k + 1 < si ? sets[k].end : gend;
            if (fill_report(doc, r, titles, nt, &groups[gi], &sets[k], k > first_set, start, end)) goto oom_free;
            start = sets[k].end;
        }
    }
    /* one report stated twice is one report with two copies */
    for (int j = 1; j < doc->nreports; j++) {
        for (int i = 0; i < j; i++) {
            if (!reports_identical(&doc->reports[i], &doc->reports[j])) continue;
            doc->reports[i].copies++; /* the first copy is the one shown */
            nb_report_free(&doc->reports[j]);
            memmove(&doc->reports[j], &doc->reports[j + 1],
                    (size_t)(doc->nreports - j - 1) * sizeof doc->reports[0]);
            doc->nreports--;
            j--;
            break;
        }
    }
    /* A title without tables naming the same report as one with tables
     * (a breadcrumb, a "相关链接" line after the tables) is that report. */
    for (int j = 0; j < doc->nreports; j++) {
        nb_report *rj = &doc->reports[j];
        if (rj->has_tables) continue;
        bool dup = false;
        for (int i = 0; i < doc->nreports && !dup; i++) {
            nb_report *ri = &doc->reports[i];
            if (!ri->has_tables || ri->year != rj->year || !same_agency(ri->agency, rj->agency)) continue;
            dup = true;
            /* tables before their title: the title names them */
            if (!ri->agency[0]) snprintf(ri->agency, sizeof ri->agency, "%s", rj->agency);
            if (!ri->title.line) ri->title = rj->title;
        }
        if (!dup) continue;
        nb_report_free(rj);
        memmove(rj, rj + 1, (size_t)(doc->nreports - j - 1) * sizeof *rj);
        doc->nreports--;
        j--;
    }
    if (t->invalid_count > 0 && doc->nreports > 0) {
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
    free(all);
    free(titles);
    free(groups);
    free(sets);
    return 0;

oom_free:
    free(all);
    free(titles);
    free(groups);
    free(sets);
oom:
    nb_error_set(err, 12, "%s", _("out of memory while reading the report"));
    nb_document_free(doc);
    return -1;
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
