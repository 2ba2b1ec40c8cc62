#include <histedit.h>
#include <stdio.h>

/*
 * el_set, el_get and history take variable arguments, which Swift cannot
 * pass: these wrappers name each operation the line editor uses.
 */

/* An editor on the standard streams. */
static inline EditLine *ceditline_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int ceditline_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int ceditline_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/* Restore the terminal when a signal arrives while editing. */
static inline int ceditline_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int ceditline_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int ceditline_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *ceditline_clientdata(EditLine *el) {
    void *data = 0;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int ceditline_history_setsize(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

/* Do not enter a line equal to the one before. */
static inline int ceditline_history_setunique(History *h, int on) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, on);
}

static inline int ceditline_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

static inline int ceditline_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

static inline int ceditline_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}
