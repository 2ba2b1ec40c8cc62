import Foundation

/// Texts numbered in the order first given, kept as their UTF-8 bytes in one array and found again
/// by them: a text read from a row is looked up where the database holds it, without becoming a
/// string, and a million ids take a few tens of megabytes.
struct ByteKeys {
    /// Each text's UTF-8, one after the other, text `k`'s at `bytes[bounds[k]..<bounds[k + 1]]`.
    private var bytes: [UInt8] = []
    private var bounds: [Int] = [0]
    /// Each text's number plus one in the low half, the high half of its hash above (0 for none),
    /// placed by the hash, open addressing; a power of two long. A text looked up is compared only
    /// with those of the same hash, so that one not there mostly costs one read of memory.
    private var slots = [UInt64](repeating: 0, count: 64)

    /// How many texts.
    var count: Int { bounds.count - 1 }

    /// The number of the text whose UTF-8 is `utf8`, given the next number when new.
    mutating func number(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(UnsafeRawBufferPointer(utf8))
        let slot = find(utf8, hash)
        if slots[slot] != 0 { return Int32(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1 }
        let key = Int32(count)
        bytes.append(contentsOf: utf8)
        bounds.append(bytes.count)
        slots[slot] = Self.slot(key, hash)
        if bounds.count * 2 > slots.count { grow() }
        return key
    }

    mutating func number(_ text: String) -> Int32 {
        text.withBytes { number($0) }
    }

    /// The number of the text whose UTF-8 is `utf8`, or nil when it was never given.
    func existingNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Int32? {
        let known = slots[find(utf8, Self.hash(UnsafeRawBufferPointer(utf8)))]
        return known != 0 ? Int32(truncatingIfNeeded: known & 0xFFFF_FFFF) - 1 : nil
    }

    func existingNumber(_ text: String) -> Int32? {
        text.withBytes { existingNumber($0) }
    }

    /// The texts, in the order numbered, without the table that finds them.
    var texts: ByteTexts { ByteTexts(bytes: bytes, bounds: bounds) }

    /// The slot that holds `utf8`'s number, or the empty one where it would go.
    private func find(_ utf8: UnsafeBufferPointer<UInt8>, _ hash: Int) -> Int {
        let mask = slots.count - 1, high = UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000
        var slot = hash & mask
        while slots[slot] != 0 {
            let known = slots[slot]
            if known & 0xFFFF_FFFF_0000_0000 == high {
                let k = Int(known & 0xFFFF_FFFF) - 1
                let (start, end) = (bounds[k], bounds[k + 1])
                if end - start == utf8.count,
                   bytes.withUnsafeBufferPointer({ utf8.isEmpty || memcmp($0.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0 }) {
                    return slot
                }
            }
            slot = (slot + 1) & mask
        }
        return slot
    }

    private static func slot(_ key: Int32, _ hash: Int) -> UInt64 {
        UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000 | UInt64(key + 1)
    }

    /// Doubles the slots, placing each text again.
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for key in 0..<count {
            let hash = bytes.withUnsafeBytes { Self.hash(UnsafeRawBufferPointer(rebasing: $0[bounds[key]..<bounds[key + 1]])) }
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.slot(Int32(key), hash)
        }
    }

    /// A hash of `bytes` eight at a time: several times quicker than `Hasher` on ids of tens of bytes,
    /// of which an import at a million hashes a few a record. It starts from a seed drawn for each
    /// process, as `Hasher` does, so that a file's ids cannot be chosen beforehand to collide; the
    /// numbers given do not depend on it.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var h: UInt64 = seed ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        if i < bytes.count {
            // The last eight bytes, overlapping those hashed, where there are eight: a byte at a
            // time through a slice took most of a hash's instructions.
            var tail: UInt64 = 0
            if bytes.count >= 8 {
                tail = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
            } else {
                for j in i..<bytes.count { tail |= UInt64(bytes[j]) << (8 * UInt64(j - i)) }
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    private static let seed = UInt64.random(in: 0...UInt64.max)
}
