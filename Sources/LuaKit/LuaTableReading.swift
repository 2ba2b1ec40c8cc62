/// Reading plain data tables that a host's Lua hands back.
extension Lua {
    public func stringField(_ key: String, in table: Int32) -> String? {
        getField(key, in: table)
        defer { pop() }
        return string(at: -1)
    }

    public func intField(_ key: String, in table: Int32) -> Int? {
        getField(key, in: table)
        defer { pop() }
        return integer(at: -1)
    }

    public func boolField(_ key: String, in table: Int32) -> Bool {
        getField(key, in: table)
        defer { pop() }
        return bool(at: -1)
    }

    /// Calls `body` with the absolute index of each item of the list `table[key]`.
    public func forEachItem(of key: String, in table: Int32, _ body: (Int32) throws -> Void) rethrows {
        guard getField(key, in: table) == .table else {
            pop()
            return
        }
        let list = top
        defer { pop() }
        try forEachItem(in: list, body)
    }

    /// Calls `body` with the absolute index of each item of the list at `list`.
    public func forEachItem(in list: Int32, _ body: (Int32) throws -> Void) rethrows {
        let list = absolute(list)
        let count = length(at: list)
        guard count > 0 else { return }
        for i in 1...count {
            getIndex(i, in: list)
            defer { pop() }
            try body(top)
        }
    }

    public func stringList(_ key: String, in table: Int32) -> [String] {
        var out: [String] = []
        forEachItem(of: key, in: table) { if let s = string(at: $0) { out.append(s) } }
        return out
    }

    /// The strings of the list at `list`.
    public func stringList(in list: Int32) -> [String] {
        var out: [String] = []
        forEachItem(in: list) { if let s = string(at: $0) { out.append(s) } }
        return out
    }
}
