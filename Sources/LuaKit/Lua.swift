import CLua
import CLuaShim
import Foundation

/// The types of Lua values.
public enum LuaType: Int32, Sendable {
    case none = -1, `nil` = 0, boolean, lightUserdata, number, string, table, function, userdata, thread

    public var name: String {
        switch self {
        case .none: "no value"
        case .nil: "nil"
        case .boolean: "boolean"
        case .lightUserdata, .userdata: "userdata"
        case .number: "number"
        case .string: "string"
        case .table: "table"
        case .function: "function"
        case .thread: "thread"
        }
    }
}

/// A Swift function callable from Lua. It reads its arguments from the stack,
/// pushes its results and returns how many. A thrown error becomes a Lua error
/// raised at the caller's position, from C.
public typealias LuaCallback = (Lua) throws -> Int32

/// A function written in C against Lua's C API (`lua_CFunction`).
public typealias LuaCFunction = @convention(c) (OpaquePointer?) -> Int32

/// A view of a Lua state's stack, for the host and for callbacks.
///
/// Everything here is safe to call from Swift: no function raises a Lua error
/// (reads are raw, conversions never call metamethods, and allocation failures
/// are deferred to the next return into Lua).
public struct Lua {
    @usableFromInline let state: OpaquePointer

    init(_ state: OpaquePointer) { self.state = state }

    public var top: Int32 {
        get { lua_gettop(state) }
        nonmutating set { lua_settop(state, newValue) }
    }

    public func type(at index: Int32) -> LuaType { LuaType(rawValue: lua_type(state, index)) ?? .none }
    public func absolute(_ index: Int32) -> Int32 { lua_absindex(state, index) }
    public func pop(_ n: Int32 = 1) { luashim_pop(state, n) }
    public func pushValue(at index: Int32) { lua_pushvalue(state, index) }
    public func remove(at index: Int32) { luashim_remove(state, index) }

    // MARK: Pushing

    public func pushNil() { lua_pushnil(state) }
    public func push(_ value: Bool) { lua_pushboolean(state, value ? 1 : 0) }
    public func push(_ value: Int) { lua_pushinteger(state, lua_Integer(value)) }
    public func push(_ value: Double) { lua_pushnumber(state, value) }

    @inlinable
    public func push(_ value: String) {
        var value = value
        value.withUTF8 { buffer in
            _ = buffer.withMemoryRebound(to: CChar.self) { lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
    }

    public func push(_ value: String?) {
        if let value { push(value) } else { pushNil() }
    }

    public func push(_ value: Int?) {
        if let value { push(value) } else { pushNil() }
    }

    /// Pushes a new table, sized for `array` list items and `fields` other keys.
    public func newTable(array: Int = 0, fields: Int = 0) {
        lua_createtable(state, Int32(clamping: array), Int32(clamping: fields))
    }

    /// Pushes a Lua function that calls `body`.
    public func push(function body: @escaping LuaCallback) {
        _ = LuaCallbackBox.dispatcherInstalled
        let box = Unmanaged.passRetained(LuaCallbackBox(body)).toOpaque()
        luashim_push_swift_function(state, box)
    }

    /// Pushes a list of strings as a Lua sequence.
    @inlinable // specialized for the caller's collection: a year's ids are tens of thousands
    public func push(_ values: some Collection<String>) {
        lua_createtable(state, Int32(clamping: values.count), 0)
        var i: lua_Integer = 0
        for value in values {
            i += 1
            push(value)
            lua_rawseti(state, -2, i)
        }
    }

    /// Pushes `locals(f, level)`, a Lua function for hosts that keep a
    /// chunk's local variables: when the function running at `level` (1: the
    /// caller of `locals`) is `f`, it returns the names of its active locals
    /// in declaration order and a table of their values by position, else
    /// nothing.
    public func pushLocalsReader() { luashim_pushcfunction(state, luashim_locals) }

    /// Pushes a C function (a `lua_CFunction`, such as a C module's `luaopen_`).
    public func push(cFunction: LuaCFunction) { luashim_pushcfunction(state, cFunction) }

    /// Pushes `where()`, a Lua function for hosts' Lua code that checks what scripts give
    /// it: "chunk:line" of the innermost script function, skipping the host's own chunks
    /// (named in parentheses), or nil.
    public func pushPositionReader() { luashim_pushcfunction(state, luashim_where) }

    /// Pushes `defined_at(f)`, a Lua function that returns "chunk:line" where the Lua
    /// function `f` was defined, or "native code".
    public func pushDefinitionReader() { luashim_pushcfunction(state, luashim_defined_at) }

    // MARK: Raw table access (never calls metamethods)

    /// Pops a value and stores it as `table[key]`.
    public func setField(_ key: String, in table: Int32 = -2) {
        let t = absolute(table)
        push(key)
        lua_rotate(state, -2, 1)
        lua_rawset(state, t)
    }

    /// Pops a key and a value (pushed in that order) and stores `table[key] = value`.
    public func rawSet(in table: Int32) {
        lua_rawset(state, table)
    }

    /// Pops a value and stores it as `table[index]`.
    public func setIndex(_ index: Int, in table: Int32 = -2) {
        lua_rawseti(state, table, lua_Integer(index))
    }

    /// Pushes `table[key]` and returns its type.
    @discardableResult
    public func getField(_ key: String, in table: Int32) -> LuaType {
        let t = absolute(table)
        push(key)
        return LuaType(rawValue: lua_rawget(state, t)) ?? .none
    }

    @discardableResult
    public func getIndex(_ index: Int, in table: Int32) -> LuaType {
        LuaType(rawValue: lua_rawgeti(state, table, lua_Integer(index))) ?? .none
    }

    public func length(at index: Int32) -> Int { Int(lua_rawlen(state, index)) }

    /// Makes room for `n` more values on the stack; false when Lua cannot.
    public func ensureRoom(_ n: Int32) -> Bool { lua_checkstack(state, n) != 0 }

    /// Pops a table and sets it as the metatable of the value at `index`.
    public func setMetatable(at index: Int32) { lua_setmetatable(state, index) }

    /// Calls `body` with each key at -2 and value at -1 of the table at `index`.
    public func forEach(in table: Int32, _ body: () throws -> Void) rethrows {
        let t = absolute(table)
        pushNil()
        while lua_next(state, t) != 0 {
            defer { pop() }
            try body()
        }
    }

    // MARK: Reading

    /// The string at `index` if it is a string (numbers are not converted).
    public func string(at index: Int32) -> String? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(state, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }

    /// Whether Lua's `<` puts the string `a` before `b`: `strcoll` in the locale Lua runs in, a
    /// piece at a time past each NUL, as `l_strcmp` in Lua's `lvm.c` compares.
    public static func stringPrecedes(_ a: String, _ b: String) -> Bool {
        // Each C string holds all of its string's bytes, embedded NULs too, before the final NUL.
        let (ll, lr) = (a.utf8.count, b.utf8.count)
        return a.withCString { l in
            b.withCString { r in
                var (i, j) = (0, 0) // the pieces compared start here
                while true {
                    let order = strcoll(l + i, r + j)
                    if order != 0 { return order < 0 }
                    let length = strlen(l + i)
                    if j + length == lr { return false } // r ends here: equal, or l is longer
                    if i + length == ll { return true } // l ends here, r goes on
                    (i, j) = (i + length + 1, j + length + 1)
                }
            }
        }
    }

    /// The longest string Lua keeps once however often it is made (`LUAI_MAXSHORTLEN`): two equal
    /// strings this long or shorter are one string, at one `stringAddress`.
    public static let longestInterned = 40

    /// Where Lua keeps the string at `index`, if it is a string. A string stays there while it is
    /// reachable, and equal short strings are one string: a host that reads the same strings many
    /// times from tables it keeps reachable can key what it made of each by this.
    public func stringAddress(at index: Int32) -> UnsafeRawPointer? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        return lua_tolstring(state, index, nil).map(UnsafeRawPointer.init)
    }

    /// Where Lua keeps the table at `index`, if it is a table: the same while the table is
    /// reachable, and another table's once it is not.
    public func tableAddress(at index: Int32) -> UnsafeRawPointer? {
        guard lua_type(state, index) == LUA_TTABLE else { return nil }
        return lua_topointer(state, index)
    }

    /// The bytes of the string at `index`, exactly as Lua holds them (valid UTF-8 or not).
    public func bytes(at index: Int32) -> [UInt8]? {
        guard lua_type(state, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(state, index, &length) else { return nil }
        return Array(UnsafeRawBufferPointer(start: chars, count: length))
    }

    public func number(at index: Int32) -> Double? {
        lua_type(state, index) == LUA_TNUMBER ? lua_tonumberx(state, index, nil) : nil
    }

    /// The integer at `index` if it is a number with an exact integer value.
    public func integer(at index: Int32) -> Int? {
        var isInteger: Int32 = 0
        let value = lua_tointegerx(state, index, &isInteger)
        return isInteger != 0 && lua_type(state, index) == LUA_TNUMBER ? Int(value) : nil
    }

    public func bool(at index: Int32) -> Bool { lua_toboolean(state, index) != 0 }

    /// The string form of any value, as `tostring` gives it. Metamethods run
    /// under protection; their errors come back as the thrown message.
    public func describe(at index: Int32) throws(LuaError) -> String {
        let status = luashim_pcall_tolstring(state, index)
        defer { pop() }
        guard status == LUA_OK else {
            throw LuaError(kind: .runtime, message: string(at: -1) ?? "error in __tostring")
        }
        return string(at: -1) ?? ""
    }

    // MARK: Arguments

    /// Argument `n` as a string, or an error in Lua's own wording.
    public func checkString(_ n: Int32, function: String) throws -> String {
        guard let s = string(at: n) else { throw argumentError(n, function: function, expected: "string") }
        return s
    }

    public func argumentError(_ n: Int32, function: String, expected: String) -> LuaScriptError {
        LuaScriptError("bad argument #\(n) to '\(function)' (\(expected) expected, got \(type(at: n).name))")
    }
}

/// An error a callback throws to raise a Lua error with this message at the
/// caller's position.
public struct LuaScriptError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

final class LuaCallbackBox {
    let body: LuaCallback
    init(_ body: @escaping LuaCallback) { self.body = body }

    static let dispatcherInstalled: Bool = {
        luashim_set_dispatcher(
            { state, box in
                let callback = Unmanaged<LuaCallbackBox>.fromOpaque(box!).takeUnretainedValue()
                let lua = Lua(state!)
                do {
                    return try callback.body(lua)
                } catch let error as LuaError {
                    lua.push(error.message)
                    return LUASHIM_RAISE
                } catch {
                    lua.push(String(describing: error))
                    return LUASHIM_RAISE_AT_CALLER
                }
            },
            { box in Unmanaged<LuaCallbackBox>.fromOpaque(box!).release() })
        return true
    }()
}
