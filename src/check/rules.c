/* The rule table (nb_check_rules, `check --list-rules`), made from the
 * one list of rules, NB_CHECK_RULES in check-internal.h. It calls
 * nothing: findings.c reads each finding's id and severity here. */
#include "config.h"

#include "check-internal.h"

#define RULE_INFO(name, ...) __VA_ARGS__,
static const nb_rule_info rules[] = {NB_CHECK_RULES(RULE_INFO)};
#undef RULE_INFO

const nb_rule_info *nb_check_rules(int *count) {
    if (count) *count = (int)(sizeof rules / sizeof rules[0]);
    return rules;
}
