/* Loading libraries on first use (nianbao/libs.h). */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

#include "nianbao/libs.h"

nb_poppler_api nb_poppler;
nb_libxml_api nb_libxml;
nb_curl_api nb_curl;
nb_xlsx_api nb_xlsx;

/* One library: its file, the symbols to find in it (with those of the
 * libraries it depends on), the table they go to, and the outcome. */
typedef struct library {
    const char *soname;
    const char *package; /* the Debian package that holds it */
    const char *const *names;
    void **slots;
    size_t n;
    pthread_once_t once;
    char why[256]; /* empty once loaded */
} library;

#define NB_LIBS_NAME(name) #name,
static const char *const poppler_names[] = {NB_POPPLER_NAMES(NB_LIBS_NAME)};
static const char *const libxml_names[] = {NB_LIBXML_NAMES(NB_LIBS_NAME)};
static const char *const curl_names[] = {NB_CURL_NAMES(NB_LIBS_NAME)};
static const char *const xlsx_names[] = {NB_XLSX_NAMES(NB_LIBS_NAME)};

/* The tables are filled as arrays of pointers: every member is one. */
_Static_assert(sizeof nb_poppler == sizeof poppler_names / sizeof *poppler_names * sizeof(void *),
               "one poppler member per name");
_Static_assert(sizeof nb_libxml == sizeof libxml_names / sizeof *libxml_names * sizeof(void *),
               "one libxml2 member per name");
_Static_assert(sizeof nb_curl == sizeof curl_names / sizeof *curl_names * sizeof(void *),
               "one libcurl member per name");
_Static_assert(sizeof nb_xlsx == sizeof xlsx_names / sizeof *xlsx_names * sizeof(void *),
               "one libxlsxwriter member per name");

#define LIBRARY(soname, package, names, table)                                             \
    {soname, package, names, (void **)&table, sizeof names / sizeof *names, PTHREAD_ONCE_INIT, \
     "not loaded"}
static library poppler = LIBRARY(NB_POPPLER_SONAME, "libpoppler-glib8", poppler_names, nb_poppler);
static library libxml = LIBRARY(NB_LIBXML_SONAME, "libxml2", libxml_names, nb_libxml);
static library curl = LIBRARY(NB_CURL_SONAME, "libcurl4", curl_names, nb_curl);
static library xlsx = LIBRARY(NB_XLSX_SONAME, "libxlsxwriter4", xlsx_names, nb_xlsx);

static void load(library *lib) {
    /* never closed: the readers' objects live until the process ends */
    void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(lib->why, sizeof lib->why, "%s", dlerror());
        return;
    }
    for (size_t i = 0; i < lib->n; i++) {
        void *sym = dlsym(handle, lib->names[i]);
        if (!sym) {
            snprintf(lib->why, sizeof lib->why, "%s: %s", lib->soname, lib->names[i]);
            return;
        }
        lib->slots[i] = sym;
    }
    lib->why[0] = '\0';
}

static void load_poppler(void) { load(&poppler); }
static void load_libxml(void) { load(&libxml); }
static void load_curl(void) { load(&curl); }
static void load_xlsx(void) { load(&xlsx); }

static int loaded(library *lib, const char *what, nb_error *err) {
    if (!lib->why[0]) return 0;
    nb_error_set(err, ENOENT, _("%s needs the library %s, which cannot be loaded (%s): install the "
                                "package %s"),
                 what, lib->soname, lib->why, lib->package);
    return -1;
}

int nb_libs_poppler(nb_error *err) {
    pthread_once(&poppler.once, load_poppler);
    return loaded(&poppler, _("Reading a PDF"), err);
}

int nb_libs_libxml(nb_error *err) {
    pthread_once(&libxml.once, load_libxml);
    return loaded(&libxml, _("Reading a web page"), err);
}

int nb_libs_curl(nb_error *err) {
    pthread_once(&curl.once, load_curl);
    return loaded(&curl, _("Fetching a web address"), err);
}

int nb_libs_xlsx(nb_error *err) {
    pthread_once(&xlsx.once, load_xlsx);
    return loaded(&xlsx, _("Writing a spreadsheet"), err);
}
