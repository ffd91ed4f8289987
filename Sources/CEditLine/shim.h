// Umbrella header for Debian's libedit, plus non-variadic wrappers: Swift does not import
// C variadic functions such as el_set, el_get and history().
#ifndef RECALL_CEDITLINE_SHIM_H
#define RECALL_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <locale.h>
#include <langinfo.h>
#include <editline/readline.h>
#include <histedit.h>

static inline int recall_el_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
static inline int recall_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int recall_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int recall_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int recall_el_addfn(EditLine *el, const char *name, const char *help,
                                  unsigned char (*fn)(EditLine *, int)) { return el_set(el, EL_ADDFN, name, help, fn); }
static inline int recall_el_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, (const char *)NULL); }
static inline int recall_el_set_getcfn(EditLine *el, el_rfunc_t fn) { return el_set(el, EL_GETCFN, fn); }
static inline int recall_el_set_clientdata(EditLine *el, void *d) { return el_set(el, EL_CLIENTDATA, d); }
static inline void *recall_el_get_clientdata(EditLine *el) { void *d = NULL; el_get(el, EL_CLIENTDATA, &d); return d; }
static inline int recall_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int recall_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int recall_history_enter(History *h, HistEvent *ev, const char *s) { return history(h, ev, H_ENTER, s); }
static inline int recall_history_load(History *h, HistEvent *ev, const char *p) { return history(h, ev, H_LOAD, p); }
static inline int recall_history_save(History *h, HistEvent *ev, const char *p) { return history(h, ev, H_SAVE, p); }
#endif
