/* `nianbao verify REVIEW.yaml`: is this signed review still what was
 * signed? Checks the file's format, that its source still has the
 * recorded SHA-256, and that the signed tables are unchanged since the
 * sign-off. Exit 0 all good, 1 a mismatch or no valid sign-off, 2 the
 * file cannot be read or is malformed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "nianbao/cli.h"
#include "nianbao/common.h"
#include "nianbao/review.h"

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao verify REVIEW.yaml\n"
              "Check that a signed review still matches its source and its sign-off.\n"
              "Exit status: 0 all good, 1 a mismatch, a missing source or no valid sign-off,\n"
              "2 an unreadable or malformed review file.\n"));
}

/* One line of the report. `text` may hold the review file's texts (the
 * reviewer, the time, the source's name), which anyone may have written:
 * it is sanitised. */
static void line(const char *mark, const char *text) { nb_out_printf(stdout, "%-9s %s\n", mark, text); }

static const nb_option verify_options[] = {{'h', 'h', "help", false}};

/* The review file named on the command line into *path: -1 to go on,
 * else the exit status to return now. */
static int parse_args(int argc, char **argv, const char **path) {
    nb_args a;
    nb_args_start(&a, argc, argv, verify_options, 1);
    for (int id; (id = nb_args_next(&a)) != NB_ARG_DONE;) {
        if (id == 'h') {
            usage(stdout);
            return nb_out_finish("verify", NB_EXIT_OK);
        }
        if (id != NB_ARG_OPERAND) {
            nb_out_printf(stderr, _("nianbao verify: unknown option %s\n"), a.arg);
            return NB_EXIT_TROUBLE;
        }
        if (*path) {
            fprintf(stderr, _("nianbao verify: one review file at a time\n"));
            return NB_EXIT_TROUBLE;
        }
        *path = a.value;
    }
    if (!*path) {
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
    return -1;
}

/* What became of the source since the review. */
static void print_source(const nb_verify_result *res, const char *ok, const char *bad, const char *none) {
    char buf[8192]; /* room for a long path */
    if (!res->source_found && res->source_problem[0]) {
        /* TRANSLATORS: the reason names the file, e.g. "r.txt is not a regular file ..." */
        snprintf(buf, sizeof buf, _("source: not read: %s"), res->source_problem);
        line(none, buf);
    } else if (!res->source_found) {
        line(none, _("source: not found (looked beside the review file and where it was made)"));
    } else if (res->source_unchanged) {
        snprintf(buf, sizeof buf, _("source %s: unchanged (sha256 %.12s…)"), res->source_path,
                 res->actual_source_sha256);
        line(ok, buf);
    } else {
        snprintf(buf, sizeof buf, _("source %s: changed since the review (sha256 %.12s…, recorded %.12s…)"),
                 res->source_path, res->actual_source_sha256, res->recorded_source_sha256);
        line(bad, buf);
    }
    if (res->source_url) {
        /* TRANSLATORS: the web address, then when it was fetched (ISO 8601) */
        snprintf(buf, sizeof buf, _("source: the copy of %s fetched at %s"), res->source_url,
                 res->source_fetched[0] ? res->source_fetched : "?");
        line(_("note"), buf);
    }
}

/* Informational: the edit log replayed on the source. */
static void print_replay(const nb_verify_result *res, const char *ok) {
    if (!res->replay_checked) return;
    if (res->replay_differences == 0) {
        line(ok, _("tables: the edit log replayed on the source gives the same values"));
        return;
    }
    char buf[8192];
    snprintf(buf, sizeof buf,
             ngettext("tables: %d cell differs from the edit log replayed on the source (%s): "
                      "edited by hand, or read differently by this version of nianbao",
                      "tables: %d cells differ from the edit log replayed on the source (first: "
                      "%s): edited by hand, or read differently by this version of nianbao",
                      (unsigned long)res->replay_differences),
             res->replay_differences, res->replay_first_difference);
    line(_("note"), buf);
}

static void print_signoff(const nb_verify_result *res, const char *ok, const char *bad, const char *none) {
    if (!res->signed_off) {
        line(none, _("sign-off: none; the review has not been signed"));
        return;
    }
    char buf[8192];
    snprintf(buf, sizeof buf, _("sign-off: %s by %s at %s%s"), nb_verdict_name(res->verdict),
             res->reviewer, res->time, res->override ? _(" (with an override of open errors)") : "");
    line(res->signoff_void ? bad : ok, buf);
    if (res->signoff_void) line(bad, _("sign-off: void, the review was edited after it"));
    line(res->signoff_source_matches ? ok : bad,
         res->signoff_source_matches ? _("sign-off: made on this source")
                                     : _("sign-off: made on a different version of the source"));
    line(res->data_unchanged ? ok : bad,
         res->data_unchanged ? _("signed data: unchanged since the sign-off")
                             : _("signed data: the tables were changed after the sign-off"));
    line(res->seal_unchanged ? ok : bad,
         res->seal_unchanged ? _("sign-off: verdict, notes and finding statuses as signed")
                             : _("sign-off: the verdict, a note or a finding status was changed after the "
                                 "sign-off (or it has no seal)"));
}

int nb_cmd_verify(int argc, char **argv) {
    const char *path = NULL;
    int status = parse_args(argc, argv, &path);
    if (status >= 0) return status;
    nb_verify_result res;
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_verify(path, &res, &err) != 0) {
        nb_out_printf(stderr, _("nianbao verify: %s\n"), err.message);
        return NB_EXIT_TROUBLE;
    }
    const char *ok = _("ok"), *bad = _("MISMATCH"), *none = _("missing");
    char buf[8192]; /* room for a long path */
    snprintf(buf, sizeof buf, _("%s: format nianbao/%d"), path, res.format);
    line(ok, buf);
    print_source(&res, ok, bad, none);
    print_replay(&res, ok);
    print_signoff(&res, ok, bad, none);
    bool good = nb_verify_ok(&res);
    printf("%s\n", good ? _("verified: the review holds") : _("NOT verified"));
    nb_verify_result_free(&res);
    return nb_out_finish("verify", good ? NB_EXIT_OK : NB_EXIT_FOUND);
}
