/* The words a review file uses for statuses and verdicts (and the
 * verdicts in the reader's language), a finding's
 * status looked up in a list of statuses, and a reviewer's name as the
 * file holds it. Below everything else in src/review: the review, its
 * YAML writer and its reader all use these, and these use none of them. */
#include "config.h"

#include <string.h>

#include "nianbao/review.h"
#include "nianbao/utf8.h"

const char *nb_verdict_name(nb_verdict v) {
    switch (v) {
    case NB_VERDICT_APPROVED: return "approved";
    case NB_VERDICT_APPROVED_WITH_NOTES: return "approved_with_notes";
    case NB_VERDICT_REJECTED: return "rejected";
    default: return "none";
    }
}

const char *nb_verdict_words(nb_verdict v) {
    switch (v) {
    case NB_VERDICT_APPROVED: return _("approved");
    case NB_VERDICT_APPROVED_WITH_NOTES: return _("approved with notes");
    case NB_VERDICT_REJECTED: return _("rejected");
    default: return "";
    }
}

const char *nb_status_name(nb_finding_state s) {
    switch (s) {
    case NB_STATUS_FIXED: return "fixed";
    case NB_STATUS_CONFIRMED: return "confirmed_in_source";
    case NB_STATUS_DISMISSED: return "dismissed";
    default: return "open";
    }
}

nb_finding_state nb_status_lookup(const nb_status_entry *statuses, int n, const char *finding_key,
                                  const char **note) {
    for (int i = 0; i < n; i++)
        if (strcmp(statuses[i].key, finding_key) == 0) {
            if (note) *note = statuses[i].note;
            return statuses[i].state;
        }
    if (note) *note = NULL;
    return NB_STATUS_OPEN;
}

/* A name taken from $USER and cut inside a character, written with
 * U+FFFD, no longer fitted the reader's field: nianbao wrote a review
 * file it could not read back (bug B18). */
void nb_review_copy_name(char *dst, size_t size, const char *src) {
    size_t n = strlen(src), o = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = nb_utf8_next(src + i, n - i, &cp);
        const char *bytes = src + i;
        size_t len = k;
        if (cp == 0xFFFD && k == 1) {
            bytes = "\xEF\xBF\xBD";
            len = 3;
        }
        if (o + len >= size) break;
        memcpy(dst + o, bytes, len);
        o += len;
        i += k;
    }
    dst[o] = '\0';
}
