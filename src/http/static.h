/* static — the built web application (web/dist), read into memory at start-up
 * and served from there: no file system access per request, so no path can
 * escape the root.  Hashed assets (assets/name-HASH.ext) are cached for a
 * year; everything else must revalidate.  Paths that name no file get
 * index.html (the app routes them itself, e.g. /in/<handle>).  Every page
 * carries a Content-Security-Policy that forbids inline scripts. */
#ifndef TIES_HTTP_STATIC_H
#define TIES_HTTP_STATIC_H
#include "api/api.h"

struct web_files;

/* Loads every file under root (NULL or missing = a placeholder page). */
struct web_files *web_open(const char *root);
void web_close(struct web_files *w);
void web_serve(const struct web_files *w, const char *method, const char *path, struct resp *r);
size_t web_count(const struct web_files *w);

#endif
