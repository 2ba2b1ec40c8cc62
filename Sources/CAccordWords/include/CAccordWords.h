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

#endif
