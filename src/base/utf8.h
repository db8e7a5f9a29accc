/* utf8 — the one UTF-8 validator: every text from outside passes through it
 * before it is stored (rejects overlong forms, surrogates, > U+10FFFF). */
#ifndef TIES_BASE_UTF8_H
#define TIES_BASE_UTF8_H
#include <stddef.h>

/* Counts the characters of s[0..n); -1 if s is not valid UTF-8. */
long utf8_chars(const char *s, size_t n);

#endif
