/* Comparing agency names as reports write them ("洪泽区人民政府",
 * "淮安市洪泽区人民政府"): the one place that says when two names are
 * one agency. Two questions, two answers: whether two names may be the
 * same agency (a title that names none, or a shorter form inside a
 * longer one: used to join the parts of one report), and whether they
 * surely are (used to pair a report with the same agency's report of the
 * year before). */
#ifndef NIANBAO_AGENCY_H
#define NIANBAO_AGENCY_H

#include <stdbool.h>

/* True when either name is empty (unknown) or one holds the other. */
bool nb_agency_may_be_same(const char *a, const char *b);

/* True when both are named, at least NB_AGENCY_MIN_SHARED_BYTES long,
 * and equal, or differ only by the parent region in front of the longer
 * (淮安市洪泽区人民政府 = 洪泽区人民政府; what it adds ends in 省, 市, 区,
 * 县, 州, 盟 or 旗) while the shorter still names a place (holds one of
 * those, 镇, 乡 or 街道): 人民政府 and 区人民政府 are no agency's name. */
bool nb_agency_same(const char *a, const char *b);

/* True when agency a (formerly a_former, "" when its title names no
 * former name) and agency b (formerly b_former) are one body: the same
 * name (nb_agency_same), or one renamed from the other, as a title says
 * ("淮安市数据局（原淮安市大数据管理局）…"). */
bool nb_agency_same_body(const char *a, const char *a_former, const char *b, const char *b_former);

/* Three CJK characters in UTF-8: a shorter shared tail ("政府") says
 * nothing about the agency. */
#define NB_AGENCY_MIN_SHARED_BYTES 9

#endif
