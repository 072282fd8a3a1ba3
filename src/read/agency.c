/* Agency names: when two names are, or may be, one agency (agency.h). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "nianbao/agency.h"

bool nb_agency_may_be_same(const char *a, const char *b) {
    return !*a || !*b || strstr(a, b) || strstr(b, a);
}

/* The characters that end a region's name (江苏省, 淮安市, 洪泽区, 某县,
 * 某自治州, 某盟, 某旗) and, with 镇, 乡 and 街道, that a name standing for
 * an agency of its own holds. */
static const char *const region_ends[] = {"省", "市", "区", "县", "州", "盟", "旗"};
static const char *const place_words[] = {"省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "街道"};

static bool ends_with_any(const char *s, size_t n, const char *const *words, size_t nwords) {
    for (size_t i = 0; i < nwords; i++) {
        size_t k = strlen(words[i]);
        if (n >= k && memcmp(s + n - k, words[i], k) == 0) return true;
    }
    return false;
}

static bool holds_any(const char *s, const char *const *words, size_t nwords) {
    for (size_t i = 0; i < nwords; i++)
        if (strstr(s, words[i])) return true;
    return false;
}

bool nb_agency_same(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la < NB_AGENCY_MIN_SHARED_BYTES || lb < NB_AGENCY_MIN_SHARED_BYTES) return false;
    if (la == lb) return strcmp(a, b) == 0;
    const char *longer = la > lb ? a : b;
    const char *shorter = la > lb ? b : a;
    size_t cut = (la > lb ? la : lb) - (la > lb ? lb : la);
    /* 淮安市洪泽区人民政府 = 洪泽区人民政府: what the longer adds is its
     * parent region, and the shorter still names a place of its own
     * (人民政府 alone, or 区人民政府, names none). */
    return strcmp(longer + cut, shorter) == 0 &&
           ends_with_any(longer, cut, region_ends, sizeof region_ends / sizeof region_ends[0]) &&
           holds_any(shorter, place_words, sizeof place_words / sizeof place_words[0]);
}

bool nb_agency_same_body(const char *a, const char *a_former, const char *b, const char *b_former) {
    return nb_agency_same(a, b) || (a_former[0] && nb_agency_same(a_former, b)) ||
           (b_former[0] && nb_agency_same(a, b_former));
}
