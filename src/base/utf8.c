/* utf8 — validation and counting of UTF-8 text. */
#include "base/utf8.h"

long utf8_chars(const char *s, size_t n)
{
	long count = 0;
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		size_t len = c < 0x80         ? 1
		             : (c >> 5) == 6  ? 2
		             : (c >> 4) == 14 ? 3
		             : (c >> 3) == 30 ? 4
		                              : 0;
		if (!len || (size_t)(end - p) < len)
			return -1;
		for (size_t i = 1; i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				return -1;
		if (len == 2 && c < 0xc2)
			return -1; /* overlong */
		if (len == 3) {
			unsigned cp = ((c & 0x0f) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
			if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))
				return -1;
		}
		if (len == 4) {
			unsigned cp = ((c & 0x07) << 18) | ((p[1] & 0x3fu) << 12) |
			              ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
			if (cp < 0x10000 || cp > 0x10ffff)
				return -1;
		}
		p += len;
		count++;
	}
	return count;
}
