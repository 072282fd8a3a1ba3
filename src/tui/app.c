/* The review screen's entry point: parse the command line, start (load
 * the report, check the terminal, start curses, choose the report, resume
 * a saved review, offer unsaved work back), run the event loop, finish
 * (end curses, keep unsaved work if a signal ended the session). Each
 * step is a function of its own here or in its own file. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nianbao/cli.h"
#include "nianbao/fileio.h"
#include "nianbao/yamlio.h"
#include "tui.h"

void nb_tui_setup_theme(nb_app *app, const char *cli_theme) {
    const char *no_color = getenv("NO_COLOR");
    bool mono = (no_color && *no_color) || !has_colors();
    const char *name = cli_theme ? cli_theme
                       : mono    ? "monochrome"
                       : app->config.theme[0] ? app->config.theme
                                              : "default";
    nb_error err;
    nb_error_clear(&err);
    if (nb_theme_load(&app->theme, name, &err) != 0) {
        nb_app_set_message(app, true, _("Theme not used: %s. Using the default theme."), err.message);
        nb_theme_builtin(&app->theme, mono);
    }
    if (mono) app->theme.monochrome = true;
    if (!app->theme.monochrome) {
        start_color();
        use_default_colors();
    }
    nb_theme_apply(&app->theme);
}


/* Read the configuration and open the report. Returns -1 to go on, with
 * *opened 1 when the file holds several reports and none was named; or
 * the exit status. */
static int load(nb_app *app, const nb_options *opt, char *config_messages, size_t n, int *opened) {
    nb_keymap_defaults(&app->keymap);
    nb_config_load(&app->config, &app->keymap, config_messages, n);
    nb_error err;
    nb_error_clear(&err);
    if (opt->out) app->copy_dir = nb_path_dirname(opt->out);
    *opened = nb_app_open(app, opt->path, opt->report, opt->year, &err);
    if (*opened < 0) {
        nb_say("nianbao: %s", err.message);
        return 1;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s",
                _("nianbao: the review screen needs a terminal; try 'nianbao check' or 'nianbao export'\n"));
        return 2;
    }
    if (opt->out) app->review_path = strdup(opt->out);
    else if (nb_is_review_name(opt->path)) app->review_path = strdup(opt->path);
    else if (*opened != 1) app->review_path = nb_review_path_for(app->report_path, &app->doc, app->rv.report_index);
    /* else each report of the file has its own, named once it is chosen */
    if (app->review_path) nb_app_remember_review_file(app);
    return -1;
}

/* Whether this terminal can show the screen; says why not. */
bool nb_tui_terminal_fit(void) {
    /* The report is UTF-8 whatever the locale says; in the C locale of a
     * bare system curses would draw every CJK character as "~". */
    const char *codeset = nl_langinfo(CODESET);
    if (!codeset || (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0))
        if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "en_US.UTF-8");
    const char *term = getenv("TERM");
    nb_terminal_fitness fit = nb_terminal_check();
    if (fit == NB_TERMINAL_UNKNOWN) {
        nb_say(_("nianbao: the terminal type \"%s\" is unknown; set TERM (e.g. xterm-256color), or "
                 "try 'nianbao check' or 'nianbao export'"),
               term ? term : "");
        return false;
    }
    if (fit == NB_TERMINAL_NO_CURSOR) {
        nb_say(_("nianbao: the terminal \"%s\" cannot place the cursor; the review screen needs one "
                 "that can (try 'nianbao check' or 'nianbao export')"),
               term ? term : "");
        return false;
    }
    return true;
}

SCREEN *nb_tui_start_screen(void) {
    nb_signals_install(); /* before curses, or it installs handlers that lose work */
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        nb_say("%s", _("nianbao: cannot start the terminal screen"));
        return NULL;
    }
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    timeout(100); /* how soon a signal flag is noticed while no key comes */
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    /* Bracketed paste: the terminal marks pasted text (ESC[200~ ...
     * ESC[201~), so that a paste is taken as text, never as a burst of
     * commands (a megabyte pasted on the review screen was a megabyte of
     * keys and redraws). */
    define_key("\033[200~", NB_KEY_PASTE_BEGIN);
    define_key("\033[201~", NB_KEY_PASTE_END);
    fputs("\033[?2004h", stdout);
    fflush(stdout);
    return screen;
}

void nb_tui_end_screen(void) {
    fputs("\033[?2004l", stdout);
    fflush(stdout);
    endwin();
}

/* A file of several reports, none named: with -o naming a saved review,
 * resume the report it is about; else the reviewer chooses (the chooser
 * shows which reports have a review, and starts on the one saved last),
 * and the chosen report's review file is named after it. Returns -1 to go
 * on, or the exit status. */
static int choose_report(nb_app *app) {
    if (app->review_path && nb_file_exists(app->review_path)) {
        nb_review_file f;
        memset(&f, 0, sizeof f);
        nb_error ferr;
        nb_error_clear(&ferr);
        bool resumed = false;
        if (nb_review_read_file(app->review_path, &f, &ferr) == 0) {
            int index = nb_review_file_report(&app->doc, &f);
            resumed = index >= 0 && nb_app_open_report(app, index, &ferr) == 0;
        }
        nb_review_file_free(&f);
        if (resumed) return -1;
    }
    int chosen = nb_chooser_run(app);
    if (chosen < 0 || nb_sig_terminate) {
        nb_tui_end_screen();
        return 0;
    }
    nb_error err;
    nb_error_clear(&err);
    if (nb_app_open_report(app, chosen, &err) != 0) {
        nb_tui_end_screen();
        nb_say("nianbao: %s", err.message);
        return 1;
    }
    if (!app->review_path) {
        app->review_path = nb_review_path_for(app->report_path, &app->doc, chosen);
        if (app->review_path) nb_app_remember_review_file(app);
    }
    return -1;
}

/* A review saved beside the report is resumed; unsaved work from an
 * interrupted session is offered back. */
static void resume_and_recover(nb_app *app, const char *path) {
    if (!nb_is_review_name(path) && app->review_path && nb_file_exists(app->review_path))
        nb_app_resume(app, app->review_path);
    nb_recovery_offer(app);
}

/* Everything before the first key. Returns -1 to run, or the exit status. */
static int start(nb_app *app, const nb_options *opt, SCREEN **screen) {
    char config_messages[1024] = "";
    int opened;
    int status = load(app, opt, config_messages, sizeof config_messages, &opened);
    if (status >= 0) return status;
    if (!nb_tui_terminal_fit()) return 2;
    *screen = nb_tui_start_screen();
    if (!*screen) return 2;
    nb_tui_setup_theme(app, opt->theme);
    if (config_messages[0] && !app->message[0]) nb_app_set_message(app, true, "%s", config_messages);
    if (opened == 1 && (status = choose_report(app)) >= 0) return status;
    resume_and_recover(app, opt->path);
    if (opt->previous) nb_app_set_previous(app, opt->previous);
    return -1;
}

int nb_tui_review_report(nb_app *app, const char *path, int report, const char *previous, nb_error *err) {
    if (nb_app_open(app, path, report, 0, err) < 0) return -1;
    app->review_path = nb_review_path_for(app->report_path, &app->doc, report);
    nb_app_remember_review_file(app);
    resume_and_recover(app, path);
    if (previous) nb_app_set_previous(app, previous);
    return 0;
}

/* End curses; when a signal ended the session, keep the unsaved work. */
static int finish(nb_app *app, SCREEN *screen) {
    nb_tui_end_screen();
    delscreen(screen);
    if (!nb_sig_terminate) return 0;
    nb_recovery_write(app);
    return 128 + (int)nb_sig_terminate;
}

int nb_tui_main(int argc, char **argv) {
    nb_options opt;
    int status = nb_options_parse(argc, argv, &opt);
    if (status >= 0) return status;
    if (opt.list) {
        status = nb_list_main(&opt);
        free(opt.paths);
        return status;
    }
    nb_app *app = calloc(1, sizeof *app);
    if (!app) return 1;
    SCREEN *screen = NULL;
    status = start(app, &opt, &screen);
    if (status < 0) {
        nb_app_run(app);
        status = finish(app, screen);
    }
    nb_app_free(app);
    free(app);
    free(opt.paths);
    return status;
}
