#include "CLuaShim.h"
#include <stdlib.h>

static luashim_dispatch_fn dispatcher;
static luashim_release_fn releaser;

void luashim_set_dispatcher(luashim_dispatch_fn dispatch, luashim_release_fn release) {
    dispatcher = dispatch;
    releaser = release;
}

/* Raises the memory error that an allocation made during a Swift callback
 * could not raise itself. */
static void raise_pending_memory_error(lua_State *L) {
    luashim_alloc_stats *stats = luashim_stats(L);
    if (stats && stats->swift_depth == 0 && stats->limit && stats->in_use > stats->limit) {
        lua_pushfstring(L, "memory limit (%d bytes) exceeded", (int)stats->limit);
        lua_error(L);
    }
}

static int trampoline(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(1));
    luashim_alloc_stats *stats = luashim_stats(L);
    if (stats) stats->swift_depth++;
    int n = dispatcher(L, *slot);
    if (stats) stats->swift_depth--;
    if (n == LUASHIM_RAISE_AT_CALLER && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    if (n < 0) return lua_error(L);
    raise_pending_memory_error(L);
    return n;
}

static int release_box(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, 1);
    if (slot && *slot) {
        releaser(*slot);
        *slot = NULL;
    }
    return 0;
}

void luashim_push_swift_function(lua_State *L, void *box) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    if (luaL_newmetatable(L, "luashim.box")) {
        lua_pushcfunction(L, release_box);
        lua_setfield(L, -2, "__gc");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, trampoline, 1);
}

/* --- Counting allocator --------------------------------------------------- */

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    luashim_alloc_stats *stats = (luashim_alloc_stats *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        stats->in_use -= old;
        return NULL;
    }
    if (stats->limit && nsize > old && stats->in_use - old + nsize > stats->limit) {
        stats->limit_hit = 1;
        /* Failing here would longjmp; inside a Swift callback that would cross
         * Swift frames, so allow it and let the trampoline raise afterwards. */
        if (stats->swift_depth == 0) return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    stats->in_use = stats->in_use - old + nsize;
    if (stats->in_use > stats->peak) stats->peak = stats->in_use;
    return block;
}

lua_State *luashim_newstate(luashim_alloc_stats *stats) {
    stats->swift_depth = 1; /* the host is in control until it calls into Lua */
    return lua_newstate(counting_alloc, stats);
}

luashim_alloc_stats *luashim_stats(lua_State *L) {
    void *ud = NULL;
    lua_Alloc f = lua_getallocf(L, &ud);
    return f == counting_alloc ? (luashim_alloc_stats *)ud : NULL;
}

/* --- Protected helpers ---------------------------------------------------- */

int luashim_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    luashim_alloc_stats *stats = luashim_stats(L);
    int depth = stats ? stats->swift_depth : 0;
    if (stats) stats->swift_depth = 0;
    int status = lua_pcall(L, nargs, nresults, msgh);
    if (stats) stats->swift_depth = depth;
    return status;
}

static int tolstring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int luashim_pcall_tolstring(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, tolstring_body);
    lua_pushvalue(L, idx);
    return luashim_pcall(L, 1, 1, 0);
}

static int gettable_body(lua_State *L) {
    lua_gettable(L, 1);
    return 1;
}

int luashim_pcall_gettable(lua_State *L, int t) {
    t = lua_absindex(L, t);
    lua_pushcfunction(L, gettable_body);
    lua_pushvalue(L, t);
    lua_rotate(L, -3, -1); /* key, fn, t -> fn, t, key */
    return luashim_pcall(L, 2, 1, 0);
}

int luashim_traceback_handler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
            msg = lua_tostring(L, -1);
        } else if (lua_isnil(L, 1)) {
            msg = "error object is nil";
        } else {
            msg = lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}
