/* Fetching an original over http or https with libcurl (the only file
 * that knows libcurl). Why each limit: the address comes from an email
 * or a web page, and the server is one nianbao does not control, so the
 * transfer is bounded in protocols (no file://, ftp:// or others, even
 * through a redirect), in time, in size (the text loader's bound, checked
 * on the bytes as they arrive, so an endless answer stops there) and in
 * redirects; and libcurl writes nothing on the terminal, whose screen
 * belongs to the review screen or to the command's output. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "nianbao/buf.h"
#include "nianbao/text.h"
#include "nianbao/url.h"
#include "nianbao/libs.h"

/* Servers that refuse unnamed programs accept this; it names nianbao so
 * that an agency's web master can tell what fetched the page. */
#define USER_AGENT "nianbao/" PACKAGE_VERSION " (report review; libcurl)"

bool nb_url_is_web(const char *arg) {
    return arg && (!strncasecmp(arg, "http://", 7) || !strncasecmp(arg, "https://", 8));
}

void nb_fetched_free(nb_fetched *f) {
    free(f->bytes);
    memset(f, 0, sizeof *f);
}

/* A limit from the environment: `value` (may be NULL: the default
 * stays) must be a whole number in [lo, hi]. */
static int env_limit(const char *name, const char *value, unsigned long long lo,
                     unsigned long long hi, unsigned long long *out, nb_error *err) {
    if (!value || !*value) return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    if (errno || end == value || *end || value[0] == '-' || v < lo || v > hi) {
        /* TRANSLATORS: an environment variable, the bounds, its value */
        nb_error_set(err, EINVAL, _("%s must be a whole number from %llu to %llu, not '%s'"), name,
                     lo, hi, value);
        return -1;
    }
    *out = v;
    return 0;
}

typedef struct transfer {
    nb_buf body;
    size_t max_bytes;
    bool too_large; /* the body passed max_bytes: the transfer was stopped */
    long seconds;   /* the whole transfer's time limit */
} transfer;

/* The body as it arrives; more than max_bytes stops the transfer (a
 * short return makes libcurl fail with CURLE_WRITE_ERROR). */
static size_t on_body(char *data, size_t size, size_t nmemb, void *userp) {
    transfer *t = userp;
    size_t n = size * nmemb;
    if (n > t->max_bytes - t->body.len) {
        t->too_large = true;
        return 0;
    }
    nb_buf_add(&t->body, data, n);
    return t->body.failed ? 0 : n;
}

static CURLcode set_options(CURL *c, const char *url, transfer *t, char *errbuf) {
    CURLcode rc = CURLE_OK;
#define SET(opt, val) \
    if (rc == CURLE_OK) rc = nb_curl.curl_easy_setopt(c, opt, val)
    SET(CURLOPT_URL, url);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_NOSIGNAL, 1L); /* no SIGALRM: the review screen owns the signals */
    SET(CURLOPT_NOPROGRESS, 1L);
    SET(CURLOPT_VERBOSE, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, (long)NB_FETCH_MAX_REDIRECTS);
    SET(CURLOPT_CONNECTTIMEOUT, t->seconds < NB_FETCH_CONNECT_SECONDS ? t->seconds
                                                                      : (long)NB_FETCH_CONNECT_SECONDS);
    SET(CURLOPT_TIMEOUT, t->seconds);
    /* A declared length over the bound fails before the body comes. */
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max_bytes);
    SET(CURLOPT_FAILONERROR, 1L);
    SET(CURLOPT_USERAGENT, USER_AGENT);
    /* gzip and deflate undone by libcurl: the copy holds the page as a
     * browser saves it, and the size bound applies to those bytes. */
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, t);
#undef SET
    return rc;
}

/* The host part of `url` for messages ("?" when it has none). */
static void url_host(const char *url, char *out, size_t size) {
    snprintf(out, size, "?");
    CURLU *u = nb_curl.curl_url();
    char *host = NULL;
    if (u && nb_curl.curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        nb_curl.curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
        snprintf(out, size, "%s", host);
    nb_curl.curl_free(host);
    nb_curl.curl_url_cleanup(u);
}

/* An HTTP status of 300 or more, in words and with what to do. */
static void say_status(long status, nb_error *err) {
    if (status == 404 || status == 410)
        nb_error_set(err, ENOENT,
                     _("the server answered %ld (not found): the page was moved or removed, or the "
                       "address is mistyped; check the address, or find the report on the agency's site"),
                     status);
    else if (status == 401 || status == 403)
        nb_error_set(err, EACCES,
                     _("the server answered %ld (access denied): the page may need a login or turn "
                       "programs away; open it in a browser, save the page and open the saved file"),
                     status);
    else if (status >= 500)
        nb_error_set(err, EIO,
                     _("the server answered %ld (an error on the server); try again later, or save the "
                       "page from the browser and open the saved file"),
                     status);
    else
        nb_error_set(err, EIO,
                     _("the server answered %ld instead of the page; open the address in a browser, "
                       "save the page and open the saved file"),
                     status);
}

/* A TLS failure: the certificate or the handshake. */
static void say_tls(CURLcode rc, const char *host, const char *detail, nb_error *err) {
    if (rc == CURLE_SSL_CACERT_BADFILE)
        nb_error_set(err, EIO,
                     _("cannot check the certificate of %s: this computer's certificate store cannot be "
                       "read (%s); install the package ca-certificates, or save the page from the "
                       "browser and open the saved file"),
                     host, detail);
    else
        nb_error_set(err, EIO,
                     _("no secure connection to %s: its certificate could not be verified or the "
                       "TLS handshake failed (%s); nianbao does not read a page over an unverified "
                       "connection: open it in a browser, save the page and open the saved file"),
                     host, detail);
}

/* A failure of the network or of the server's connection: no answer in
 * time, a host or proxy that does not resolve, a refused or broken
 * connection, TLS. */
static void say_network(CURLcode rc, long seconds, const char *host, const char *detail,
                        nb_error *err) {
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        nb_error_set(err, ETIMEDOUT,
                     ngettext("no complete answer within %ld second (timed out); try again later, allow "
                              "more time with NIANBAO_FETCH_TIMEOUT, or save the page from the browser "
                              "and open the saved file",
                              "no complete answer within %ld seconds (timed out); try again later, allow "
                              "more time with NIANBAO_FETCH_TIMEOUT, or save the page from the browser "
                              "and open the saved file",
                              (unsigned long)seconds),
                     seconds);
        return;
    case CURLE_COULDNT_RESOLVE_HOST:
        nb_error_set(err, ENOENT,
                     _("cannot find the host %s (its name does not resolve); check the address and the "
                       "network connection, or save the page from the browser and open the saved file"),
                     host);
        return;
    case CURLE_COULDNT_RESOLVE_PROXY:
        nb_error_set(err, ENOENT,
                     _("cannot find the proxy server (%s); check http_proxy and https_proxy in the "
                       "environment"),
                     detail);
        return;
    case CURLE_COULDNT_CONNECT:
        nb_error_set(err, ECONNREFUSED,
                     _("%s refused the connection or cannot be reached; check the address (and its "
                       "port), try again later, or save the page from the browser and open the saved "
                       "file"),
                     host);
        return;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        nb_error_set(err, EIO,
                     _("the connection broke off before the whole answer arrived (%s); try again, or "
                       "save the page from the browser and open the saved file"),
                     detail);
        return;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: say_tls(rc, host, detail, err); return;
    default:
        nb_error_set(err, EIO,
                     _("cannot fetch it (%s); try again, or save the page from the browser and open "
                       "the saved file"),
                     detail);
    }
}

/* A failed transfer in words, with what the reviewer can do. */
static void say_failure(CURLcode rc, const transfer *t, long status, const char *host,
                        const char *detail, nb_error *err) {
    if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        nb_error_set(err, EFBIG,
                     _("the answer is larger than %zu bytes, more than any report; nianbao stopped "
                       "fetching it. Check that the address is the report's page or its PDF, or save "
                       "the file from the browser and open it"),
                     t->max_bytes);
        return;
    }
    switch (rc) {
    case CURLE_HTTP_RETURNED_ERROR: say_status(status, err); return;
    case CURLE_TOO_MANY_REDIRECTS:
        nb_error_set(err, ELOOP,
                     _("the address redirects more than %d times (a redirect loop?); open it in a "
                       "browser, save the page it ends on and open the saved file"),
                     NB_FETCH_MAX_REDIRECTS);
        return;
    case CURLE_UNSUPPORTED_PROTOCOL:
        nb_error_set(err, EINVAL,
                     _("the address leads to something other than http or https (%s); nianbao fetches "
                       "only web pages: download the file and open it"),
                     detail);
        return;
    case CURLE_URL_MALFORMAT:
        nb_error_set(err, EINVAL, _("this is not a valid web address (%s); check it"), detail);
        return;
    case CURLE_OUT_OF_MEMORY: nb_error_set(err, ENOMEM, _("out of memory")); return;
    default: say_network(rc, t->seconds, host, detail, err);
    }
}

/* libcurl's global state, made once for the process. */
static int curl_ready(nb_error *err) {
    static bool ready;
    if (ready) return 0;
    if (nb_libs_curl(err) != 0) return -1;
    if (nb_curl.curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        nb_error_set(err, EIO, _("cannot start the web client (libcurl)"));
        return -1;
    }
    atexit(nb_curl.curl_global_cleanup);
    ready = true;
    return 0;
}

/* The limits: the defaults, lowered or raised from the environment. */
static int fetch_limits(transfer *t, nb_error *err) {
    unsigned long long seconds = NB_FETCH_TOTAL_SECONDS, bytes = NB_TEXT_MAX_BYTES;
    if (env_limit("NIANBAO_FETCH_TIMEOUT", getenv("NIANBAO_FETCH_TIMEOUT"), 1, 3600, &seconds,
                  err) != 0 ||
        env_limit("NIANBAO_FETCH_MAX_BYTES", getenv("NIANBAO_FETCH_MAX_BYTES"), 1, NB_TEXT_MAX_BYTES,
                  &bytes, err) != 0)
        return -1;
    t->seconds = (long)seconds;
    t->max_bytes = (size_t)bytes;
    return 0;
}

int nb_url_fetch(const char *url, nb_fetched *out, nb_error *err) {
    memset(out, 0, sizeof *out);
    if (!nb_url_is_web(url) || strlen(url) > NB_URL_MAX_BYTES) {
        nb_error_set(err, EINVAL,
                     _("not a web address nianbao fetches: it must start with http:// or https:// and "
                       "be at most %d bytes long"),
                     NB_URL_MAX_BYTES);
        return -1;
    }
    transfer t = {0};
    if (fetch_limits(&t, err) != 0 || curl_ready(err) != 0) return -1;
    CURL *c = nb_curl.curl_easy_init();
    if (!c) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    CURLcode rc = set_options(c, url, &t, errbuf);
    if (rc == CURLE_OK) rc = nb_curl.curl_easy_perform(c);
    long status = 0;
    nb_curl.curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    nb_curl.curl_easy_cleanup(c);
    if (rc == CURLE_OK && !t.body.failed && status >= 300) rc = CURLE_HTTP_RETURNED_ERROR;
    if (rc != CURLE_OK || t.body.failed) {
        char host[256];
        url_host(url, host, sizeof host);
        if (t.body.failed) rc = CURLE_OUT_OF_MEMORY;
        say_failure(rc, &t, status, host, errbuf[0] ? errbuf : nb_curl.curl_easy_strerror(rc), err);
        nb_buf_free(&t.body);
        return -1;
    }
    if (t.body.len == 0) {
        nb_buf_free(&t.body);
        nb_error_set(err, ENODATA,
                     _("the server sent an empty answer; open the address in a browser to see what it "
                       "shows"));
        return -1;
    }
    out->bytes = nb_buf_take(&t.body, &out->len);
    if (!out->bytes) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    nb_time_now_iso(out->time);
    return 0;
}
