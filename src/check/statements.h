/* What the narrative says about the tables, as data: the phrases reports
 * use for a cell's figure ("全年共受理政府信息公开申请 N 件"), each mapped
 * to the cell or the sum of cells it means, and the claims that there
 * were none ("未发生政府信息公开行政复议") or that all appeals were
 * upheld. narrative.c finds them in the text and compares; this table is
 * where a new phrase is added. Internal to src/check.
 *
 * Word lists are strings: "|" separates alternatives, and in `topic` "&"
 * joins words that must all be there ("申请&公开"). Cells are named by
 * their ids in the templates (template.c): "applications.new_received.total";
 * "+" adds cells, "|" separates readings (any one that holds is enough,
 * the first is the one a finding names), "*" at the end of a row id
 * stands for every row whose id begins so ("applications.withheld_*.total"
 * is the whole group (三)). A reading that names a cell the report's
 * template does not have is left out, so one entry serves both templates
 * ("active.normative_documents.issued|active.normative_documents.made"). */
#ifndef NIANBAO_STATEMENTS_H
#define NIANBAO_STATEMENTS_H

#include <stdbool.h>
#include <stddef.h>

/* The unit right after the number. */
enum {
    NB_UNIT_JIAN = 1u << 0,  /* 件 */
    NB_UNIT_XIANG = 1u << 1, /* 项 */
    NB_UNIT_MONEY = 1u << 2, /* 万元 or 元 */
};

enum {
    /* The clause compares with last year ("较2019年减少1项"): the number
     * is the year's change, not a count. */
    NB_STATEMENT_CHANGE = 1u << 0,
    /* ... and it is a decrease: compared as −N. */
    NB_STATEMENT_DECREASE = 1u << 1,
    /* The key opens its clause ("制发规章1件、规范性文件8件": the second
     * clause takes its verb from the first). */
    NB_STATEMENT_KEY_OPENS = 1u << 2,
    /* `about` must be the only one of `about` and `rivals` in the
     * sentence, not merely the last one. */
    NB_STATEMENT_ABOUT_ALONE = 1u << 3,
    /* A verb for all requests (受理, 答复, 办理): not when another
     * statement's key stands right before it ("予以公开答复 966 件" are the
     * disclosed ones, not all replies). */
    NB_STATEMENT_VERB = 1u << 4,
    /* Only the first reading when the sentence goes on to state 上年结转
     * with its own figure ("受理申请10件，上年结转1件": 10 are the new
     * ones, not new and carried; "受理11件（含上年结转1件）" may be both). */
    NB_STATEMENT_SPLIT = 1u << 5,
    /* The topic in this period (up to 。), not the one before: an
     * agency's 行政复议 in general may follow a sentence on disclosure. */
    NB_STATEMENT_TOPIC_HERE = 1u << 6,
};

typedef struct nb_statement {
    const char *id;     /* names the entry in tests: "applications.received" */
    unsigned units;     /* NB_UNIT_* the number may carry */
    /* The words that name the cell, standing right before the number with
     * only `fill` between ("受理" … "政府信息公开申请" … 3119 件) — or,
     * for a number put first, right after its unit (`after`: "103 件顺延到
     * 下年度"). */
    const char *key, *after;
    const char *fill;
    /* Every word of one alternative in this sentence before the number
     * or in the sentence before it (not the one before when this sentence
     * is about letters, proposals or licences: see narrative.c). */
    const char *topic;
    /* The last of `about` and `rivals` in the sentence before the number
     * is one of `about` ("废止 12 件" after "规范性文件", not after "规章"). */
    const char *about, *rivals;
    const char *not_in_clause;     /* none of these in the clause before the number */
    const char *not_in_context;    /* none in this sentence or the one before */
    const char *cells;             /* the readings */
    const char *share;             /* the denominators of a "占X%" that follows */
    unsigned flags;
} nb_statement;

extern const nb_statement nb_statements[];
extern const size_t nb_statement_count;

/* A claim that cells are zero, its topic in its own period (up to 。).
 * The phrase (up to ，；。) holds a trigger,
 * and everything else in it from the trigger on (or, for a closing
 * trigger, up to it) is `fill` or a subject; at least one subject. Each
 * subject names cells; "@" in a cell id stands for the rows of table 四
 * the sentence speaks of (行政复议: review; 行政诉讼: both suits; neither
 * or both: all three). */
typedef struct nb_claim_subject {
    const char *words, *cells;
} nb_claim_subject;

typedef struct nb_claim {
    const char *id;
    const char *trigger;
    bool closing;          /* the trigger ends the phrase: "行政复议、行政诉讼均为零" */
    const char *fill;
    const char *topic;     /* as for statements */
    nb_claim_subject subjects[3];
} nb_claim;

extern const nb_claim nb_claims[];
extern const size_t nb_claim_count;

#endif
