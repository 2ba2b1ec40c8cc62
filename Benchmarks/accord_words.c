/*
 * Accord's word search (Sources/CLuaShim/words.c) as a Lua module, so that the
 * plain-lua5.4 baseline runs `mentions` with the same C search Accord uses and
 * the comparison measures the bridge alone. accord-bench builds it:
 *
 *   cc -O2 -shared -fPIC -I/usr/include/lua5.4 Benchmarks/accord_words.c -o accord_words.so
 */
#include "../Sources/CLuaShim/words.c"

int luaopen_accord_words(lua_State *L) {
    luashim_open_words(L);
    lua_newtable(L);
    lua_pushcfunction(L, luashim_words);
    lua_setfield(L, -2, "words");
    lua_pushcfunction(L, luashim_find_word);
    lua_setfield(L, -2, "find_word");
    return 1;
}
