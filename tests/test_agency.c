/* When two agency names are one agency (agency.c): the same name, a name
 * with and without its parent region, and the names that must not match
 * (another place, a generic tail, a prefix that is no region). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "nianbao/agency.h"

static void test_same(void **state) {
    (void)state;
    assert_true(nb_agency_same("洪泽区人民政府", "洪泽区人民政府"));
    /* the parent region in front, either way round */
    assert_true(nb_agency_same("淮安市洪泽区人民政府", "洪泽区人民政府"));
    assert_true(nb_agency_same("洪泽区人民政府", "淮安市洪泽区人民政府"));
    assert_true(nb_agency_same("江苏省淮安市洪泽区人民政府", "洪泽区人民政府"));
    assert_true(nb_agency_same("江南市青禾县", "青禾县"));
    assert_true(nb_agency_same("淮安市洪泽区教育局", "洪泽区教育局"));
    assert_true(nb_agency_same("某县禾丰镇人民政府", "禾丰镇人民政府"));
    assert_true(nb_agency_same("内蒙古自治区某盟某旗人民政府", "某旗人民政府"));
}

static void test_not_same(void **state) {
    (void)state;
    /* unknown names pair with nothing */
    assert_false(nb_agency_same("", "洪泽区人民政府"));
    assert_false(nb_agency_same("", ""));
    /* another place of the same kind */
    assert_false(nb_agency_same("青禾市", "青禾县"));
    assert_false(nb_agency_same("北京市朝阳区人民政府", "长春市朝阳区人民政府"));
    /* a tail that names no place */
    assert_false(nb_agency_same("洪泽区人民政府", "人民政府"));
    assert_false(nb_agency_same("淮安市人民政府办公室", "人民政府办公室"));
    /* what is cut is not a region: 区人民政府 is not 洪泽区人民政府 */
    assert_false(nb_agency_same("洪泽区人民政府", "区人民政府"));
    assert_false(nb_agency_same("淮安市教育局", "市教育局"));
    assert_false(nb_agency_same("某市试区", "测试区"));
    /* too short to say anything */
    assert_false(nb_agency_same("政府", "政府"));
}

static void test_may_be_same(void **state) {
    (void)state;
    assert_true(nb_agency_may_be_same("", "洪泽区人民政府"));
    assert_true(nb_agency_may_be_same("淮安市洪泽区人民政府", "洪泽区"));
    assert_false(nb_agency_may_be_same("青禾市", "青禾县"));
}

static void test_same_body(void **state) {
    (void)state;
    /* renamed, as this year's title says ("X（原Y）"), in either order */
    assert_true(nb_agency_same_body("淮安市数据局", "淮安市大数据管理局", "淮安市大数据管理局", ""));
    assert_true(nb_agency_same_body("淮安市大数据管理局", "", "淮安市数据局", "淮安市大数据管理局"));
    /* the former name with its parent region in front still matches */
    assert_true(nb_agency_same_body("洪泽区数据局", "洪泽区大数据中心", "淮安市洪泽区大数据中心", ""));
    /* no former name: two names are two bodies */
    assert_false(nb_agency_same_body("淮安市数据局", "", "淮安市大数据管理局", ""));
    /* a former name that is neither's */
    assert_false(nb_agency_same_body("淮安市数据局", "淮安市信息中心", "淮安市大数据管理局", ""));
    assert_true(nb_agency_same_body("洪泽区人民政府", "", "淮安市洪泽区人民政府", ""));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same),
        cmocka_unit_test(test_not_same),
        cmocka_unit_test(test_may_be_same),
        cmocka_unit_test(test_same_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
