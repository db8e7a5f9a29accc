/* static — in-memory static files. */
#include "http/static.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/log.h"
#include "base/mem.h"

#define WEB_MAX_FILES 512
#define WEB_MAX_FILE  (8u << 20)

struct web_file {
	char *path; /* "/assets/app-1a2b3c.js" */
	char *data;
	size_t len;
	const char *type;
	bool immutable;
};

struct web_files {
	struct web_file *files;
	size_t n, cap;
};

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
                          "object-src 'none'; base-uri 'self'; form-action 'self'; "
                          "frame-ancestors 'none'";

static const char *type_of(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".mjs", "text/javascript; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".json", "application/json"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".ico", "image/x-icon"},
	    {".webp", "image/webp"},
	    {".woff2", "font/woff2"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".map", "application/json"},
	    {".webmanifest", "application/manifest+json"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Vite names built assets name-HASH.ext with an 8-character hash. */
static bool hashed(const char *path)
{
	if (!strstr(path, "/assets/"))
		return false;
	const char *dash = strrchr(path, '-');
	const char *dot = strrchr(path, '.');
	return dash && dot && dot > dash && dot - dash - 1 >= 8;
}

static void load_dir(struct web_files *w, const char *root, const char *rel)
{
	char dirpath[1024];
	snprintf(dirpath, sizeof dirpath, "%s%s", root, rel);
	DIR *d = opendir(dirpath);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char relpath[1024], full[2048];
		snprintf(relpath, sizeof relpath, "%s/%s", rel, de->d_name);
		snprintf(full, sizeof full, "%s%s", root, relpath);
		struct stat st;
		if (stat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			load_dir(w, root, relpath);
			continue;
		}
		if (!S_ISREG(st.st_mode) || st.st_size > WEB_MAX_FILE || w->n >= WEB_MAX_FILES)
			continue;
		FILE *fp = fopen(full, "rb");
		if (!fp)
			continue;
		char *data = xmalloc((size_t)st.st_size + 1);
		size_t got = fread(data, 1, (size_t)st.st_size, fp);
		fclose(fp);
		w->files = xgrow(w->files, &w->cap, w->n + 1, sizeof *w->files);
		w->files[w->n++] = (struct web_file){xstrdup(relpath), data, got, type_of(relpath),
		                                     hashed(relpath)};
	}
	closedir(d);
}

struct web_files *web_open(const char *root)
{
	struct web_files *w = xcalloc(1, sizeof *w);
	if (root)
		load_dir(w, root, "");
	if (root && w->n == 0)
		log_warn("web: no files under %s (run make to build the web app)", root);
	return w;
}

void web_close(struct web_files *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->files[i].path), free(w->files[i].data);
	free(w->files);
	free(w);
}

size_t web_count(const struct web_files *w)
{
	return w->n;
}

static const struct web_file *find(const struct web_files *w, const char *path)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->files[i].path, path) == 0)
			return &w->files[i];
	return NULL;
}

static const char placeholder[] =
    "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>ties</title>"
    "<h1>ties</h1><p>The web application is not built. The JSON API is at "
    "<a href=\"/api/v1/openapi.json\">/api/v1</a>.</p></html>";

void web_serve(const struct web_files *w, const char *method, const char *path, struct resp *r)
{
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		r->status = 405;
		r->content_type = "text/plain; charset=utf-8";
		buf_adds(&r->body, "method not allowed\n");
		return;
	}
	const struct web_file *f = find(w, path);
	if (!f && strcmp(path, "/") == 0)
		f = find(w, "/index.html");
	/* A path that looks like a file but is not one is a 404; any other
	 * path is a page of the app. */
	const char *last = strrchr(path, '/');
	if (!f && last && !strchr(last, '.'))
		f = find(w, "/index.html");
	resp_header(r, "Content-Security-Policy", "%s", csp);
	if (!f) {
		bool app_page = last && !strchr(last, '.');
		r->status = app_page && w->n == 0 ? 200 : 404;
		r->content_type = "text/html; charset=utf-8";
		buf_adds(&r->body, app_page && w->n == 0
		                       ? placeholder
		                       : "<!doctype html><title>not found</title>not found\n");
		return;
	}
	r->status = 200;
	r->content_type = f->type;
	buf_add(&r->body, f->data, f->len);
	resp_header(r, "Cache-Control", "%s",
	            f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
}
