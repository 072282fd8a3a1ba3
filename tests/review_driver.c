/* A small stand-in for the review screen, driven by tests/test_crash.sh:
 * it opens a report's review the way the TUI does (resuming the review
 * file, offering the recovery file), applies edits, and then
 *   edit  waits for a signal; SIGTERM/SIGHUP/SIGINT only set a flag, and
 *         the main loop writes the recovery file (never from the handler);
 *   save  saves to the review file and exits;
 *   sign  signs off (with an override of open errors) and saves;
 *   show  prints every cell as `id=value` and exits.
 * Usage: review_driver MODE REPORT [CELL=VALUE | confirm:RULE=NOTE]...
 * (REPORT may be a web address: its copy is kept in the current folder
 * and reviewed; confirm: marks every finding of RULE confirmed in source)
 * Output lines for the script: "recovered", "resumed", "ready", "saved",
 * "recovery written", then cells. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nianbao/review.h"

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) { stop_signal = sig; }

/* confirm:RULE=NOTE: every finding of RULE confirmed in source, with NOTE. */
static int confirm_rule(nb_review *rv, const char *arg) {
    const char *eq = strchr(arg, '=');
    if (!eq) return -1;
    char rule[64];
    snprintf(rule, sizeof rule, "%.*s", (int)(eq - arg), arg);
    int judged = 0;
    for (int i = 0; i < rv->findings.count; i++) {
        if (strcmp(rv->findings.items[i].rule, rule) != 0) continue;
        char key[sizeof rv->findings.items[i].key];
        memcpy(key, rv->findings.items[i].key, sizeof key); /* the findings are re-run */
        nb_error err;
        if (nb_review_set_status(rv, key, NB_STATUS_CONFIRMED, eq + 1, &err) != 0) return -1;
        judged++;
    }
    return judged ? 0 : -1;
}

static int apply_edit(nb_review *rv, const char *arg) {
    if (strncmp(arg, "confirm:", 8) == 0) return confirm_rule(rv, arg + 8);
    const char *eq = strchr(arg, '=');
    if (!eq) return -1;
    char id[128];
    snprintf(id, sizeof id, "%.*s", (int)(eq - arg), arg);
    int cell = nb_template_find_cell(rv->current.tpl, id);
    nb_number v;
    if (cell < 0 || !nb_number_parse(eq + 1, strlen(eq + 1), &v)) return -1;
    nb_error err;
    if (nb_review_set_cell(rv, cell, v, NULL, "review_driver", &err) != 0) {
        fprintf(stderr, "review_driver: %s\n", err.message);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: review_driver edit|save|sign|show REPORT [CELL=VALUE]...\n");
        return 2;
    }
    const char *mode = argv[1], *report = argv[2];
    /* As the TUI does: handlers first, and they only set a flag. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    nb_document doc;
    nb_error err;
    /* A web address is fetched and its copy reviewed, as the TUI does. */
    if (nb_document_open(&doc, report, NULL, &err) != 0) {
        fprintf(stderr, "review_driver: %s\n", err.message);
        return 2;
    }
    report = doc.path;
    int index = -1;
    for (int i = 0; i < doc.nreports && index < 0; i++)
        if (doc.reports[i].has_tables) index = i;
    if (index < 0) {
        fprintf(stderr, "review_driver: no report with tables in %s\n", report);
        return 2;
    }
    nb_review rv;
    if (nb_review_open(&rv, &doc, index, &err) != 0) return 2;
    snprintf(rv.reviewer, sizeof rv.reviewer, "crash-test");
    char *path = nb_review_default_path(report);
    bool recovered = false;
    if (nb_review_recovery_exists(path)) {
        if (nb_review_recover(&rv, path, NULL, NULL, &err) != 0) {
            fprintf(stderr, "review_driver: %s\n", err.message);
            return 2;
        }
        printf("recovered\n");
        recovered = true;
    } else {
        FILE *f = fopen(path, "rb");
        if (f) {
            fclose(f);
            if (nb_review_load(&rv, path, NULL, NULL, &err) != 0) {
                fprintf(stderr, "review_driver: %s\n", err.message);
                return 2;
            }
            printf("resumed\n");
        }
    }
    for (int i = 3; i < argc; i++)
        if (apply_edit(&rv, argv[i]) != 0) {
            fprintf(stderr, "review_driver: cannot apply %s\n", argv[i]);
            return 2;
        }
    int status = 0;
    if (strcmp(mode, "edit") == 0) {
        printf("ready\n");
        fflush(stdout);
        while (!stop_signal) {
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        if (nb_review_dirty(&rv)) {
            if (nb_review_write_recovery(&rv, path, &err) != 0) {
                fprintf(stderr, "review_driver: %s\n", err.message);
                status = 1;
            } else {
                printf("recovery written\n");
            }
        }
    } else if (strcmp(mode, "save") == 0) {
        if (nb_review_save(&rv, path, &err) != 0) {
            fprintf(stderr, "review_driver: %s\n", err.message);
            status = 1;
        } else {
            /* the recovery loaded above is in the review now */
            if (recovered) nb_review_discard_recovery(path);
            printf("saved\n");
        }
    } else if (strcmp(mode, "sign") == 0) {
        /* Sign off (overriding open errors, with a note) and save. */
        if (nb_review_sign(&rv, "crash-test", NB_VERDICT_APPROVED_WITH_NOTES, "signed by the test", true,
                           "test override", &err) != 0 ||
            nb_review_save(&rv, path, &err) != 0) {
            fprintf(stderr, "review_driver: %s\n", err.message);
            status = 1;
        } else {
            if (recovered) nb_review_discard_recovery(path);
            printf("signed\n");
        }
    } else if (strcmp(mode, "show") == 0) {
        printf("dirty=%d\n", nb_review_dirty(&rv) ? 1 : 0);
        for (int i = 0; i < rv.current.tpl->ncells; i++) {
            char id[128], v[48] = "null";
            nb_template_cell_id(rv.current.tpl, i, id, sizeof id);
            if (rv.current.cells[i].has_value) nb_number_format(rv.current.cells[i].value, v, sizeof v);
            printf("%s=%s\n", id, v);
        }
    } else {
        fprintf(stderr, "review_driver: unknown mode %s\n", mode);
        status = 2;
    }
    free(path);
    nb_review_free(&rv);
    nb_document_free(&doc);
    return status;
}
