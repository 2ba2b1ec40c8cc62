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
 *
 * Once built, the table is made for reading: each entry is the next state's
 * row (its number times the number of classes), its top bit set when needles
 * end there; every byte that is not part of a word reads as a space, and a
 * state entered by a space stays there on another, so that a run of them
 * reads as one. A byte then costs two loads and a test.
 */
#include "CAccordWords.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ENDS UINT32_C(0x80000000) /* in a `next` entry: needles end in that state */

struct accord_matcher {
    int32_t classes;         /* byte classes: 0 for the bytes no needle holds */
    uint8_t class_of[256];
    uint8_t read_as[256];    /* the class of a text's byte, lowered; a space's for a byte not in a word */
    uint32_t *next;          /* next[row + class]: the row of the state after reading a byte, and ENDS */
    uint32_t start;          /* the entry for the state a text starts in, after a space */
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
    if (m->class_of[' '] == 0 && m->classes < 256) m->class_of[' '] = (uint8_t)m->classes++; /* a text has spaces */
    if (m->classes > 255) goto failed_early; /* cannot happen: needles are normalised, so fewer bytes occur */
    const uint8_t space = m->class_of[' '];
    for (int b = 0; b < 256; b++) m->read_as[b] = is_word_byte((unsigned char)b) ? m->class_of[lowered((unsigned char)b)] : space;
    size_t states = total + 1, classes = (size_t)m->classes;
    if (states * classes >= ENDS) goto failed_early;
    int32_t *fail = malloc(states * sizeof *fail), *queue = malloc(states * sizeof *queue);
    int32_t *own = calloc(states, sizeof *own), *ends = malloc((count ? count : 1) * sizeof *ends);
    int32_t *next = malloc(states * classes * sizeof *next);
    uint8_t *spaced = calloc(states, 1); /* the states entered by a space */
    m->next = malloc(states * classes * sizeof *m->next);
    m->out_first = calloc(states + 1, sizeof *m->out_first);
    if (!fail || !queue || !own || !ends || !next || !spaced || !m->next || !m->out_first) goto failed;
    for (size_t k = 0; k < states * classes; k++) next[k] = -1;

    /* The trie: one state per distinct prefix. */
    int32_t used = 1;
    for (size_t i = 0; i < count; i++) {
        int32_t s = 0;
        for (size_t j = 0; j < lengths[i]; j++) {
            uint8_t c = m->class_of[(unsigned char)needles[i][j]];
            int32_t *t = &next[(size_t)s * classes + c];
            if (*t < 0) *t = used++;
            s = *t;
            if (c == space) spaced[s] = 1;
        }
        ends[i] = s;
        own[s]++;
    }

    /* Failure links, breadth first, each missing transition resolved through them. */
    int32_t head = 0, tail = 0;
    fail[0] = 0;
    for (size_t c = 0; c < classes; c++) {
        int32_t t = next[c];
        if (t < 0) next[c] = 0;
        else if (t > 0) fail[t] = 0, queue[tail++] = t;
    }
    while (head < tail) {
        int32_t s = queue[head++];
        for (size_t c = 0; c < classes; c++) {
            int32_t *t = &next[(size_t)s * classes + c];
            int32_t via = next[(size_t)fail[s] * classes + c];
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

    /* The table for reading: a space after a space changes nothing, as the text's runs of them are one. */
    for (int32_t s = 0; s < used; s++) {
        if (spaced[s]) next[(size_t)s * classes + space] = s;
    }
    for (size_t k = 0; k < (size_t)used * classes; k++) {
        int32_t t = next[k];
        m->next[k] = (uint32_t)((size_t)t * classes) | (m->out_first[t] != m->out_first[t + 1] ? ENDS : 0);
    }
    m->start = m->next[space];
    free(next), free(spaced);
    free(fail), free(queue), free(own), free(ends);
    return m;

failed:
    free(next), free(spaced);
    free(fail), free(queue), free(own), free(ends);
failed_early:
    accord_matcher_free(m);
    return NULL;
}

static void emit(const accord_matcher *m, uint32_t entry, uint64_t *found) {
    int32_t s = (int32_t)((entry & ~ENDS) / (uint32_t)m->classes);
    for (int32_t k = m->out_first[s]; k < m->out_first[s + 1]; k++) found[m->out[k] >> 6] |= UINT64_C(1) << (m->out[k] & 63);
}

uint32_t accord_matcher_begin(const accord_matcher *m, uint64_t *found) {
    if (m->start & ENDS) emit(m, m->start, found);
    return m->start;
}

uint32_t accord_matcher_read(const accord_matcher *m, uint32_t entry, const char *text, size_t length, uint64_t *found) {
    const uint32_t *next = m->next;
    const uint8_t *read_as = m->read_as;
    for (size_t i = 0; i < length; i++) {
        entry = next[(entry & ~ENDS) + read_as[(unsigned char)text[i]]];
        if (entry & ENDS) emit(m, entry, found);
    }
    return entry;
}

void accord_matcher_scan(const accord_matcher *m, const char *text, size_t length, uint64_t *found) {
    accord_matcher_read(m, accord_matcher_begin(m, found), text, length, found);
}
