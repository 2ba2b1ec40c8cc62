import Foundation

extension String {
    /// Without leading and trailing whitespace and newlines.
    var trimmed: String {
        // Most values start and end with a visible ASCII character: no need to look further.
        let visible = withBytes { bytes in
            guard let head = bytes.first, let tail = bytes.last else { return false }
            return head > 0x20 && head < 0x80 && tail > 0x20 && tail < 0x80
        }
        if visible { return self }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return first == startIndex && index(after: last) == endIndex ? self : String(self[first...last])
    }

    /// Whether the text's UTF-8 holds `byte`, found with `memchr`.
    func containsByte(_ byte: UInt8) -> Bool {
        withBytes { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else { return false }
            return memchr(base, Int32(byte), utf8.count) != nil
        }
    }

    /// `body` of the text's UTF-8, read where the string holds it. `withUTF8` needs a variable, a
    /// copy of the string retained and released at each call (each cell of an import, each row of a
    /// classification); only a string whose bytes lie elsewhere (one bridged from Foundation) is copied.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        if let done = try utf8.withContiguousStorageIfAvailable(body) { return done }
        var text = self
        return try text.withUTF8(body)
    }
}

extension String {
    /// The last `character` (ASCII) that stands alone, as `lastIndex(of:)` finds it,
    /// looked for in the UTF-8 bytes.
    func lastIndexOfASCII(_ character: UInt8) -> Index? {
        let bytes = utf8
        guard let i = bytes.lastIndex(of: character) else { return nil }
        return standsAlone(i) ? i : lastIndex(of: Character(Unicode.Scalar(character)))
    }

    /// The first `character` (ASCII) that stands alone, as `firstIndex(of:)` finds it.
    func firstIndexOfASCII(_ character: UInt8) -> Index? {
        let bytes = utf8
        guard let i = bytes.firstIndex(of: character) else { return nil }
        return standsAlone(i) ? i : firstIndex(of: Character(Unicode.Scalar(character)))
    }

    /// Whether the byte at `i` is a character of its own: its neighbours are ASCII,
    /// so that no combining mark joins it (CR LF aside, which no caller seeks).
    private func standsAlone(_ i: Index) -> Bool {
        let bytes = utf8
        if i != bytes.startIndex && bytes[bytes.index(before: i)] >= 0x80 { return false }
        let next = bytes.index(after: i)
        return next == bytes.endIndex || bytes[next] < 0x80
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes as a string, nil when they are not UTF-8. ASCII, the usual case, is
    /// taken as it is: the standard library's generic check costs more than the copy.
    var utf8String: String? {
        isASCII ? String(decoding: self, as: UTF8.self) : String(validating: self, as: UTF8.self)
    }

    /// Whether every byte is below 0x80, read eight at a time.
    var isASCII: Bool {
        guard let base = baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0, high: UInt64 = 0
        while i + 8 <= count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            high |= UInt64(base[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
