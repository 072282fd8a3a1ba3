/* The list of findings: adding one (with its place in the source),
 * its stable key, and sealing a report's findings (whole UTF-8 in every
 * message, no key twice). Used by check.c and the narrative check alike;
 * it calls neither. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"

nb_finding *nb_findings_add(nb_findings *out, const nb_report *r, nb_rule rule, const int *cells,
                            int ncells) {
    const nb_rule_info *info = &nb_check_rules(NULL)[rule];
    nb_severity sev = info->severity;
    if (out->count == out->cap) {
        int cap = out->cap ? out->cap * 2 : 16;
        nb_finding *grown = realloc(out->items, (size_t)cap * sizeof *grown);
        if (!grown) return NULL;
        out->items = grown;
        out->cap = cap;
    }
    nb_finding *f = &out->items[out->count++];
    memset(f, 0, sizeof *f);
    snprintf(f->rule, sizeof f->rule, "%s", info->id);
    f->severity = sev;
    f->culprit = -1;
    f->cause_cell = f->cause_row = -1;
    f->target = ncells > 0 ? cells[0] : -1;
    if (ncells > NB_FINDING_MAX_CELLS) ncells = NB_FINDING_MAX_CELLS;
    for (int i = 0; i < ncells; i++) {
        f->cells[i] = cells[i];
        if (!f->line && r && r->cells && cells[i] >= 0 && r->cells[cells[i]].span.line > 0) {
            f->line = r->cells[cells[i]].span.line;
            f->column = r->cells[cells[i]].span.col_start;
        }
    }
    f->ncells = ncells;
    if (sev == NB_SEV_ERROR)
        out->errors++;
    else
        out->warnings++;
    return f;
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void nb_finding_set_key(nb_finding *f, const nb_report *r, bool with_line) {
    char ids[NB_FINDING_MAX_CELLS][96];
    const char *sorted[NB_FINDING_MAX_CELLS];
    int n = 0;
    for (int i = 0; i < f->ncells; i++) {
        if (!r || !r->tpl) break;
        nb_template_cell_id(r->tpl, f->cells[i], ids[n], sizeof ids[n]);
        sorted[n] = ids[n];
        n++;
    }
    qsort(sorted, (size_t)n, sizeof sorted[0], compare_strings);
    char full[NB_FINDING_MAX_CELLS * 96 + 96];
    size_t len = (size_t)snprintf(full, sizeof full, "%s:", f->rule);
    for (int i = 0; i < n && len < sizeof full; i++)
        len += (size_t)snprintf(full + len, sizeof full - len, "%s%s", i ? "," : "", sorted[i]);
    if (with_line && f->line > 0 && len < sizeof full)
        len += (size_t)snprintf(full + len, sizeof full - len, "@%d", f->line);
    if (len < sizeof f->key) {
        memcpy(f->key, full, len + 1);
        return;
    }
    /* FNV-1a over the full key: stable across runs and platforms. */
    /* (from an offset one digit short of FNV's own: kept, since saved
     * reviews name their findings by these keys) */
    uint64_t h = nb_fnv1a(UINT64_C(1469598103934665603), full, strnlen(full, len));
    snprintf(f->key, sizeof f->key, "%s:%s+%d#%016llx", f->rule, n ? sorted[0] : "",
             n - 1, (unsigned long long)h);
}

void nb_finding_values_hash(const nb_report *r, const nb_finding *f, char out[17]) {
    uint64_t h = NB_FNV1A_INIT;
    for (int i = 0; i < f->ncells; i++) {
        int c = f->cells[i];
        int64_t parts[3] = {c, -1, 0};
        if (r->cells && r->tpl && c >= 0 && c < r->tpl->ncells && r->cells[c].has_value) {
            parts[1] = r->cells[c].value.units;
            parts[2] = r->cells[c].value.scale;
        }
        h = nb_fnv1a(h, parts, sizeof parts);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

const char *nb_confidence_name(nb_confidence c) {
    switch (c) {
    case NB_CONFIDENCE_ONE_TO_ONE: return "one_to_one";
    case NB_CONFIDENCE_SUM: return "sum";
    default: return NULL;
    }
}

void nb_findings_clear(nb_findings *f) {
    f->count = 0;
    f->errors = 0;
    f->warnings = 0;
}

void nb_findings_free(nb_findings *f) {
    free(f->items);
    memset(f, 0, sizeof *f);
}

bool nb_findings_cell_has(const nb_findings *f, int cell, nb_severity sev) {
    for (int i = 0; i < f->count; i++) {
        if (f->items[i].severity != sev) continue;
        for (int j = 0; j < f->items[i].ncells; j++)
            if (f->items[i].cells[j] == cell) return true;
    }
    return false;
}

/* Keys carry review statuses, so no two findings of a report may share
 * one: a later duplicate gets "~2", "~3"… in the (deterministic) order
 * the rules run. Sorted, so that a report with thousands of findings
 * costs n log n, not n². */
typedef struct key_ref {
    const char *key;
    int index;
} key_ref;

static int compare_key_refs(const void *a, const void *b) {
    const key_ref *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static void make_keys_unique(nb_findings *out, int first) {
    int n = out->count - first;
    if (n < 2) return;
    key_ref *refs = malloc((size_t)n * sizeof *refs);
    if (!refs) return;
    for (int i = 0; i < n; i++) refs[i] = (key_ref){out->items[first + i].key, first + i};
    qsort(refs, (size_t)n, sizeof *refs, compare_key_refs);
    int *later = malloc((size_t)n * sizeof *later);
    int *seen = malloc((size_t)n * sizeof *seen);
    int nlater = 0;
    if (later && seen) {
        for (int i = 1, run = 1; i < n; i++) {
            run = strcmp(refs[i].key, refs[i - 1].key) ? 1 : run + 1;
            if (run > 1) {
                later[nlater] = refs[i].index;
                seen[nlater++] = run;
            }
        }
        /* keys are rewritten only now: the sorted refs point into them */
        for (int k = 0; k < nlater; k++) {
            char *key = out->items[later[k]].key;
            char suffix[16];
            int len_suffix = snprintf(suffix, sizeof suffix, "~%d", seen[k]);
            size_t len = strlen(key);
            size_t cap = sizeof out->items[later[k]].key;
            if (len + (size_t)len_suffix >= cap) len = cap - (size_t)len_suffix - 1;
            memcpy(key + len, suffix, (size_t)len_suffix + 1);
        }
    }
    free(later);
    free(seen);
    free(refs);
}

/* A message cut by snprintf may end in half a character; YAML and JSON
 * writers (and terminals) need whole UTF-8, so drop the broken tail. */
static void trim_partial_utf8(char *s) {
    size_t n = strlen(s);
    size_t lead = n;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80) lead--;
    if (lead == 0) return;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t want = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (lead - 1) < want) s[lead - 1] = '\0';
}

void nb_findings_seal(nb_findings *out, int first) {
    for (int i = first; i < out->count; i++) trim_partial_utf8(out->items[i].message);
    make_keys_unique(out, first);
}
