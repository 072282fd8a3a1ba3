/* One token stream for every table layout. Whatever the source looks
 * like — `|` cells, markdown rows, box-drawn grids, tab fields, CSV, one
 * cell per line, space-aligned pdftotext columns — a stretch of text becomes
 * the same tokens: labels, numbers and explicit blanks, each with its
 * place in the source. The recogniser only ever sees tokens. */
#ifndef NIANBAO_CELLS_H
#define NIANBAO_CELLS_H

#include "nianbao/common.h"
#include "nianbao/fold.h"
#include "nianbao/text.h"

typedef enum nb_token_kind {
    NB_TOKEN_LABEL,  /* text: a row label, a header word, a fragment */
    NB_TOKEN_NUMBER, /* a number, possibly signed, with decimals and a unit */
    NB_TOKEN_BLANK,  /* an explicit empty cell: "", NBSP-only, —, -, /, 无 */
} nb_token_kind;

typedef struct nb_token {
    nb_token_kind kind;
    size_t byte_start, byte_end; /* into nb_text.utf8, end exclusive */
    int line;                    /* 1-based */
    int col_start, col_end;      /* 1-based characters, end exclusive */
    int dcol_start, dcol_end;    /* 0-based display columns (CJK = 2), end exclusive */
    /* Which separated cell of its line the token came from (`|`, box
     * rule or tab fields), or -1 when the line has no separators. */
    int cell;
    /* numbers */
    nb_number number;
    bool absurd;        /* no value: more digits than NB_NUMBER_MAX_UNITS allows, or mangled */
    /* A number mangled in typing or recognition: a letter O, o, l or I for
     * a digit ("2O"), or a 。 between digits. It holds a cell's place, its
     * value is never guessed: absurd is set too. (Digits with a space
     * among them are not taken: a cell of several layouts holds several
     * values so.) */
    bool mangled;
    char unit[24];      /* "万元", "元" when written with the number */
    /* blanks: what stood there ("—", "/", "无"; "" for an empty field) */
    char blank_text[16];
    /* labels: the folded text used for matching, see nb_fold_text */
    size_t norm_off, norm_len;
} nb_token;

typedef struct nb_token_list {
    nb_token *v;
    size_t n, cap;
    char *norm; /* folded label texts, each NUL-terminated */
    size_t norm_len, norm_cap;
    bool oom;   /* an allocation failed; the list is incomplete */
} nb_token_list;

/* Tokenise the lines of `t` that start in [byte_start, byte_end).
 * Page footers ("- 3 -", "第 3 页") and rule lines are dropped. Appends to
 * `out`; returns 0, or -1 when memory ran out. */
int nb_tokenize(const nb_text *t, size_t byte_start, size_t byte_end, nb_token_list *out);
void nb_token_list_free(nb_token_list *l);

/* Folded label text of a token (NUL-terminated). */
static inline const char *nb_token_text(const nb_token_list *l, const nb_token *tk) {
    return l->norm + tk->norm_off;
}

/* Read one whitespace-free word as a table number: optional sign
 * (+ - − －), digits with optional thousands commas, optional decimals,
 * optional unit (万元, 元, (万元) ...; count units such as 件 are dropped).
 * Full-width digits are accepted. Returns false for anything else (dates
 * such as 2024年, enumerators such as "3.", percentages). Sets *absurd when
 * the word is a number too large to be a count. */
bool nb_parse_number_word(const char *s, size_t n, nb_number *out, char *unit, size_t unitcap,
                          bool *absurd);

/* True when a word means "no value" in a number cell (—, -, /, 无 ...). */
bool nb_is_blank_word(const char *s, size_t n);

#endif
