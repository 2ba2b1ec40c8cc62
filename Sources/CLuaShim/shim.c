#include "CLuaShim.h"
#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

static luashim_dispatch_fn dispatcher;
static luashim_release_fn releaser;

void luashim_set_dispatcher(luashim_dispatch_fn dispatch, luashim_release_fn release) {
    dispatcher = dispatch;
    releaser = release;
}

static void limit_hook(lua_State *L, lua_Debug *ar);

/* --- Budget ----------------------------------------------------------------- */

struct luashim_budget {
    _Atomic size_t used;         /* bytes states reserved and the host charged */
    _Atomic size_t peak;         /* the most `used` was */
    _Atomic unsigned long long instructions; /* run since the start, counted in hook steps */
    size_t limit;                /* memory ceiling in bytes; 0: none */
    size_t grain;                /* how much a state reserves at a time */
    unsigned long long max_instructions; /* 0: none */
    double deadline;             /* CLOCK_MONOTONIC seconds; 0: none */
    double timeout;              /* the time limit in seconds, for the message */
};

/* States reserve the budget's bytes a grain at a time, so that states on
 * several threads touch its counter rarely; the finer grain of a small
 * ceiling keeps the bytes reserved but unused a small part of it. */
static size_t grain_for(size_t limit) {
    size_t grain = limit / 1024;
    if (grain < 4096) grain = 4096;
    if (grain > (256 << 10)) grain = 256 << 10;
    return grain;
}

luashim_budget *luashim_budget_new(void) {
    luashim_budget *b = calloc(1, sizeof *b);
    if (b) b->grain = grain_for(0);
    return b;
}

void luashim_budget_free(luashim_budget *b) { free(b); }

void luashim_budget_start(luashim_budget *b, size_t memory, unsigned long long max_instructions, double timeout) {
    luashim_budget_set_limit(b, memory);
    atomic_store_explicit(&b->instructions, 0, memory_order_relaxed);
    b->max_instructions = max_instructions;
    b->timeout = timeout;
    b->deadline = timeout > 0 ? luashim_now() + timeout : 0;
}

size_t luashim_budget_in_use(const luashim_budget *b) {
    return atomic_load_explicit((_Atomic size_t *)&b->used, memory_order_relaxed);
}

size_t luashim_budget_peak(const luashim_budget *b) {
    return atomic_load_explicit((_Atomic size_t *)&b->peak, memory_order_relaxed);
}

size_t luashim_budget_limit(const luashim_budget *b) { return b->limit; }

void luashim_budget_set_limit(luashim_budget *b, size_t limit) {
    b->limit = limit;
    b->grain = grain_for(limit);
}

static void note_peak(luashim_budget *b, size_t used) {
    size_t peak = atomic_load_explicit(&b->peak, memory_order_relaxed);
    while (used > peak && !atomic_compare_exchange_weak_explicit(&b->peak, &peak, used, memory_order_relaxed,
                                                                memory_order_relaxed)) {
    }
}

/* Adds `minimum` bytes, or up to `wanted` when they fit, to the budget's
 * count; with `enforced`, never past its ceiling. Returns how many were
 * added, 0 when not even `minimum` fits. */
static size_t take(luashim_budget *b, size_t minimum, size_t wanted, int enforced) {
    size_t used = atomic_load_explicit(&b->used, memory_order_relaxed);
    for (;;) {
        size_t n = wanted;
        if (enforced && b->limit) {
            if (used > b->limit || minimum > b->limit - used) return 0;
            if (n > b->limit - used) n = b->limit - used;
        }
        if (atomic_compare_exchange_weak_explicit(&b->used, &used, used + n, memory_order_relaxed, memory_order_relaxed)) {
            note_peak(b, used + n);
            return n;
        }
    }
}

int luashim_budget_charge(luashim_budget *b, size_t bytes) {
    return bytes == 0 || take(b, bytes, bytes, 1) == bytes;
}

void luashim_budget_discharge(luashim_budget *b, size_t bytes) {
    atomic_fetch_sub_explicit(&b->used, bytes, memory_order_relaxed);
}

/* --- Limits ----------------------------------------------------------------- */

/* Records why the script stopped, and where, and makes every thread that runs
 * another instruction raise it. */
static void stop(luashim_control *c, int why, const char *where) {
    if (c->stopped) return;
    c->stopped = why;
    switch (why) {
    case LUASHIM_STOP_INSTRUCTIONS:
        snprintf(c->message, sizeof c->message, "%sinstruction limit (%llu) exceeded", where, c->budget->max_instructions);
        break;
    case LUASHIM_STOP_TIME:
        snprintf(c->message, sizeof c->message, "%stime limit (%g s) exceeded", where, c->budget->timeout);
        break;
    case LUASHIM_STOP_INTERRUPT:
        snprintf(c->message, sizeof c->message, "%sinterrupted", where);
        break;
    default:
        snprintf(c->message, sizeof c->message, "%smemory limit (%zu bytes) exceeded", where, c->budget->limit);
    }
    if (c->main) lua_sethook(c->main, limit_hook, LUA_MASKCOUNT, 1);
}

/* "chunk:line: " of the innermost function of a script running on L, or "".
 * The host's own Lua chunks, named in parentheses ("(sandbox)"), are skipped. */
static void position(lua_State *L, char *out, size_t size) {
    lua_Debug ar;
    out[0] = 0;
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.short_src[0] != '(') {
            snprintf(out, size, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
}

static void raise_stop(lua_State *L, luashim_control *c) {
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, c->message);
    lua_error(L);
}

/* Counts `instructions` more and raises the stop when a limit is passed. */
static void charge(lua_State *L, luashim_control *c, unsigned long long instructions) {
    if (!c->stopped) {
        luashim_budget *b = c->budget;
        unsigned long long run = atomic_fetch_add_explicit(&b->instructions, instructions, memory_order_relaxed) + instructions;
        int why = LUASHIM_RUNNING;
        if (b->max_instructions && run > b->max_instructions) why = LUASHIM_STOP_INSTRUCTIONS;
        else if (b->deadline > 0 && luashim_now() >= b->deadline) why = LUASHIM_STOP_TIME;
        else if (c->refused) why = LUASHIM_STOP_MEMORY;
        else if (c->interrupted) why = LUASHIM_STOP_INTERRUPT;
        if (why == LUASHIM_RUNNING) return;
        char where[160];
        position(L, where, sizeof where);
        stop(c, why, why == LUASHIM_STOP_MEMORY ? c->refused_where : where);
    }
    raise_stop(L, c);
}

/* Sets the count hook on the main thread unless it is set already: its count
 * then goes on from call to call, so that calls shorter than a hook step are
 * counted too. */
static void install_hook(lua_State *main) {
    if (lua_gethook(main) != limit_hook || lua_gethookmask(main) != LUA_MASKCOUNT
        || lua_gethookcount(main) != LUASHIM_HOOK_STEP) {
        lua_sethook(main, limit_hook, LUA_MASKCOUNT, LUASHIM_HOOK_STEP);
    }
}

static void limit_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    luashim_control *c = luashim_control_of(L);
    if (!c) return;
    int step = lua_gethookcount(L);
    if (c->collect_armed == 1) {
        c->collect_armed = 2;
        lua_gc(L, LUA_GCCOLLECT);
        c->collected_at = c->in_use;
        c->collect_armed = 0;
        if (!c->stopped) {
            lua_sethook(L, limit_hook, LUA_MASKCOUNT, LUASHIM_HOOK_STEP);
            lua_sethook(c->main, limit_hook, LUA_MASKCOUNT, LUASHIM_HOOK_STEP);
        }
    }
    if (!c->enforcing && !c->interrupted) {
        /* The host's own code, between scripts: what scripts ran before it is
         * counted, nothing is stopped. */
        atomic_fetch_add_explicit(&c->budget->instructions, step > 0 ? (unsigned long long)step : 0, memory_order_relaxed);
        return;
    }
    charge(L, c, step > 0 ? (unsigned long long)step : 0);
}

int luashim_charge(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    lua_Integer n = lua_tointeger(L, 1);
    if (c && (c->enforcing || c->stopped || c->interrupted)) {
        charge(L, c, n > 0 ? (unsigned long long)n : 0);
    }
    return 0;
}

int luashim_where(lua_State *L) {
    char where[LUA_IDSIZE + 24];
    position(L, where, sizeof where);
    size_t n = strlen(where);
    if (n < 2) {
        lua_pushnil(L);
    } else {
        lua_pushlstring(L, where, n - 2); /* without the trailing ": " */
    }
    return 1;
}

int luashim_defined_at(lua_State *L) {
    lua_Debug ar;
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_pushvalue(L, 1);
    if (lua_getinfo(L, ">S", &ar) && ar.linedefined > 0) {
        lua_pushfstring(L, "%s:%d", ar.short_src, ar.linedefined);
    } else {
        lua_pushliteral(L, "native code");
    }
    return 1;
}

void luashim_interrupt(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    if (!c) return;
    c->interrupted = 1;
    lua_sethook(c->main, limit_hook, LUA_MASKCOUNT, 1);
}

int luashim_locals(lua_State *L) {
    lua_Debug ar;
    int level = (int)luaL_checkinteger(L, 2);
    if (level < 1 || !lua_getstack(L, level, &ar)) return 0;
    lua_getinfo(L, "f", &ar);
    int same = lua_rawequal(L, -1, 1);
    lua_pop(L, 1);
    if (!same) return 0;
    lua_newtable(L); /* names */
    lua_newtable(L); /* values */
    int n = 0;
    const char *name;
    for (int i = 1; (name = lua_getlocal(L, &ar, i)) != NULL; i++) {
        if (name[0] == '(') {
            lua_pop(L, 1);
            continue;
        }
        n++;
        lua_seti(L, -2, n);
        lua_pushstring(L, name);
        lua_seti(L, -3, n);
    }
    return 2;
}

int luashim_stopped(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    lua_pushboolean(L, c && c->stopped);
    return 1;
}

double luashim_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void luashim_start_limits(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    luashim_budget *b = c->budget;
    c->stopped = LUASHIM_RUNNING;
    c->message[0] = 0;
    c->refused = 0;
    c->interrupted = 0;
    c->collected_at = 0;
    c->collect_armed = 0;
    c->enforcing = 1;
    if (b->max_instructions || b->deadline > 0 || b->limit) install_hook(c->main);
    else lua_sethook(c->main, NULL, 0, 0);
}

void luashim_pause_limits(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    c->enforcing = 0;
    c->stopped = LUASHIM_RUNNING;
    c->message[0] = 0;
    c->refused = 0;
    c->interrupted = 0;
    c->collect_armed = 0;
    if (lua_gethook(c->main) == limit_hook) install_hook(c->main);
}

/* After a Swift callback: raises the stop, or the memory overrun that an
 * allocation made while Swift ran could not raise itself. */
static void raise_pending_stop(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    if (!c || c->swift_depth != 0) return;
    if (!c->stopped && c->enforcing && c->budget->limit && luashim_budget_in_use(c->budget) > c->budget->limit) {
        char where[160];
        position(L, where, sizeof where);
        stop(c, LUASHIM_STOP_MEMORY, where);
    }
    if (c->stopped) raise_stop(L, c);
}

static int trampoline(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(1));
    luashim_control *c = luashim_control_of(L);
    if (c) c->swift_depth++;
    int n = dispatcher(L, *slot);
    if (c) c->swift_depth--;
    if (n == LUASHIM_RAISE_AT_CALLER && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    raise_pending_stop(L);
    if (n < 0) return lua_error(L);
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

/* Makes sure the state holds at least `need` bytes of its budget, reserving
 * a grain more when it can. With `enforced`, fails rather than pass the
 * ceiling; otherwise the bytes are counted whatever the ceiling. */
static int reserve(luashim_control *c, size_t need, int enforced) {
    if (need <= c->reserved) return 1;
    luashim_budget *b = c->budget;
    size_t minimum = need - c->reserved;
    size_t wanted = minimum + b->grain - need % b->grain;
    size_t n = take(b, minimum, wanted, enforced);
    c->reserved += n;
    return n != 0;
}

/* Gives back what the state holds beyond a grain or two above its use. */
static void give_back(luashim_control *c) {
    size_t grain = c->budget->grain;
    if (c->reserved - c->in_use > 2 * grain) {
        size_t keep = c->in_use + grain;
        luashim_budget_discharge(c->budget, c->reserved - keep);
        c->reserved = keep;
    }
}

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    luashim_control *c = (luashim_control *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        c->in_use -= old;
        give_back(c);
        return NULL;
    }
    int growing = nsize > old;
    int enforced = c->enforcing && c->swift_depth == 0 && c->budget->limit;
    /* While Swift runs nothing is refused (a failure would longjmp through
     * Swift): the bytes are counted, and the trampoline raises the overrun
     * afterwards. */
    int fits = !growing || reserve(c, c->in_use - old + nsize, enforced);
    if (growing && c->refused && c->swift_depth == 0) {
        int retry = ptr == c->refused_block && osize == c->refused_osize && nsize == c->refused_nsize;
        if (!retry || !fits) stop(c, LUASHIM_STOP_MEMORY, c->refused_where);
        c->refused = 0;
        if (!fits) return NULL;
    } else if (!fits) {
        /* Lua may answer with a full collection and a retry of this request. */
        c->refused = 1;
        c->refused_block = ptr;
        c->refused_osize = osize;
        c->refused_nsize = nsize;
        if (c->main) position(c->main, c->refused_where, sizeof c->refused_where);
        else c->refused_where[0] = 0;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    c->in_use = c->in_use - old + nsize;
    if (c->in_use > c->peak) c->peak = c->in_use;
    if (!growing) give_back(c);
    /* Library buffers (string.rep, table.concat, gsub) allocate without Lua's
     * emergency collection, so garbage could make a script that fits fail.
     * Past half the ceiling, after each further eighth this state allocated,
     * the hook collects at the next instruction. */
    size_t limit = c->budget->limit;
    if (limit && c->enforcing && !c->collect_armed && !c->stopped && c->swift_depth == 0 && c->main
        && luashim_budget_in_use(c->budget) > limit / 2 && c->in_use > c->collected_at + limit / 8) {
        c->collect_armed = 1;
        lua_sethook(c->main, limit_hook, LUA_MASKCOUNT, 1);
    }
    return block;
}

int luashim_settle_stop(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    if (!c) return 0;
    if (c->refused && !c->stopped) stop(c, LUASHIM_STOP_MEMORY, c->refused_where);
    c->refused = 0;
    return c->stopped;
}

lua_State *luashim_newstate(luashim_control *control, luashim_budget *budget) {
    control->budget = budget;
    control->swift_depth = 1; /* the host is in control until it calls into Lua */
    lua_State *L = lua_newstate(counting_alloc, control);
    control->main = L;
    return L;
}

void luashim_close(lua_State *L) {
    luashim_control *c = luashim_control_of(L);
    lua_close(L);
    if (c) {
        luashim_budget_discharge(c->budget, c->reserved);
        c->reserved = 0;
    }
}

luashim_control *luashim_control_of(lua_State *L) {
    void *ud = NULL;
    lua_Alloc f = lua_getallocf(L, &ud);
    return f == counting_alloc ? (luashim_control *)ud : NULL;
}

/* --- Protected helpers ---------------------------------------------------- */

int luashim_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    luashim_control *c = luashim_control_of(L);
    int depth = c ? c->swift_depth : 0;
    if (c) c->swift_depth = 0;
    int status = lua_pcall(L, nargs, nresults, msgh);
    if (c) c->swift_depth = depth;
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

/* Whether a message starts with a position, "chunk:line:". */
static int has_position(const char *msg) {
    const char *colon = strchr(msg, ':');
    if (colon == NULL || colon == msg || memchr(msg, '\n', (size_t)(colon - msg))) return 0;
    const char *p = colon + 1;
    if (!isdigit((unsigned char)*p)) return 0;
    while (isdigit((unsigned char)*p)) p++;
    return *p == ':';
}

int luashim_traceback_handler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg != NULL && msg[0] == '(' && has_position(msg)) {
        /* Raised inside the host's own Lua ("(prelude):12: ..."): say where
         * the script was instead. */
        const char *rest = strchr(strchr(msg, ':') + 1, ':') + 1;
        while (*rest == ' ') rest++;
        char where[160];
        position(L, where, sizeof where);
        msg = lua_pushfstring(L, "%s%s", where, rest);
    } else if (msg != NULL && !has_position(msg)) {
        /* Raised inside a library function (rawset, next), which Lua gives no
         * position: say where the script called it. */
        char where[160];
        position(L, where, sizeof where);
        msg = lua_pushfstring(L, "%s%s", where, msg);
    } else if (msg == NULL) {
        /* A value error() cannot prefix with a position: name it and say where. */
        char where[160];
        position(L, where, sizeof where);
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
            msg = lua_pushfstring(L, "%s%s", where, lua_tostring(L, -1));
        } else if (lua_isnil(L, 1)) {
            msg = lua_pushfstring(L, "%serror object is nil", where);
        } else {
            msg = lua_pushfstring(L, "%serror object is a %s value", where, luaL_typename(L, 1));
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}
