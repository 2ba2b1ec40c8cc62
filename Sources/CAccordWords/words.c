/*
 * The word search behind the rules DSL's `mentions`.
 *
 * A text is searched as the DSL defines it: lower case, every run of bytes
 * that are neither ASCII letters, digits nor bytes >= 128 made one space, a
 * space in front. A needle " abc" (normalised the same way) is found where a
 * word of the text starts with "abc". `words(text)` normalises a text once and
 * indexes its word starts by first byte, so that each needle is compared with
 * the few words that start like it rather than searched for through the text.
 *
 * Self-contained (Lua's public API only), and a Lua C module as it stands:
 * accord-bench builds this very file into accord_words.so, so that plain lua5.4
 * can run the rules with the same search.
 */
#include "CAccordWords.h"
#include <lua.h>
#include <lauxlib.h>
#include <stdint.h>
#include <string.h>

#define WORDS_META "accord.words"
#define BUCKETS 52 /* a-z, 0-9, then 16 for bytes >= 128 by their low bits */

typedef struct {
    uint32_t length;             /* bytes of text */
    uint32_t first[BUCKETS + 1]; /* the word starts beginning with bucket b: starts[first[b] .. first[b + 1]) */
    /* then uint32_t starts[words]; char text[length + 1] */
} words_index;

/* The bucket of a word's first byte, or -1 for a byte no word starts with. */
static int bucket_of(unsigned char b) {
    if (b >= 'a' && b <= 'z') return b - 'a';
    if (b >= '0' && b <= '9') return 26 + (b - '0');
    if (b >= 0x80) return 36 + (b & 15);
    return -1;
}

static int is_word_byte(unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b >= 0x80;
}

static uint32_t *starts_of(words_index *w) { return (uint32_t *)(w + 1); }

static unsigned char lowered(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* words(text): the text normalised and indexed, as a userdata. */
static int words(lua_State *L) {
    size_t n;
    const unsigned char *text = (const unsigned char *)luaL_checklstring(L, 1, &n);
    if (n >= UINT32_MAX / 2) return luaL_argerror(L, 1, "text too long");
    /* First pass: the normalised length and the words per bucket. */
    size_t length = 1, words = 0;
    uint32_t counts[BUCKETS] = {0};
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_word_byte(text[i])) {
            if (!in_word) counts[bucket_of(lowered(text[i]))]++, words++;
            length++, in_word = 1;
        } else if (in_word) {
            length++, in_word = 0;
        }
    }
    words_index *w = lua_newuserdatauv(L, sizeof *w + words * sizeof(uint32_t) + length + 1, 0);
    w->length = (uint32_t)length;
    w->first[0] = 0;
    for (int k = 0; k < BUCKETS; k++) w->first[k + 1] = w->first[k] + counts[k];
    uint32_t *starts = starts_of(w), next[BUCKETS];
    memcpy(next, w->first, sizeof next);
    /* Second pass: the text, and each word's start in its bucket. */
    char *out = (char *)(starts + words);
    size_t at = 0;
    out[at++] = ' ';
    in_word = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_word_byte(text[i])) {
            unsigned char c = lowered(text[i]);
            if (!in_word) starts[next[bucket_of(c)]++] = (uint32_t)at;
            out[at++] = (char)c, in_word = 1;
        } else if (in_word) {
            out[at++] = ' ', in_word = 0;
        }
    }
    out[at] = '\0';
    luaL_setmetatable(L, WORDS_META);
    return 1;
}

/* Whether the needle (`size` bytes) occurs in w's text. */
static int occurs(words_index *w, const char *needle, size_t size) {
    const char *text = (const char *)(starts_of(w) + w->first[BUCKETS]);
    if (size >= 2 && needle[0] == ' ') {
        int k = bucket_of((unsigned char)needle[1]);
        if (k < 0) return 0;
        const char *body = needle + 1;
        size_t rest = size - 1;
        const uint32_t *starts = starts_of(w);
        for (uint32_t j = w->first[k]; j < w->first[k + 1]; j++) {
            uint32_t s = starts[j];
            if (s + rest <= w->length && memcmp(text + s, body, rest) == 0) return 1;
        }
        return 0;
    }
    /* Not a word needle: search the text for it as it is. */
    if (size == 0) return 1;
    for (const char *p = text, *end = text + w->length; (size_t)(end - p) >= size; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) - size + 1);
        if (p == NULL) return 0;
        if (memcmp(p, needle, size) == 0) return 1;
    }
    return 0;
}

/* find_word(words, needles): the index of the first needle of the list that occurs, or nil. */
static int find_word(lua_State *L) {
    words_index *w = luaL_checkudata(L, 1, WORDS_META);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer count = (lua_Integer)lua_rawlen(L, 2);
    for (lua_Integer i = 1; i <= count; i++) {
        lua_rawgeti(L, 2, i);
        size_t size;
        const char *needle = lua_tolstring(L, -1, &size);
        if (needle == NULL) return luaL_error(L, "find_word: needle %d is not a string", (int)i);
        int found = occurs(w, needle, size);
        lua_pop(L, 1);
        if (found) {
            lua_pushinteger(L, i);
            return 1;
        }
    }
    lua_pushnil(L);
    return 1;
}

static int words_tostring(lua_State *L) {
    words_index *w = luaL_checkudata(L, 1, WORDS_META);
    lua_pushlstring(L, (const char *)(starts_of(w) + w->first[BUCKETS]), w->length);
    return 1;
}

int luaopen_accord_words(lua_State *L) {
    if (luaL_newmetatable(L, WORDS_META)) {
        lua_pushcfunction(L, words_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushliteral(L, WORDS_META);
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, words);
    lua_setfield(L, -2, "words");
    lua_pushcfunction(L, find_word);
    lua_setfield(L, -2, "find_word");
    return 1;
}
