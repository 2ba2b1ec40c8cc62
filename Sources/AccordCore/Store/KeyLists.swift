import Foundation

/// For each partnership of a frame, the distinct keys a dimension gives it, in the order
/// read: each key kept once, as text, and each partnership's keys a run of numbers in one
/// flat array. A million partnerships' organizations take a few megabytes this way, where
/// an array of strings for each took hundreds.
struct KeyLists {
    /// The keys, each once, in the order first added.
    let names: [String]
    /// Partnership `i`'s keys are `keys[starts[i]..<starts[i + 1]]`, indices into `names`.
    private let starts: [Int32]
    private let keys: [Int32]

    /// Partnership `i`'s keys, as indices into `names`.
    subscript(i: Int) -> ArraySlice<Int32> { keys[Int(starts[i])..<Int(starts[i + 1])] }

    /// How many partnerships.
    var count: Int { starts.count - 1 }

    /// One key for each partnership.
    init(one values: [String]) {
        var builder = Builder()
        for (i, value) in values.enumerated() { builder.add(value, to: i) }
        self = builder.lists(count: values.count)
    }

    /// Each partnership's keys, made by `transform` from its keys here.
    func map(_ transform: ([String]) -> [String]) -> KeyLists {
        var builder = Builder()
        for i in 0..<count {
            for key in transform(self[i].map { names[Int($0)] }) { builder.add(key, to: i) }
        }
        return builder.lists(count: count)
    }

    /// Collects keys for partnerships in any order; a key given twice to one partnership is kept once.
    struct Builder {
        private var owners: [Int32] = []
        private var keys: [Int32] = []
        /// Each key's UTF-8, one after the other, key `k`'s at `bytes[bounds[k]..<bounds[k + 1]]`:
        /// what a key read is compared with, and what the lists' names are made from.
        private var bytes: [UInt8] = []
        private var bounds: [Int] = [0]
        /// The keys' numbers (-1 for none), placed by the hash of their bytes, open addressing; a power of two long.
        private var slots = [Int32](repeating: -1, count: 64)

        mutating func add(_ name: String, to partnership: Int) {
            var name = name
            name.withUTF8 { add(utf8: $0, to: partnership) }
        }

        /// Adds the key whose UTF-8 is `utf8`: a key given before is found by its bytes, so that no
        /// row's text becomes a string (the frames' lists of a year at a million are hundreds of
        /// thousands of rows with tens of thousands of keys).
        mutating func add(utf8: UnsafeBufferPointer<UInt8>, to partnership: Int) {
            owners.append(Int32(partnership))
            keys.append(key(utf8))
        }

        private mutating func key(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
            let mask = slots.count - 1
            var slot = Self.hash(UnsafeRawBufferPointer(utf8)) & mask
            while slots[slot] >= 0 {
                let known = Int(slots[slot])
                let (start, end) = (bounds[known], bounds[known + 1])
                if end - start == utf8.count,
                   bytes.withUnsafeBufferPointer({ utf8.isEmpty || memcmp($0.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0 }) {
                    return Int32(known)
                }
                slot = (slot + 1) & mask
            }
            let key = Int32(bounds.count - 1)
            bytes.append(contentsOf: utf8)
            bounds.append(bytes.count)
            slots[slot] = key
            if bounds.count * 2 > slots.count { grow() }
            return key
        }

        /// Doubles the slots, placing each key again.
        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for key in 0..<bounds.count - 1 {
                var slot = bytes.withUnsafeBytes { Self.hash(UnsafeRawBufferPointer(rebasing: $0[bounds[key]..<bounds[key + 1]])) } & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(key)
            }
        }

        private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
            var hasher = Hasher()
            hasher.combine(bytes: bytes)
            return hasher.finalize()
        }

        /// Adds what `other` collected, after what this one did.
        mutating func add(contentsOf other: Builder) {
            let mapped = other.bytes.withUnsafeBufferPointer { theirs in
                (0..<other.bounds.count - 1).map { key(UnsafeBufferPointer(rebasing: theirs[other.bounds[$0]..<other.bounds[$0 + 1]])) }
            }
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
            let names = (0..<bounds.count - 1).map { String(decoding: bytes[bounds[$0]..<bounds[$0 + 1]], as: UTF8.self) }
            return KeyLists(names: names, starts: runs, keys: compact)
        }
    }

    private init(names: [String], starts: [Int32], keys: [Int32]) {
        self.names = names
        self.starts = starts
        self.keys = keys
    }
}
