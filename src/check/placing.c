/* The readings of values the reading could not place (nb_placement):
 * every way of putting them, in their order, into the cells they belong
 * to, judged by the template's identities with the other cells as they
 * stand. What the arithmetic cannot tell apart stays for the reviewer to
 * choose; this only puts the readings that break fewest totals first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"

/* Sum of n terms (whole numbers); false when one is empty or not whole. */
static bool sum_of(const nb_cell *cells, const int *terms, int n, long long *sum) {
    *sum = 0;
    for (int i = 0; i < n; i++) {
        const nb_cell *c = &cells[terms[i]];
        if (!c->has_value || c->value.scale != 0) return false;
        *sum += c->value.units;
    }
    return true;
}

typedef struct judge_ctx {
    const nb_placement *p;
    nb_cell *cells;          /* the report's cells with the reading put in */
    nb_identity ids[NB_MAX_IDENTITIES];
    int nids;                /* the identities that take in a cell of p */
    bool blanks_zero;
} judge_ctx;

static void put_reading(judge_ctx *j, unsigned long long filled) {
    int v = 0;
    for (int i = 0; i < j->p->ncells; i++) {
        nb_cell *c = &j->cells[j->p->cells[i]];
        c->has_value = (filled >> i) & 1 || j->blanks_zero;
        c->value = (filled >> i) & 1 ? j->p->values[v++] : (nb_number){0, 0};
    }
}

static void judge(judge_ctx *j, nb_reading *r) {
    put_reading(j, r->filled);
    r->broken = r->held = 0;
    for (int k = 0; k < j->nids; k++) {
        const nb_identity *id = &j->ids[k];
        long long left, right;
        if (!sum_of(j->cells, id->term, id->nlhs, &left) ||
            !sum_of(j->cells, id->term + id->nlhs, id->nterms - id->nlhs, &right))
            continue;
        if (left == right) r->held++;
        else r->broken++;
    }
}

static bool better(const nb_reading *a, const nb_reading *b) {
    return a->broken != b->broken ? a->broken < b->broken : a->held > b->held;
}

/* Keep `r` among the best `cap` in out[0..*n), best first; ties keep the
 * order found (values packed towards the first cells first). */
static void keep(nb_reading *out, int *n, int cap, const nb_reading *r) {
    int at = *n;
    while (at > 0 && better(r, &out[at - 1])) at--;
    if (at >= cap) return;
    int last = *n < cap ? *n : cap - 1;
    memmove(&out[at + 1], &out[at], (size_t)(last - at) * sizeof *out);
    out[at] = *r;
    if (*n < cap) (*n)++;
}

static bool takes_in(const nb_identity *id, const nb_placement *p) {
    for (int t = 0; t < id->nterms; t++)
        for (int i = 0; i < p->ncells; i++)
            if (id->term[t] == p->cells[i]) return true;
    return false;
}

/* How many ways to choose k of n, stopping past `limit`. */
static long ways(int n, int k, long limit) {
    long w = 1;
    for (int i = 1; i <= k && w <= limit; i++) w = w * (n - k + i) / i;
    return w;
}

int nb_placement_readings(const nb_report *r, const nb_placement *p, bool blanks_zero, nb_reading *out,
                          int cap) {
    if (!r->tpl || !r->cells || cap < 1 || p->nvalues < 1 || p->nvalues >= p->ncells ||
        p->ncells > NB_PLACEMENT_MAX)
        return 0;
    if (ways(p->ncells, p->nvalues, NB_READINGS_MAX) > NB_READINGS_MAX) return -1;
    judge_ctx *j = calloc(1, sizeof *j);
    if (!j) return 0;
    j->p = p;
    j->blanks_zero = blanks_zero;
    j->cells = malloc((size_t)r->tpl->ncells * sizeof *j->cells);
    if (!j->cells) {
        free(j);
        return 0;
    }
    memcpy(j->cells, r->cells, (size_t)r->tpl->ncells * sizeof *j->cells);
    nb_identity all[NB_MAX_IDENTITIES];
    int nall = nb_template_identities(r->tpl, all, NB_MAX_IDENTITIES);
    for (int k = 0; k < nall; k++)
        if (takes_in(&all[k], p)) j->ids[j->nids++] = all[k];
    /* every choice of nvalues of the ncells, in order: idx[] ascending */
    int n = 0, k = p->nvalues, idx[NB_PLACEMENT_MAX];
    for (int i = 0; i < k; i++) idx[i] = i;
    for (;;) {
        nb_reading rd = {0, 0, 0};
        for (int i = 0; i < k; i++) rd.filled |= 1ULL << idx[i];
        judge(j, &rd);
        keep(out, &n, cap, &rd);
        int i = k - 1;
        while (i >= 0 && idx[i] == p->ncells - k + i) i--;
        if (i < 0) break;
        idx[i]++;
        for (int m = i + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
    }
    free(j->cells);
    free(j);
    return n;
}
