/*
 * Many words sought at once: the automaton behind the compiled `mentions`.
 *
 * Every needle of every `mentions` of the applied packs (" " .. normalised
 * word, as words.c defines them) goes into one Aho-Corasick automaton, its
 * transitions resolved into a table, so that a text is read once, byte by
 * byte, whatever the number of needles. The text is normalised as it is read,
 * exactly as words.c normalises it: lower case, each run of bytes that are
 * neither ASCII letters, digits nor bytes >= 128 one space, a space in front.
 * A needle starting with a space then occurs exactly where it starts a word.
 */
#include "CAccordWords.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NOT_WORD 255

struct accord_matcher {
    int32_t classes;         /* byte classes: 0 for the bytes no needle holds */
    uint8_t class_of[256];
    uint8_t read_as[256];    /* the class of a text's byte, lowered, or NOT_WORD */
    int32_t *next;           /* next[state * classes + class]: the state after reading a byte */
    int32_t *out_first;      /* out[out_first[s] .. out_first[s + 1]): the needles ending in state s */
    int32_t *out;
};

static int is_word_byte(unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b >= 0x80;
}

static unsigned char lowered(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

void accord_matcher_free(accord_matcher *m) {
    if (m == NULL) return;
    free(m->next);
    free(m->out_first);
    free(m->out);
    free(m);
}

accord_matcher *accord_matcher_new(const char *const *needles, const size_t *lengths, size_t count) {
    accord_matcher *m = calloc(1, sizeof *m);
    if (m == NULL) return NULL;
    size_t total = 0;
    m->classes = 1;
    for (size_t i = 0; i < count; i++) {
        total += lengths[i];
        for (size_t j = 0; j < lengths[i]; j++) {
            unsigned char b = (unsigned char)needles[i][j];
            if (m->class_of[b] == 0) m->class_of[b] = (uint8_t)m->classes++;
        }
    }
    if (m->classes > 255) goto failed_early; /* cannot happen: needles are normalised, so fewer bytes occur */
    for (int b = 0; b < 256; b++) m->read_as[b] = is_word_byte((unsigned char)b) ? m->class_of[lowered((unsigned char)b)] : NOT_WORD;
    size_t states = total + 1, classes = (size_t)m->classes;
    int32_t *fail = malloc(states * sizeof *fail), *queue = malloc(states * sizeof *queue);
    int32_t *own = calloc(states, sizeof *own), *ends = malloc((count ? count : 1) * sizeof *ends);
    m->next = malloc(states * classes * sizeof *m->next);
    m->out_first = calloc(states + 1, sizeof *m->out_first);
    if (!fail || !queue || !own || !ends || !m->next || !m->out_first) goto failed;
    for (size_t k = 0; k < states * classes; k++) m->next[k] = -1;

    /* The trie: one state per distinct prefix. */
    int32_t used = 1;
    for (size_t i = 0; i < count; i++) {
        int32_t s = 0;
        for (size_t j = 0; j < lengths[i]; j++) {
            int32_t *t = &m->next[(size_t)s * classes + m->class_of[(unsigned char)needles[i][j]]];
            if (*t < 0) *t = used++;
            s = *t;
        }
        ends[i] = s;
        own[s]++;
    }

    /* Failure links, breadth first, each missing transition resolved through them. */
    int32_t head = 0, tail = 0;
    fail[0] = 0;
    for (size_t c = 0; c < classes; c++) {
        int32_t t = m->next[c];
        if (t < 0) m->next[c] = 0;
        else if (t > 0) fail[t] = 0, queue[tail++] = t;
    }
    while (head < tail) {
        int32_t s = queue[head++];
        for (size_t c = 0; c < classes; c++) {
            int32_t *t = &m->next[(size_t)s * classes + c];
            int32_t via = m->next[(size_t)fail[s] * classes + c];
            if (*t < 0) *t = via;
            else fail[*t] = via, queue[tail++] = *t;
        }
    }

    /* Each state's needles: its own, then those of its failure state (done before it). */
    int32_t *counts = calloc(states, sizeof *counts);
    if (counts == NULL) goto failed;
    counts[0] = own[0];
    for (int32_t q = 0; q < tail; q++) counts[queue[q]] = own[queue[q]] + counts[fail[queue[q]]];
    for (int32_t s = 0; s < used; s++) m->out_first[s + 1] = m->out_first[s] + counts[s];
    m->out = malloc(((size_t)m->out_first[used] + 1) * sizeof *m->out);
    if (m->out == NULL) { free(counts); goto failed; }
    int32_t *filled = calloc(states, sizeof *filled); /* how many of each state's needles are written */
    if (filled == NULL) { free(counts); goto failed; }
    for (size_t i = 0; i < count; i++) m->out[m->out_first[ends[i]] + filled[ends[i]]++] = (int32_t)i;
    for (int32_t q = 0; q < tail; q++) {
        int32_t s = queue[q], f = fail[s];
        memcpy(&m->out[m->out_first[s] + filled[s]], &m->out[m->out_first[f]], (size_t)counts[f] * sizeof *m->out);
    }
    free(counts), free(filled);
    free(fail), free(queue), free(own), free(ends);
    return m;

failed:
    free(fail), free(queue), free(own), free(ends);
failed_early:
    accord_matcher_free(m);
    return NULL;
}

static void emit(const accord_matcher *m, int32_t s, uint64_t *found) {
    for (int32_t k = m->out_first[s]; k < m->out_first[s + 1]; k++) found[m->out[k] >> 6] |= UINT64_C(1) << (m->out[k] & 63);
}

void accord_matcher_scan(const accord_matcher *m, const char *text, size_t length, uint64_t *found) {
    const size_t classes = (size_t)m->classes;
    const int32_t space = m->class_of[' '];
    int32_t s = m->next[space];
    int in_space = 1;
    emit(m, s, found);
    for (size_t i = 0; i < length; i++) {
        uint8_t c = m->read_as[(unsigned char)text[i]];
        if (c != NOT_WORD) {
            s = m->next[(size_t)s * classes + c];
            in_space = 0;
        } else if (!in_space) {
            s = m->next[(size_t)s * classes + space];
            in_space = 1;
        } else {
            continue;
        }
        if (m->out_first[s] != m->out_first[s + 1]) emit(m, s, found);
    }
}
