#ifndef ACCORD_WORDS_H
#define ACCORD_WORDS_H

struct lua_State;

/* The word search behind the rules DSL's `mentions`, as a Lua C module: returns
 * a table of two functions. `words(text)` returns the text normalised as the DSL
 * searches it (lower case, runs of non-word bytes made one space, one space in
 * front), indexed by word; its __tostring is that text. `find_word(words,
 * needles)` returns the index of the first needle of the list found at a word
 * start (a needle is " " .. normalised word), or nil. */
int luaopen_accord_words(struct lua_State *L);

#include <stddef.h>
#include <stdint.h>

/* Many needles sought in one pass (matcher.c): an Aho-Corasick automaton over
 * the needles, which `scan` runs over a text normalised as `words` normalises
 * it, on the fly. */
typedef struct accord_matcher accord_matcher;

/* The automaton of `count` needles (`lengths[i]` bytes each); NULL when out of memory. */
accord_matcher *accord_matcher_new(const char *const *needles, const size_t *lengths, size_t count);
void accord_matcher_free(accord_matcher *m);
/* Sets bit i of `found` (a bitset of (count + 63) / 64 words) for each needle i that occurs
 * in the normalised text; bits already set stay set. */
void accord_matcher_scan(const accord_matcher *m, const char *text, size_t length, uint64_t *found);
/* The same, a text read in parts, one after the other: `begin` gives the state before the text's
 * first byte, and `read` the state after a part, from which the next part is read. */
uint32_t accord_matcher_begin(const accord_matcher *m, uint64_t *found);
uint32_t accord_matcher_read(const accord_matcher *m, uint32_t entry, const char *text, size_t length, uint64_t *found);

#endif
