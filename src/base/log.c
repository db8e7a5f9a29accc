/* log — stderr logging. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int threshold = -1;

void log_msg(enum log_level lv, const char *fmt, ...)
{
	if (threshold < 0) {
		const char *e = getenv("TIES_LOG");
		threshold = !e                    ? LOG_INFO
		            : !strcmp(e, "debug") ? LOG_DEBUG
		            : !strcmp(e, "warn")  ? LOG_WARN
		            : !strcmp(e, "error") ? LOG_ERROR
		                                  : LOG_INFO;
	}
	if ((int)lv < threshold)
		return;
	static const char *names[] = {"debug", "info", "warn", "error"};
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	char ts[32];
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s %s\n", ts, names[lv], line);
}
