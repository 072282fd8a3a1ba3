/* The narrative check's lexicon: the phrases of statements.c and the
 * word lists it uses, parsed once into words and indexed by their last
 * two bytes, so that the keys and filler ending at a place are found
 * without trying every phrase. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include "check-internal.h"
#include "narrative-internal.h"
#include "prose.h"
#include "statements.h"
#include "words.h"

/* A sentence about letters, proposals or licences does not take its
 * topic from the sentence before ("…受理政府信息公开申请20件。办理人大
 * 建议15件，办结15件" is not about requests). */
#define FOREIGN "来信|来电|来访|咨询|建议|提案|热线|12345|留言|许可|审批|政务服务|办件|信件|诉求|工单"
/* How a sentence names the rows of table 四 (for "@" in claims). */
#define REVIEW_NAMED "行政复议|复议机关|复议决定"
#define SUIT_NAMED "诉讼|起诉|法院"
/* Between 占 and the percentage: "占总数的47.63%". */
#define SHARE_FILL "比|比例|比重|比为|总数|总量|全部|申请|办理|总|的|为|达|数|结果"

unsigned nb_lex_bucket(unsigned char a, unsigned char b) {
    return ((unsigned)a * 256u + b) % BUCKETS;
}

static unsigned word_bucket(const nb_word *w) {
    const unsigned char *s = (const unsigned char *)w->s;
    return w->len >= 2 ? nb_lex_bucket(s[w->len - 2], s[w->len - 1]) : nb_lex_bucket(0, s[0]);
}

static bool index_word(int *heads, const nb_word *w, int statement) {
    unsigned b = word_bucket(w);
    if (statement < 0) /* filler once is enough */
        for (int k = heads[b]; k >= 0; k = nb_lex.entries[k].next)
            if (nb_lex.entries[k].w->len == w->len && !memcmp(nb_lex.entries[k].w->s, w->s, w->len)) return true;
    if (nb_lex.nentries == POOL_WORDS) return false;
    nb_lex.entries[nb_lex.nentries] = (indexed){w, statement, heads[b]};
    heads[b] = nb_lex.nentries++;
    return true;
}

static bool parse(const char *spec, nb_words *out) {
    return nb_words_parse(spec, nb_lex.pool, &nb_lex.used, POOL_WORDS, out);
}

static bool compile_statement(int i) {
    const nb_statement *s = &nb_statements[i];
    compiled_statement *c = &nb_lex.st[i];
    bool ok = parse(s->key, &c->key) && parse(s->after, &c->after) && parse(s->fill, &c->fill) &&
              parse(s->topic, &c->topic) && parse(s->about, &c->about) &&
              parse(s->rivals, &c->rivals) && parse(s->not_in_clause, &c->not_in_clause) &&
              parse(s->not_in_context, &c->not_in_context);
    for (int k = 0; ok && k < c->key.n; k++) ok = index_word(nb_lex.key_head, &c->key.w[k], i);
    for (int k = 0; ok && k < c->fill.n; k++) ok = index_word(nb_lex.fill_head, &c->fill.w[k], -1);
    return ok;
}

static void compile(void) {
    for (int b = 0; b < BUCKETS; b++) nb_lex.key_head[b] = nb_lex.fill_head[b] = -1;
    bool ok = nb_statement_count <= MAX_STATEMENTS && nb_claim_count <= MAX_CLAIMS &&
              parse(FOREIGN, &nb_lex.foreign) && parse(REVIEW_NAMED, &nb_lex.review_named) &&
              parse(SUIT_NAMED, &nb_lex.suit_named) && parse("上年|去年|上一年|同期|前年", &nb_lex.other_years) &&
              parse("次|以上|左右|多|余", &nb_lex.approximate_after) && parse("同比", &nb_lex.same_period) &&
              parse("较|比|相比", &nb_lex.compare) && parse("上年|上一年|去年", &nb_lex.last_year_words) &&
              parse(SHARE_FILL, &nb_lex.share_fill) && parse("增加|新增", &nb_lex.more) &&
              parse("减少", &nb_lex.fewer) &&
              parse("上年结转|上年度结转|上一年度结转|上一年结转|结转上年", &nb_lex.carried) &&
              parse("含|包括|包含", &nb_lex.including);
    for (size_t i = 0; ok && i < nb_statement_count; i++) ok = compile_statement((int)i);
    for (size_t i = 0; ok && i < nb_claim_count; i++) {
        const nb_claim *s = &nb_claims[i];
        compiled_claim *c = &nb_lex.cl[i];
        ok = parse(s->trigger, &c->trigger) && parse(s->fill, &c->fill) && parse(s->topic, &c->topic);
        for (int k = 0; ok && k < 3; k++) ok = parse(s->subjects[k].words, &c->subjects[k]);
    }
    nb_lex.ok = ok;
}

bool nb_lexicon_ready(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, compile);
    return nb_lex.ok;
}

nb_lexicon nb_lex;
