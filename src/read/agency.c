/* Agency names: when two names are, or may be, one agency (agency.h). */
#include "config.h"

#include <string.h>

#include "nianbao/agency.h"

bool nb_agency_may_be_same(const char *a, const char *b) {
    return !*a || !*b || strstr(a, b) || strstr(b, a);
}

bool nb_agency_same(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (!la || !lb) return false;
    const char *longer = la >= lb ? a : b;
    const char *shorter = la >= lb ? b : a;
    size_t ll = la >= lb ? la : lb, ls = la >= lb ? lb : la;
    return ls >= NB_AGENCY_MIN_SHARED_BYTES && strcmp(longer + (ll - ls), shorter) == 0;
}
