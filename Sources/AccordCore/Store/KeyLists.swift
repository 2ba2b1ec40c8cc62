import Foundation

/// For each partnership of a frame, the distinct keys a dimension gives it, in the order
/// read: each key kept once, as text, and each partnership's keys a run of numbers in one
/// flat array. A million partnerships' organizations take a few megabytes this way, where
/// an array of strings for each took hundreds.
struct KeyLists {
    /// The keys, each once, in the order first added, as their bytes: a frame kept for a count
    /// makes no string of its tens of thousands of organizations.
    let keys: ByteTexts
    /// Partnership `i`'s keys are `runs[starts[i]..<starts[i + 1]]`, indices into `keys`.
    private let starts: [Int32]
    private let runs: [Int32]

    /// Partnership `i`'s keys, as indices into `keys`.
    subscript(i: Int) -> ArraySlice<Int32> { runs[Int(starts[i])..<Int(starts[i + 1])] }

    /// How many partnerships.
    var count: Int { starts.count - 1 }

    /// One key for each partnership, by its number in `texts`; a negative number is none.
    init(one numbers: [Int32], of texts: ByteTexts) {
        var builder = Builder(), seen = [Int32](repeating: -1, count: texts.count)
        for (i, k) in numbers.enumerated() where k >= 0 { builder.add(k, of: texts, seen: &seen, to: i) }
        self = builder.lists(count: numbers.count)
    }

    /// These lists, with `key` alone for each partnership that has none.
    func orWhenEmpty(_ key: String) -> KeyLists {
        var builder = Builder(), seen = [Int32](repeating: -1, count: keys.count)
        for i in 0..<count {
            if self[i].isEmpty { builder.add(key, to: i) }
            for k in self[i] { builder.add(k, of: keys, seen: &seen, to: i) }
        }
        return builder.lists(count: count)
    }

    /// These lists without `key`.
    func without(_ key: String) -> KeyLists {
        var builder = Builder(), seen = [Int32](repeating: -1, count: keys.count)
        let dropped = (0..<keys.count).first { keys.text($0) == key }.map(Int32.init) ?? -1
        for i in 0..<count {
            for k in self[i] where k != dropped { builder.add(k, of: keys, seen: &seen, to: i) }
        }
        return builder.lists(count: count)
    }

    /// Collects keys for partnerships in any order; a key given twice to one partnership is kept once.
    struct Builder {
        private var owners: [Int32] = []
        private var keys: [Int32] = []
        /// The keys, found by their bytes: no row's text becomes a string (the frames' lists of a
        /// year at a million are hundreds of thousands of rows with tens of thousands of keys).
        private var names = ByteKeys()

        /// Adds the key whose UTF-8 is `utf8`.
        mutating func add(utf8: UnsafeBufferPointer<UInt8>, to partnership: Int) {
            owners.append(Int32(partnership))
            keys.append(names.number(utf8))
        }

        /// Adds key `k` of `texts`, found among this builder's keys by its bytes the first time
        /// only: `seen[k]` keeps its number here, -1 until then.
        mutating func add(_ k: Int32, of texts: ByteTexts, seen: inout [Int32], to partnership: Int) {
            if seen[Int(k)] < 0 { seen[Int(k)] = texts.withUTF8(Int(k)) { names.number($0) } }
            owners.append(Int32(partnership))
            keys.append(seen[Int(k)])
        }

        /// Adds `name`, and returns its number here, to add it again with `add(number:to:)`.
        @discardableResult
        mutating func add(_ name: String, to partnership: Int) -> Int32 {
            owners.append(Int32(partnership))
            keys.append(names.number(name))
            return keys[keys.count - 1]
        }

        /// Adds the key this builder numbered `key`.
        mutating func add(number key: Int32, to partnership: Int) {
            owners.append(Int32(partnership))
            keys.append(key)
        }

        /// Adds what `other` collected, after what this one did.
        mutating func add(contentsOf other: Builder) {
            let theirs = other.names.texts
            let mapped = (0..<theirs.count).map { k in theirs.withUTF8(k) { names.number($0) } }
            for (owner, key) in zip(other.owners, other.keys) {
                owners.append(owner)
                keys.append(mapped[Int(key)])
            }
        }

        /// The lists of `count` partnerships: each one's keys in the order added, each once.
        func lists(count: Int) -> KeyLists {
            var starts = [Int32](repeating: 0, count: count + 1)
            for owner in owners { starts[Int(owner) + 1] += 1 }
            for i in 0..<count { starts[i + 1] += starts[i] }
            var next = starts, placed = [Int32](repeating: 0, count: keys.count)
            for (owner, key) in zip(owners, keys) {
                let i = Int(owner)
                if placed[Int(starts[i])..<Int(next[i])].contains(key) { continue }
                placed[Int(next[i])] = key
                next[i] += 1
            }
            // Drop the room left by keys given twice.
            var compact: [Int32] = [], runs: [Int32] = [0]
            compact.reserveCapacity(keys.count)
            for i in 0..<count {
                compact += placed[Int(starts[i])..<Int(next[i])]
                runs.append(Int32(compact.count))
            }
            return KeyLists(keys: names.texts, starts: runs, runs: compact)
        }
    }

    private init(keys: ByteTexts, starts: [Int32], runs: [Int32]) {
        self.keys = keys
        self.starts = starts
        self.runs = runs
    }
}
