/* An original at a web address. Reviewers receive a report as a link to
 * the agency's page or to its PDF; nianbao fetches it (http and https
 * only, bounded in time, size and redirects, silent on the terminal),
 * keeps an exact copy of the bytes beside the review, and reads that
 * copy through the same seam as a file (source.h), so the kind is told
 * from the bytes and `verify` later works offline on the copy.
 *
 * url.c does the transfer (libcurl only there); urlcopy.c names the copy
 * and keeps it. */
#ifndef NIANBAO_URL_H
#define NIANBAO_URL_H

#include "nianbao/common.h"
#include "nianbao/source.h"

/* The longest address accepted, on the command line and in a review
 * file: far beyond any report's address, short enough for a message. */
#define NB_URL_MAX_BYTES 2048
/* Redirects followed: an agency's site moves a page once or twice
 * (http to https, old path to new); more is a loop or a trap. */
#define NB_FETCH_MAX_REDIRECTS 5
/* Seconds to wait for the connection, and for the whole transfer unless
 * NIANBAO_FETCH_TIMEOUT says otherwise. A report's PDF is a few MB;
 * three minutes leave room for a slow government server. */
#define NB_FETCH_CONNECT_SECONDS 30
#define NB_FETCH_TOTAL_SECONDS 180

/* Whether `arg` is a web address nianbao fetches ("http://" or
 * "https://", in any case), rather than a file name. */
bool nb_url_is_web(const char *arg);

/* What a fetch brought back. */
typedef struct nb_fetched {
    char *bytes;                /* the body as received (malloc'd, NUL-terminated) */
    size_t len;
    char time[NB_TIME_ISO_SIZE]; /* when the transfer ended, ISO 8601 with zone */
    /* No Content-Type: the kind and the charset are told from the bytes,
     * as for a file, because agencies' servers label GBK pages as UTF-8
     * and PDFs as application/octet-stream. */
} nb_fetched;

/* Fetch `url`. The body is bounded by NB_TEXT_MAX_BYTES (lowered by
 * NIANBAO_FETCH_MAX_BYTES), the transfer by NB_FETCH_TOTAL_SECONDS
 * (NIANBAO_FETCH_TIMEOUT); an HTTP error status, a redirect loop, a
 * failed TLS check and every other failure give -1 with a message that
 * says what the reviewer can do. Nothing is written to the terminal. */
int nb_url_fetch(const char *url, nb_fetched *out, nb_error *err);
void nb_fetched_free(nb_fetched *f);

/* The file name of the copy of `url` holding `kind`:
 * "HOST-PATH.html" (or .pdf, .txt), every byte outside [A-Za-z0-9._-]
 * as '_' (a byte beyond ASCII as '_' and its hex digits, as the
 * address's percent-encoding gives it), a port as "_PORT", the query
 * kept (it often names the report), a user name or password left out,
 * the path's own ending (.htm, .shtml, .pdf) dropped in favour of the
 * kind's. Long names are cut and end in part of the address's SHA-256,
 * so that two addresses never share a name by the cut; an address
 * libcurl cannot take apart is "web-" and part of its SHA-256. NULL when
 * `url` is not a web address or memory runs out. malloc'd. */
char *nb_url_copy_name(const char *url, nb_source_kind kind);

/* Fetch `url` and keep the exact bytes in the folder `dir` under
 * nb_url_copy_name. A copy already there with the same bytes is kept as
 * it is; one with other bytes is never replaced (a signed review may
 * rest on it): the new copy gets the next free name NAME-2, NAME-3, ...
 * The copy is written atomically (nb_file_write_atomic). On success
 * `copy_path` (malloc'd) names it and `out` holds the bytes and the
 * fetch time. */
int nb_url_keep_copy(const char *url, const char *dir, char **copy_path, nb_fetched *out,
                     nb_error *err);

#endif
