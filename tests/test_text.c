/* Unit tests of the text module: decoding, the line index, the
 * normalised form and its byte map, display width and sanitising. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "nianbao/fold.h"
#include "nianbao/sha256.h"
#include "nianbao/text.h"

/* "政府信息公开" in UTF-8 and in GBK. */
#define ZHENGFU_UTF8 "\xe6\x94\xbf\xe5\xba\x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac\xe5\xbc\x80"
static const char zhengfu_gbk[] = "\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa";

static void decode_ok(const char *raw, size_t n, nb_text *t) {
    nb_error err;
    nb_error_clear(&err);
    int rc = nb_text_from_bytes(raw, n, t, &err);
    if (rc != 0) fail_msg("decoding failed: %s", err.message);
    assert_int_equal(err.code, 0);
}

static void test_utf8_plain_and_bom(void **state) {
    (void)state;
    nb_text t;
    decode_ok(ZHENGFU_UTF8 "\n", strlen(ZHENGFU_UTF8 "\n"), &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_false(t.had_bom);
    assert_string_equal(t.utf8, ZHENGFU_UTF8 "\n");
    assert_int_equal(t.invalid_count, 0);
    assert_int_equal(t.first_invalid_line, 0);
    nb_text_free(&t);

    static const char with_bom[] = "\xef\xbb\xbf" "abc " ZHENGFU_UTF8;
    decode_ok(with_bom, sizeof with_bom - 1, &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_true(t.had_bom);
    assert_string_equal(t.utf8, "abc " ZHENGFU_UTF8);
    assert_int_equal(t.len, 4 + 18);
    /* the hash is of the raw bytes, BOM included */
    unsigned char want[32];
    nb_sha256(with_bom, sizeof with_bom - 1, want);
    assert_memory_equal(t.sha256, want, 32);
    nb_text_free(&t);
}

static void test_utf16_with_bom(void **state) {
    (void)state;
    nb_text t;
    /* "政府\r\nA" and a character outside the BMP (U+20BB7 𠮷). */
    static const char le[] = "\xff\xfe" "\x3f\x65\x9c\x5e\x0d\x00\x0a\x00" "A\x00" "\x42\xd8\xb7\xdf";
    decode_ok(le, sizeof le - 1, &t);
    assert_string_equal(t.encoding, "UTF-16LE");
    assert_true(t.had_bom);
    assert_string_equal(t.utf8, "\xe6\x94\xbf\xe5\xba\x9c\r\nA\xf0\xa0\xae\xb7");
    assert_int_equal(t.invalid_count, 0);
    assert_int_equal(t.nlines, 2);
    nb_text_free(&t);

    static const char be[] = "\xfe\xff" "\x65\x3f\x5e\x9c\x00\x0a\x00" "B";
    decode_ok(be, sizeof be - 1, &t);
    assert_string_equal(t.encoding, "UTF-16BE");
    assert_string_equal(t.utf8, "\xe6\x94\xbf\xe5\xba\x9c\nB");
    nb_text_free(&t);

    /* a lone surrogate and an odd trailing byte are replaced, not fatal */
    static const char bad[] = "\xff\xfe" "A\x00" "\x00\xd8" "B\x00" "C";
    decode_ok(bad, sizeof bad - 1, &t);
    assert_string_equal(t.utf8, "A\xef\xbf\xbd" "B\xef\xbf\xbd");
    assert_int_equal(t.invalid_count, 2);
    assert_int_equal(t.first_invalid_line, 1);
    nb_text_free(&t);
}

static void test_gbk(void **state) {
    (void)state;
    nb_text t;
    char raw[64];
    snprintf(raw, sizeof raw, "1\n%s 2021\n", zhengfu_gbk);
    decode_ok(raw, strlen(raw), &t);
    assert_string_equal(t.encoding, "GB18030");
    assert_false(t.had_bom);
    assert_string_equal(t.utf8, "1\n" ZHENGFU_UTF8 " 2021\n");
    assert_int_equal(t.invalid_count, 0);
    assert_int_equal(t.nlines, 2);
    unsigned char want[32];
    nb_sha256(raw, strlen(raw), want);
    assert_memory_equal(t.sha256, want, 32);
    nb_text_free(&t);

    /* GBK with a byte cut off at the end: the rest is still GBK */
    decode_ok(zhengfu_gbk, sizeof zhengfu_gbk - 2, &t);
    assert_string_equal(t.encoding, "GB18030");
    assert_string_equal(t.utf8, "\xe6\x94\xbf\xe5\xba\x9c\xe4\xbf\xa1\xe6\x81\xaf\xe5\x85\xac"
                                "\xef\xbf\xbd");
    assert_int_equal(t.invalid_count, 1);
    assert_int_equal(t.first_invalid_line, 1);
    nb_text_free(&t);
}

static void test_invalid_utf8_replaced(void **state) {
    (void)state;
    nb_text t;
    /* Mostly valid UTF-8 with one stray Latin-1 byte on line 3 and a
     * truncated sequence at the end: stays UTF-8. */
    static const char raw[] = ZHENGFU_UTF8 "\n" ZHENGFU_UTF8 "\nca\xe9 " ZHENGFU_UTF8 "\n\xe6\x94";
    decode_ok(raw, sizeof raw - 1, &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_int_equal(t.invalid_count, 3);
    assert_int_equal(t.first_invalid_line, 3);
    assert_string_equal(t.utf8, ZHENGFU_UTF8 "\n" ZHENGFU_UTF8 "\nca\xef\xbf\xbd " ZHENGFU_UTF8
                                             "\n\xef\xbf\xbd\xef\xbf\xbd");
    nb_text_free(&t);

    /* A lone bad byte in ASCII text is not taken for GBK. */
    static const char latin1[] = "caf\xe9 au lait\n";
    decode_ok(latin1, sizeof latin1 - 1, &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_int_equal(t.invalid_count, 1);
    assert_int_equal(t.first_invalid_line, 1);
    nb_text_free(&t);

    /* Surrogates encoded in UTF-8 and overlong forms are invalid (in
     * text that is otherwise UTF-8: alone, those bytes read as GBK). */
    static const char sur[] = ZHENGFU_UTF8 ZHENGFU_UTF8 ZHENGFU_UTF8 "a\xed\xa0\x80z\xc0\xaf";
    decode_ok(sur, sizeof sur - 1, &t);
    assert_string_equal(t.encoding, "UTF-8");
    assert_int_equal(t.invalid_count, 5);
    nb_text_free(&t);
}

/* A stray NUL in an otherwise good report is replaced and counted like
 * any byte that is not text, on the line it stands on; the rest reads. */
static void test_stray_nul_replaced(void **state) {
    (void)state;
    char buf[2048];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "\xe7\xac\xac%d\xe8\xa1\x8c text\n", i + 1);
    char *third = strstr(buf, "\xe7\xac\xac" "3");
    assert_non_null(third);
    third[3] = '\0'; /* line 3: 第\0行 */
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(buf, n, &t, &err), 0);
    assert_string_equal(t.encoding, "UTF-8");
    assert_int_equal(t.invalid_count, 1);
    assert_int_equal(t.first_invalid_line, 3);
    assert_int_equal(t.nlines, 40);
    assert_non_null(strstr(t.utf8, "\xe7\xac\xac" NB_UTF8_REPLACEMENT "\xe8\xa1\x8c text"));
    assert_non_null(strstr(t.utf8, "\xe7\xac\xac" "40\xe8\xa1\x8c text"));
    nb_text_free(&t);
}

static void test_refused_inputs(void **state) {
    (void)state;
    nb_text t;
    nb_error err;

    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes("", 0, &t, &err), -1);
    assert_int_not_equal(err.code, 0);
    assert_non_null(strstr(err.message, "empty"));
    assert_null(t.utf8);

    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes("\xef\xbb\xbf", 3, &t, &err), -1);
    assert_non_null(strstr(err.message, "no text"));

    static const char elf[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(elf, sizeof elf - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "binary"));
    assert_non_null(strstr(err.message, "a program"));

    /* Binary input says what it looks like and what to do. */
    static const char docx[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(docx, sizeof docx - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "ZIP archive"));
    static const char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(png, sizeof png - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "image (PNG)"));
    static const char u16le[] = "2\x00" "0\x00" "2\x00" "3\x00" "\x74\x5e" "\n\x00";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(u16le, sizeof u16le - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "UTF-16LE"));
    static const char u16be[] = "\x00" "2\x00" "0\x00" "2\x00" "3\x5e\x74\x00\n";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(u16be, sizeof u16be - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "UTF-16BE"));

    /* no NUL, but mostly control bytes */
    static const char ctl[] = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" "abc\n";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(ctl, sizeof ctl - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "binary"));

    /* UTF-16 text holding NUL characters */
    static const char u16nul[] = "\xff\xfe" "A\x00\x00\x00" "B\x00";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(u16nul, sizeof u16nul - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "binary"));

    /* NUL bytes more often than one in a hundred: binary, or UTF-16 without a BOM */
    static const char nuls[] = "\xe6\x8a\xa5\x00\xe5\x91\x8a\x00\x31\x00\n";
    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes(nuls, sizeof nuls - 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "NUL"));

    /* tabs, form feeds and an ESC now and then are text */
    static const char ok[] = "a\tb\fc\x1b[1md\r\n1234567890 more text here\n";
    decode_ok(ok, sizeof ok - 1, &t);
    nb_text_free(&t);

    nb_error_clear(&err);
    assert_int_equal(nb_text_from_bytes("x", NB_TEXT_MAX_BYTES + 1, &t, &err), -1);
    assert_non_null(strstr(err.message, "too large"));
}

/* Writes `n` bytes to a fresh file in a temporary directory. */
static void write_file(const char *path, const char *bytes, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void test_load_file(void **state) {
    (void)state;
    char dir[] = "/tmp/nb-text-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    nb_text t;
    nb_error err;

    snprintf(path, sizeof path, "%s/report.txt", dir);
    write_file(path, zhengfu_gbk, sizeof zhengfu_gbk - 1);
    nb_error_clear(&err);
    assert_int_equal(nb_text_load_file(path, &t, &err), 0);
    assert_string_equal(t.utf8, ZHENGFU_UTF8);
    assert_string_equal(t.encoding, "GB18030");
    nb_text_free(&t);

    snprintf(path, sizeof path, "%s/empty.txt", dir);
    write_file(path, "", 0);
    nb_error_clear(&err);
    assert_int_equal(nb_text_load_file(path, &t, &err), -1);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "empty"));
    unlink(path);

    snprintf(path, sizeof path, "%s/missing.txt", dir);
    nb_error_clear(&err);
    assert_int_equal(nb_text_load_file(path, &t, &err), -1);
    assert_int_equal(err.code, ENOENT);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, strerror(ENOENT)));

    nb_error_clear(&err);
    assert_int_equal(nb_text_load_file(dir, &t, &err), -1);
    assert_int_equal(err.code, EISDIR);
    assert_non_null(strstr(err.message, dir));
    assert_non_null(strstr(err.message, strerror(EISDIR)));

    snprintf(path, sizeof path, "%s/report.txt", dir);
    unlink(path);
    rmdir(dir);
}

static void test_line_index(void **state) {
    (void)state;
    nb_text t;
    /* \n, \r\n and a lone \r each end a line; the final break adds none */
    static const char raw[] = "ab\ncd\r\nef\rgh\r\n\nij\n";
    decode_ok(raw, sizeof raw - 1, &t);
    assert_int_equal(t.nlines, 6);
    static const char *const lines[] = {"ab", "cd", "ef", "gh", "", "ij"};
    static const size_t starts[] = {0, 3, 7, 10, 14, 15};
    for (size_t i = 0; i < 6; i++) {
        size_t s, e;
        nb_text_line_bounds(&t, i, &s, &e);
        assert_int_equal(s, starts[i]);
        assert_int_equal(e - s, strlen(lines[i]));
        assert_memory_equal(t.utf8 + s, lines[i], e - s);
        assert_int_equal(nb_text_line_of(&t, s), i);
        /* the line break belongs to its line */
        if (e < t.len) assert_int_equal(nb_text_line_of(&t, e), i);
    }
    assert_int_equal(nb_text_line_of(&t, 5), 1); /* the \r of \r\n */
    assert_int_equal(nb_text_line_of(&t, 6), 1); /* its \n */
    assert_int_equal(nb_text_line_of(&t, t.len), 5);
    size_t s, e;
    nb_text_line_bounds(&t, 6, &s, &e); /* past the end: empty at len */
    assert_int_equal(s, t.len);
    assert_int_equal(e, t.len);
    nb_text_free(&t);

    /* without a final break, and a text of a single break */
    decode_ok("x\ny", 3, &t);
    assert_int_equal(t.nlines, 2);
    nb_text_line_bounds(&t, 1, &s, &e);
    assert_int_equal(s, 2);
    assert_int_equal(e, 3);
    nb_text_free(&t);
    decode_ok("\n", 1, &t);
    assert_int_equal(t.nlines, 1);
    nb_text_line_bounds(&t, 0, &s, &e);
    assert_int_equal(s, 0);
    assert_int_equal(e, 0);
    nb_text_free(&t);
}

static void test_column_of(void **state) {
    (void)state;
    nb_text t;
    /* line 2: "（一）政府 1" — full-width brackets and CJK, 3 bytes each */
    static const char raw[] = "head\n\xef\xbc\x88\xe4\xb8\x80\xef\xbc\x89" "\xe6\x94\xbf\xe5\xba\x9c 1\n";
    decode_ok(raw, sizeof raw - 1, &t);
    assert_int_equal(nb_text_column_of(&t, 0), 1);
    assert_int_equal(nb_text_column_of(&t, 3), 4);
    assert_int_equal(nb_text_column_of(&t, 5), 1);      /* （ */
    assert_int_equal(nb_text_column_of(&t, 8), 2);      /* 一 */
    assert_int_equal(nb_text_column_of(&t, 14), 4);     /* 政 */
    assert_int_equal(nb_text_column_of(&t, 17), 5);     /* 府 */
    assert_int_equal(nb_text_column_of(&t, 21), 7);     /* 1 */
    assert_int_equal(nb_text_column_of(&t, t.len), 9);  /* clamp to the end */
    nb_text_free(&t);
}

static void test_utf8_next(void **state) {
    (void)state;
    int32_t cp;
    assert_int_equal(nb_utf8_next("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(nb_utf8_next("\xc3\xa9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(nb_utf8_next("\xe6\x94\xbf", 3, &cp), 3);
    assert_int_equal(cp, 0x653F);
    assert_int_equal(nb_utf8_next("\xf0\x9f\x91\x8d", 4, &cp), 4);
    assert_int_equal(cp, 0x1F44D);
    assert_int_equal(nb_utf8_next("\xef\xbf\xbd", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFD);
    /* truncated, overlong, surrogate, above U+10FFFF, stray continuation */
    static const char *const bad[] = {"\xe6\x94", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80",
                                      "\xf4\x90\x80\x80", "\x80", "\xff", "\xf0\x80\x80\x80"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(nb_utf8_next(bad[i], strlen(bad[i]), &cp), 1);
        assert_int_equal(cp, 0xFFFD);
    }
    /* the length bound is respected */
    assert_int_equal(nb_utf8_next("\xe6\x94\xbf", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(nb_utf8_next("", 0, &cp), 0);
}

/* Encoding round-trips through nb_utf8_next; what has no UTF-8 form is
 * refused (length 0). */
static void test_utf8_put(void **state) {
    (void)state;
    static const int32_t cps[] = {0, 'A', 0x7F, 0x80, 0x7FF, 0x800, 0x653F, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
    static const size_t lens[] = {1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char buf[4];
        int32_t back;
        assert_int_equal(nb_utf8_put(buf, cps[i]), lens[i]);
        assert_int_equal(nb_utf8_next(buf, lens[i], &back), lens[i]);
        assert_int_equal(back, cps[i]);
    }
    char buf[4];
    assert_int_equal(nb_utf8_put(buf, 0xD800), 0);
    assert_int_equal(nb_utf8_put(buf, 0xDFFF), 0);
    assert_int_equal(nb_utf8_put(buf, 0x110000), 0);
    assert_int_equal(nb_utf8_put(buf, -1), 0);
}

/* Checking and repairing: each invalid byte becomes one U+FFFD, a real
 * U+FFFD and valid text are kept as they are. */
static void test_utf8_valid_and_repair(void **state) {
    (void)state;
    assert_true(nb_utf8_valid("", 0));
    assert_true(nb_utf8_valid("\xe6\x94\xbf\xef\xbf\xbd", 6));
    assert_false(nb_utf8_valid("a\xe6\x94", 3));
    assert_false(nb_utf8_valid("\xed\xa0\x80", 3));
    size_t n = 0;
    char *fixed = nb_utf8_repair("a\xe6\x94" "b\xff\xef\xbf\xbd", 8, &n);
    assert_non_null(fixed);
    assert_string_equal(fixed, "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    assert_int_equal(n, strlen(fixed));
    assert_true(nb_utf8_valid(fixed, n));
    free(fixed);
    fixed = nb_utf8_repair("\xe6\x94\xbf", 3, NULL);
    assert_string_equal(fixed, "\xe6\x94\xbf");
    free(fixed);
}

/* Bidi controls: U+202A-U+202E and U+2066-U+2069, nothing next to them. */
static void test_utf8_bidi_control(void **state) {
    (void)state;
    static const int32_t yes[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069};
    static const int32_t no[] = {0x2029, 0x202F, 0x2065, 0x206A, 0x200F, 'A'};
    char buf[4];
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(nb_utf8_is_bidi_control(buf, nb_utf8_put(buf, yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(nb_utf8_is_bidi_control(buf, nb_utf8_put(buf, no[i])));
    assert_false(nb_utf8_is_bidi_control("\xe2\x80", 2)); /* cut short */
    assert_true(nb_utf8_has_bidi_control("ab\xe2\x80\xae" "cd", 7));
    assert_false(nb_utf8_has_bidi_control("ab\xe2\x80", 4));
    assert_false(nb_utf8_has_bidi_control("\xe6\x94\xbf", 3));
}

/* Folds `in` and checks the output and, byte by byte, the map. */
static void check_fold(const char *in, const char *want, const size_t *want_map) {
    char out[256];
    size_t map[256];
    size_t outlen = nb_fold_text_map(in, strlen(in), out, sizeof out, map);
    assert_string_equal(out, want);
    assert_int_equal(outlen, strlen(want));
    for (size_t i = 0; i < outlen; i++) {
        if (map[i] != want_map[i])
            fail_msg("map[%zu] = %zu, want %zu (input \"%s\")", i, map[i], want_map[i], in);
    }
}

static void test_fold_map(void **state) {
    (void)state;
    /* full-width digits: 3 bytes each in, 1 out */
    static const size_t m1[] = {0, 3, 6};
    check_fold("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93", "123", m1);
    /* （一） → (一) */
    static const size_t m2[] = {0, 3, 3, 3, 6};
    check_fold("\xef\xbc\x88\xe4\xb8\x80\xef\xbc\x89", "(\xe4\xb8\x80)", m2);
    /* 政府 NBSP 12 U+3000 tab line break: every space goes */
    static const size_t m3[] = {0, 0, 0, 3, 3, 3, 8, 9, 16};
    check_fold("\xe6\x94\xbf\xe5\xba\x9c\xc2\xa0" "12\xe3\x80\x80\t\r\n" "x",
               "\xe6\x94\xbf\xe5\xba\x9c" "12x", m3);
    /* zero-width characters and U+FEFF are dropped */
    static const size_t m4[] = {0, 4, 8};
    check_fold("1\xe2\x80\x8b" "2\xef\xbb\xbf" "3", "123", m4);
    /* quotes, 〔〕 and the minus sign fold; the dash — stays */
    static const size_t m5[] = {0, 3, 6, 9, 12, 12, 12};
    check_fold("\xe2\x80\x9c\xe3\x80\x94\xe3\x80\x95\xe2\x88\x92\xe2\x80\x94",
               "\"()-\xe2\x80\x94", m5);
    /* an invalid byte becomes U+FFFD at its own offset */
    static const size_t m8[] = {0, 1, 1, 1, 2};
    check_fold("a\xffz", "a\xef\xbf\xbdz", m8);
    /* the output is cut at a whole character, never inside one */
    char small[5];
    assert_int_equal(nb_fold_text("1\xe6\x94\xbf\xe5\xba\x9c", 7, small, sizeof small), 4);
    assert_string_equal(small, "1\xe6\x94\xbf");
}

/* A text's folded lines, nb_fold_span and nb_fold_span_byte agree with
 * folding the bytes themselves: the span of any two character
 * boundaries, and the map back of every folded byte. */
static void check_fold_span_agrees(const nb_text *t) {
    const nb_folded_lines *f = nb_text_folded(t);
    assert_non_null(f);
    assert_int_equal(f->n, t->nlines);
    for (size_t i = 0; i < t->nlines; i++) {
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        char *want = malloc((le - ls) * 2 + 1);
        assert_non_null(want);
        nb_fold_text(t->utf8 + ls, le - ls, want, (le - ls) * 2 + 1);
        assert_string_equal(f->buf + f->off[i], want);
        free(want);
    }
    size_t step = t->len / 7 + 1;
    for (size_t a = 0; a <= t->len; a += step) {
        while (a < t->len && ((unsigned char)t->utf8[a] & 0xC0) == 0x80) a++;
        size_t b = t->len - (a % 5); /* an end inside the last line too */
        while (b > a && b < t->len && ((unsigned char)t->utf8[b] & 0xC0) == 0x80) b--;
        if (b < a) b = a;
        size_t n = b - a, got_len;
        char *got = nb_fold_span(t, a, b, &got_len);
        char *want = malloc(n * 2 + 1);
        size_t *map = malloc((n * 2 + 1) * sizeof *map);
        assert_true(got && want && map);
        size_t want_len = nb_fold_text_map(t->utf8 + a, n, want, n * 2 + 1, map);
        assert_int_equal(got_len, want_len);
        assert_memory_equal(got, want, want_len);
        for (size_t o = 0; o < want_len; o += 1 + o % 3)
            if (nb_fold_span_byte(t, a, o) != a + map[o])
                fail_msg("folded byte %zu of [%zu, %zu) maps to %zu, want %zu", o, a, b,
                         nb_fold_span_byte(t, a, o), a + map[o]);
        free(got);
        free(want);
        free(map);
    }
}

static void test_fold_span(void **state) {
    (void)state;
    static const char *const texts[] = {
        "\xe7\xbb\x9f\xe8\xae\xa1 \xe6\x9c\x9f\xe9\x99\x90\n\xe8\x87\xaa 2023 \xe5\xb9\xb4\r\n"
        "\xef\xbc\x88\xe4\xb8\x80\xef\xbc\x89\t12\xe3\x80\x80\n\n\xe2\x80\x9cx\xe2\x80\x9d",
        "one line, no break",
        "\n\n\r\n \t\n",
        "a\r\xe6\x94\xbf\rb\n\xc2\xa0\xc2\xa0\n\xef\xbc\x91\xef\xbc\x92"};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        nb_text t;
        nb_error err;
        nb_error_clear(&err);
        assert_int_equal(nb_text_from_bytes(texts[k], strlen(texts[k]), &t, &err), 0);
        check_fold_span_agrees(&t);
        nb_text_free(&t);
    }
}

static int width_of(const char *s) { return nb_display_width(s, strlen(s)); }

static void test_display_width(void **state) {
    (void)state;
    assert_int_equal(width_of(""), 0);
    assert_int_equal(width_of("a"), 1);
    assert_int_equal(width_of("\xe6\x94\xbf\xe5\xba\x9c"), 4);                   /* 政府 */
    assert_int_equal(width_of("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93"), 6);       /* １２３ */
    assert_int_equal(width_of("\xe3\x80\x80"), 2);                               /* U+3000 */
    assert_int_equal(width_of("e\xcc\x81"), 1);                                  /* e + acute */
    assert_int_equal(width_of("\xc3\xa9"), 1);                                   /* é */
    assert_int_equal(width_of("x\xe2\x80\x94y"), 3);                             /* x—y */
    assert_int_equal(width_of("\xf0\x9f\x91\x8d"), 2);                           /* 👍 */
    assert_int_equal(width_of("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"), 2);           /* 👍🏽 */
    assert_int_equal(width_of("\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3"), 2);           /* 🇨🇳 */
    assert_int_equal(width_of("\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3\xf0\x9f\x87\xba"), 3);
    /* Hangul jamo L V T make one syllable-wide cluster */
    assert_int_equal(width_of("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"), 2);
    /* controls and format characters count as their stand-ins */
    assert_int_equal(width_of("\x1b[2J"), 4);
    assert_int_equal(width_of("a\tb"), 3);
    assert_int_equal(width_of("\r\n"), 2);
    assert_int_equal(width_of("1\xe2\x80\x8b" "2"), 3);                          /* ZWSP */
    assert_int_equal(width_of("\xe2\x80\xae" "abc"), 4);                         /* RLO */
    assert_int_equal(width_of("\xc2\x85"), 1);                                   /* NEL (C1) */
    /* the joiners of an emoji sequence are drawn, so each emoji stands alone */
    assert_int_equal(width_of("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"), 5);
    /* a mark with no base gets a dotted circle */
    assert_int_equal(width_of("\xcc\x81"), 1);
    assert_int_equal(width_of("\xff"), 1);
}

static void test_grapheme_len(void **state) {
    (void)state;
    assert_int_equal(nb_grapheme_len("", 0), 0);
    assert_int_equal(nb_grapheme_len("ab", 2), 1);
    assert_int_equal(nb_grapheme_len("e\xcc\x81x", 4), 3);
    assert_int_equal(nb_grapheme_len("\xe6\x94\xbf\xe5\xba\x9c", 6), 3);
    assert_int_equal(nb_grapheme_len("\r\nx", 3), 2);
    assert_int_equal(nb_grapheme_len("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbdx", 9), 8);
    static const char flags[] = "\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3\xf0\x9f\x87\xba\xf0\x9f\x87\xb8";
    assert_int_equal(nb_grapheme_len(flags, 16), 8);
    assert_int_equal(nb_grapheme_len(flags + 8, 8), 8);
    static const char family[] = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9" "a";
    assert_int_equal(nb_grapheme_len(family, sizeof family - 1), 11);
    assert_int_equal(nb_grapheme_len("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8" "a", 10), 9);
    assert_int_equal(nb_grapheme_len("\xff\xcc\x81", 3), 3); /* U+FFFD takes the mark */
}

static void test_display_fit(void **state) {
    (void)state;
    static const char s[] = "\xe6\x94\xbf\xe5\xba\x9c" "ab"; /* 政府ab */
    int used = -1;
    assert_int_equal(nb_display_fit(s, 8, 0, &used), 0);
    assert_int_equal(used, 0);
    assert_int_equal(nb_display_fit(s, 8, 1, &used), 0); /* 政 would straddle */
    assert_int_equal(nb_display_fit(s, 8, 3, &used), 3);
    assert_int_equal(used, 2);
    assert_int_equal(nb_display_fit(s, 8, 5, &used), 7);
    assert_int_equal(used, 5);
    assert_int_equal(nb_display_fit(s, 8, 100, &used), 8);
    assert_int_equal(used, 6);
    /* a cluster is never cut: e + acute goes whole or not at all */
    assert_int_equal(nb_display_fit("ae\xcc\x81", 4, 1, &used), 1);
    assert_int_equal(nb_display_fit("ae\xcc\x81", 4, 2, &used), 4);
}

static void test_display_column(void **state) {
    (void)state;
    /* "政府\t12\t3": CJK 4 columns, tabs to multiples of 8 */
    static const char line[] = "\xe6\x94\xbf\xe5\xba\x9c\t12\t3";
    size_t n = sizeof line - 1;
    assert_int_equal(nb_display_column(line, n, 8), 17);
    assert_int_equal(nb_display_column(line, 6, 8), 4);
    assert_int_equal(nb_display_column(line, 7, 8), 8);
    assert_int_equal(nb_display_column(line, 9, 8), 10);
    assert_int_equal(nb_display_column(line, 10, 8), 16);
    assert_int_equal(nb_display_column(line, 10, 4), 12);
    assert_int_equal(nb_display_column("\t\t", 2, 8), 16);
    /* without tab stops a tab is its stand-in, as in nb_display_width */
    assert_int_equal(nb_display_column(line, n, 0), nb_display_width(line, n));
    assert_int_equal(nb_display_column(line, n, 0), 9);

    nb_text t;
    static const char raw[] = "x\n\xe6\x94\xbf\xe5\xba\x9c\t12\n";
    decode_ok(raw, sizeof raw - 1, &t);
    assert_int_equal(nb_text_display_column_of(&t, 2, 8), 0);
    assert_int_equal(nb_text_display_column_of(&t, 5, 8), 2);  /* 府 */
    assert_int_equal(nb_text_display_column_of(&t, 9, 8), 8);  /* 1 */
    assert_int_equal(nb_text_display_column_of(&t, 10, 8), 9); /* 2 */
    assert_int_equal(nb_text_column_of(&t, 10), 5);           /* characters, not columns */
    nb_text_free(&t);
}

static void check_sanitize(const char *in, size_t n, bool keep_tabs, const char *want) {
    char *out = nb_sanitize(in, n, keep_tabs);
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

static void test_sanitize(void **state) {
    (void)state;
    /* ESC [ 2 J: the escape becomes ␛ and no 0x1b is left */
    char *out = nb_sanitize("\x1b[2J\x1b]0;title\x07", 14, false);
    assert_non_null(out);
    assert_null(strchr(out, 0x1b));
    assert_null(strchr(out, 0x07));
    assert_string_equal(out, "\xe2\x90\x9b[2J\xe2\x90\x9b]0;title\xe2\x90\x87");
    free(out);
    check_sanitize("a\tb", 3, true, "a\tb");
    check_sanitize("a\tb", 3, false, "a\xe2\x90\x89" "b");        /* ␉ */
    check_sanitize("x\r\n", 3, false, "x\xe2\x90\x8d\xe2\x90\x8a"); /* ␍␊ */
    check_sanitize("\b\x7f", 2, false, "\xe2\x90\x88\xe2\x90\xa1"); /* ␈␡ */
    check_sanitize("\0", 1, false, "\xe2\x90\x80");                 /* ␀ */
    check_sanitize("\xc2\x85\xc2\x9b", 4, false, "\xef\xbf\xbd\xef\xbf\xbd"); /* C1 */
    /* bidi override, isolate, zero-width, BOM, line separator → ◇ */
    static const char fmt[] = "\xe2\x80\xae" "1\xe2\x81\xa6" "2\xe2\x80\x8b" "3\xef\xbb\xbf\xe2\x80\xa8";
    check_sanitize(fmt, sizeof fmt - 1, false,
                   "\xe2\x97\x87" "1\xe2\x97\x87" "2\xe2\x97\x87" "3\xe2\x97\x87\xe2\x97\x87");
    /* invalid bytes become U+FFFD; CJK, NBSP and a real U+FFFD pass */
    check_sanitize("\xff\xe6\x94\xbf\xc2\xa0\xef\xbf\xbd", 9, false,
                   "\xef\xbf\xbd\xe6\x94\xbf\xc2\xa0\xef\xbf\xbd");
    /* a mark with no base of its own gets ◌ */
    check_sanitize("\xcc\x81" "a", 3, false, "\xe2\x97\x8c\xcc\x81" "a");
    check_sanitize("\t\xcc\x81", 3, true, "\t\xe2\x97\x8c\xcc\x81");
    check_sanitize("e\xcc\x81", 3, false, "e\xcc\x81");
    check_sanitize("", 0, false, "");
}

/* A small deterministic generator for the property tests. */
static uint32_t lcg_next(uint32_t *s) {
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* Random mixtures of ASCII, controls, CJK, marks, format characters and
 * broken bytes: sanitising leaves no control or format character, is
 * valid UTF-8 and keeps the width; normalising gives a monotone map. */
static void test_properties_on_random_text(void **state) {
    (void)state;
    static const char *const atoms[] = {
        "a", "1", " ", "\t", "\n", "\r", "\x1b", "\x7f", "\x01", "\xc2\x85", "\xc2\xa0",
        "\xe6\x94\xbf", "\xef\xbc\x91", "\xe2\x91\xa0", "\xcc\x81", "\xe2\x80\xae",
        "\xe2\x80\x8b", "\xe2\x80\x8d", "\xef\xbb\xbf", "\xe2\x81\xa6", "\xf0\x9f\x91\x8d",
        "\xf0\x9f\x8f\xbd", "\xf0\x9f\x87\xa8", "\xe1\x84\x80", "\xe1\x85\xa1", "\xff", "\xe6",
        "\xe3\x80\x80", "\xef\xbc\x88", "\xea\xb0\x80", "\xef\xb8\x8f"};
    uint32_t seed = 12345;
    char buf[256];
    for (int iter = 0; iter < 5000; iter++) {
        size_t n = 0;
        int parts = (int)(lcg_next(&seed) % 12);
        for (int p = 0; p < parts; p++) {
            const char *a = atoms[lcg_next(&seed) % (sizeof atoms / sizeof *atoms)];
            memcpy(buf + n, a, strlen(a));
            n += strlen(a);
        }
        bool keep_tabs = lcg_next(&seed) & 1;
        char *san = nb_sanitize(buf, n, keep_tabs);
        assert_non_null(san);
        size_t sl = strlen(san);
        for (size_t i = 0; i < sl;) {
            int32_t cp;
            size_t k = nb_utf8_next(san + i, sl - i, &cp);
            if (cp == 0xFFFD && k == 1) fail_msg("sanitised text is not UTF-8 (case %d)", iter);
            if ((cp < 0x20 && !(keep_tabs && cp == '\t')) || (cp >= 0x7F && cp <= 0x9F))
                fail_msg("control U+%04X survived sanitising (case %d)", (unsigned)cp, iter);
            utf8proc_category_t cat = utf8proc_category(cp);
            if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_ZL ||
                cat == UTF8PROC_CATEGORY_ZP)
                fail_msg("format U+%04X survived sanitising (case %d)", (unsigned)cp, iter);
            i += k;
        }
        if (!keep_tabs) assert_int_equal(nb_display_width(san, sl), nb_display_width(buf, n));
        /* sanitising what is already sanitised changes nothing */
        char *again = nb_sanitize(san, sl, keep_tabs);
        assert_string_equal(again, san);
        free(again);
        free(san);

        char folded[1024];
        size_t map[1024];
        size_t outlen = nb_fold_text_map(buf, n, folded, sizeof folded, map);
        assert_int_equal(strlen(folded), outlen);
        for (size_t i = 0; i < outlen; i++) {
            assert_true(map[i] < n);
            if (i > 0) assert_true(map[i - 1] <= map[i]);
        }

        /* decoding never fails on text that has no NUL and few controls */
        nb_text t;
        nb_error err;
        nb_error_clear(&err);
        if (nb_text_from_bytes(buf, n, &t, &err) == 0) {
            assert_true(t.nlines >= 1);
            assert_int_equal(strlen(t.utf8), t.len);
            nb_text_free(&t);
        } else {
            assert_true(err.message[0] != '\0');
        }
    }
}

/* Converts with iconv; returns a malloc'd buffer and its length. */
static char *convert(const char *to, const char *from, const char *in, size_t n, size_t *outn) {
    iconv_t cd = iconv_open(to, from);
    assert_true(cd != (iconv_t)-1);
    size_t cap = 4 * n + 16;
    char *out = malloc(cap);
    assert_non_null(out);
    char *ip = (char *)in, *op = out;
    size_t il = n, ol = cap;
    assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
    iconv_close(cd);
    *outn = cap - ol;
    return out;
}

/* The real reports: each decodes as clean UTF-8, and the same text
 * saved as GB18030 or UTF-16 (with a BOM) decodes back to exactly it. */
static void test_corpus_round_trips(void **state) {
    (void)state;
    const char *shared = getenv("NB_SHARED");
    char dirpath[4096];
    snprintf(dirpath, sizeof dirpath, "%s/corpus", shared ? shared : "");
    DIR *dir = shared ? opendir(dirpath) : NULL;
    if (!dir) {
        print_message("corpus missing (NB_SHARED=%s): skipped\n", shared ? shared : "(unset)");
        skip();
    }
    int files = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        size_t nl = strlen(de->d_name);
        if (nl < 4 || strcmp(de->d_name + nl - 4, ".txt") != 0) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dirpath, de->d_name);
        nb_text t;
        nb_error err;
        nb_error_clear(&err);
        if (nb_text_load_file(path, &t, &err) != 0) fail_msg("%s", err.message);
        assert_string_equal(t.encoding, "UTF-8");
        assert_int_equal(t.invalid_count, 0);
        assert_true(t.nlines > 10);
        const char *body = t.utf8;
        size_t blen = t.len;

        static const char *const encodings[] = {"GB18030", "UTF-16LE", "UTF-16BE"};
        for (int e = 0; e < 3; e++) {
            size_t rn;
            char *raw = convert(encodings[e], "UTF-8", body, blen, &rn);
            if (e > 0) { /* prepend the BOM */
                char *with = malloc(rn + 2);
                assert_non_null(with);
                with[0] = e == 1 ? '\xff' : '\xfe';
                with[1] = e == 1 ? '\xfe' : '\xff';
                memcpy(with + 2, raw, rn);
                free(raw);
                raw = with;
                rn += 2;
            }
            nb_text u;
            nb_error_clear(&err);
            if (nb_text_from_bytes(raw, rn, &u, &err) != 0)
                fail_msg("%s as %s: %s", de->d_name, encodings[e], err.message);
            if (strcmp(u.encoding, encodings[e]) != 0)
                fail_msg("%s as %s was read as %s", de->d_name, encodings[e], u.encoding);
            assert_int_equal(u.invalid_count, 0);
            assert_int_equal(u.len, blen);
            assert_memory_equal(u.utf8, body, blen);
            assert_int_equal(u.nlines, t.nlines);
            free(raw);
            nb_text_free(&u);
        }
        nb_text_free(&t);
        files++;
    }
    closedir(dir);
    if (files == 0) {
        print_message("no .txt files in %s: skipped\n", dirpath);
        skip();
    }
}

/* The project's own samples: each decodes without a bad byte (those
 * named *-gbk* as GB18030, *-utf16* as UTF-16), folds the same by line
 * and by span, and every line sanitised holds no control character,
 * whatever escape sequences the sample carries. */
static void test_samples_decode_and_sanitise(void **state) {
    (void)state;
    const char *srcdir = getenv("NB_SRCDIR");
    char dirpath[4096];
    snprintf(dirpath, sizeof dirpath, "%s/samples", srcdir ? srcdir : "");
    DIR *dir = srcdir ? opendir(dirpath) : NULL;
    if (!dir) {
        print_message("samples missing (NB_SRCDIR=%s): skipped\n", srcdir ? srcdir : "(unset)");
        skip();
    }
    int files = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        size_t nl = strlen(de->d_name);
        if (nl < 4 || strcmp(de->d_name + nl - 4, ".txt") != 0) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dirpath, de->d_name);
        nb_text t;
        nb_error err;
        nb_error_clear(&err);
        if (nb_text_load_file(path, &t, &err) != 0) fail_msg("%s", err.message);
        assert_int_equal(t.invalid_count, 0);
        check_fold_span_agrees(&t);
        /* the file name says how the sample is encoded when not UTF-8 */
        if (strstr(de->d_name, "-gbk")) assert_string_equal(t.encoding, "GB18030");
        else if (strstr(de->d_name, "-utf16")) assert_true(!strncmp(t.encoding, "UTF-16", 6));
        else assert_string_equal(t.encoding, "UTF-8");
        for (size_t i = 0; i < t.nlines; i++) {
            size_t b, e;
            nb_text_line_bounds(&t, i, &b, &e);
            char *safe = nb_sanitize(t.utf8 + b, e - b, false);
            assert_non_null(safe);
            for (const unsigned char *p = (const unsigned char *)safe; *p; p++)
                if (*p < 0x20 || *p == 0x7f)
                    fail_msg("%s line %zu: byte 0x%02x after sanitising", de->d_name, i + 1, *p);
            assert_int_equal(nb_display_width(safe, strlen(safe)),
                             nb_display_width(t.utf8 + b, e - b));
            free(safe);
        }
        nb_text_free(&t);
        files++;
    }
    closedir(dir);
    if (files == 0) {
        print_message("no .txt files in %s: skipped\n", dirpath);
        skip();
    }
}

/* A file one byte over the bound is refused before it is read (the test
 * file is sparse, so it costs no disk). */
static void test_too_large_file(void **state) {
    (void)state;
    char path[] = "/tmp/nb-text-big-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    if (ftruncate(fd, (off_t)NB_TEXT_MAX_BYTES + 1) != 0) {
        close(fd);
        unlink(path);
        print_message("cannot make a sparse file here: skipped\n");
        skip();
    }
    close(fd);
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    assert_int_equal(nb_text_load_file(path, &t, &err), -1);
    assert_int_equal(err.code, EFBIG);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "too large"));
    assert_null(t.utf8);
    unlink(path);
}

/* A file that cannot be read says so, naming it (root reads anything,
 * so the test is skipped there). */
static void test_unreadable_file(void **state) {
    (void)state;
    if (geteuid() == 0) {
        print_message("running as root, permissions are not enforced: skipped\n");
        skip();
    }
    char path[] = "/tmp/nb-text-perm-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc\n", 4), 4);
    close(fd);
    assert_int_equal(chmod(path, 0), 0);
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    assert_int_equal(nb_text_load_file(path, &t, &err), -1);
    assert_int_equal(err.code, EACCES);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, strerror(EACCES)));
    unlink(path);
}

/* Page furniture is recognised in every form a page prints it, and a
 * number that could be a value or a year never is. */
static void test_page_furniture(void **state) {
    (void)state;
    const char *furniture[] = {"- 3 -", "  -4-  ", "— 12 —", "—3—", "· 7 ·", "－５－", "— page 3 —",
                               "第3页", "第 3 页 共 5 页", "共5页，第2页", "第3页/共5页\r", "\f- 3 -", "\xe3\x80\x80- 9 -"};
    for (size_t i = 0; i < sizeof furniture / sizeof *furniture; i++)
        if (!nb_line_is_page_furniture(furniture[i], strlen(furniture[i])))
            fail_msg("not seen as page furniture: \"%s\"", furniture[i]);
    const char *not_furniture[] = {"3", "2024", "-", "- -", "-12345-", "规章 - 3 -", "第三页",
                                   "第3条", "-3", "3-", "", "  ", "第3页 共5页 第6页"};
    for (size_t i = 0; i < sizeof not_furniture / sizeof *not_furniture; i++)
        if (nb_line_is_page_furniture(not_furniture[i], strlen(not_furniture[i])))
            fail_msg("taken for page furniture: \"%s\"", not_furniture[i]);
}

/* The PDF source's page lines give their number; a line's page is the
 * last page line at or above it. */
static void test_page_marks(void **state) {
    (void)state;
    assert_int_equal(nb_line_page_mark("— page 3 —", strlen("— page 3 —")), 3);
    assert_int_equal(nb_line_page_mark("- page 12 -", strlen("- page 12 -")), 12);
    assert_int_equal(nb_line_page_mark("— 3 —", strlen("— 3 —")), 0);
    assert_int_equal(nb_line_page_mark("page 3", 6), 0);
    const char raw[] = "标题\n— page 1 —\n规章 1\n— page 2 —\n行政许可 5\n";
    nb_text t;
    nb_error err;
    assert_int_equal(nb_text_from_bytes(raw, sizeof raw - 1, &t, &err), 0);
    assert_int_equal(nb_text_page_of_line(&t, 1), 0);
    assert_int_equal(nb_text_page_of_line(&t, 3), 1);
    assert_int_equal(nb_text_page_of_line(&t, 5), 2);
    nb_text_free(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_marks),
        cmocka_unit_test(test_page_furniture),
        cmocka_unit_test(test_utf8_plain_and_bom),
        cmocka_unit_test(test_utf16_with_bom),
        cmocka_unit_test(test_gbk),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_refused_inputs),
        cmocka_unit_test(test_stray_nul_replaced),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_line_index),
        cmocka_unit_test(test_column_of),
        cmocka_unit_test(test_utf8_next),
        cmocka_unit_test(test_utf8_put),
        cmocka_unit_test(test_utf8_valid_and_repair),
        cmocka_unit_test(test_utf8_bidi_control),
        cmocka_unit_test(test_fold_map),
        cmocka_unit_test(test_fold_span),
        cmocka_unit_test(test_display_width),
        cmocka_unit_test(test_grapheme_len),
        cmocka_unit_test(test_display_fit),
        cmocka_unit_test(test_display_column),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_properties_on_random_text),
        cmocka_unit_test(test_corpus_round_trips),
        cmocka_unit_test(test_samples_decode_and_sanitise),
        cmocka_unit_test(test_too_large_file),
        cmocka_unit_test(test_unreadable_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
