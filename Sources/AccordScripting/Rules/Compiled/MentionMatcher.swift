import CAccordWords

/// Every `mentions` needle of a plan in one automaton (matcher.c): a text is read once,
/// and each needle it holds, at a word start, sets its bit.
final class MentionMatcher {
    private let automaton: OpaquePointer
    /// How many 64-bit words a set of found needles takes.
    let words: Int

    init(needles: [[UInt8]]) {
        let copies = needles.map { needle in
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(needle.count, 1))
            for (i, byte) in needle.enumerated() { copy[i] = CChar(bitPattern: byte) }
            return UnsafePointer(copy)
        }
        defer { for copy in copies { UnsafeMutablePointer(mutating: copy).deallocate() } }
        let lengths = needles.map(\.count)
        let made: OpaquePointer? = copies.map { Optional($0) }.withUnsafeBufferPointer { pointers in
            accord_matcher_new(pointers.baseAddress, lengths, needles.count)
        }
        guard let made else { fatalError("out of memory building the mentions automaton") }
        automaton = made
        words = (needles.count + 63) / 64
    }

    deinit { accord_matcher_free(automaton) }

    /// The state before a text read in parts (`read(_:after:into:)`), setting in `found` (`words`
    /// words) the bits of needles an empty text holds.
    func begin(into found: UnsafeMutablePointer<UInt64>) -> UInt32 {
        accord_matcher_begin(automaton, found)
    }

    /// Reads `part` of a text on from `state`, setting in `found` the bits of the needles that end
    /// in it; returns the state after it. The parts of a text read one after the other find what
    /// `accord_matcher_scan` finds in the whole.
    func read(_ part: String, after state: UInt32, into found: UnsafeMutablePointer<UInt64>) -> UInt32 {
        if let after = part.utf8.withContiguousStorageIfAvailable({ read($0, after: state, into: found) }) { return after }
        var part = part
        return part.withUTF8 { read($0, after: state, into: found) }
    }

    func read(_ part: UnsafeBufferPointer<UInt8>, after state: UInt32, into found: UnsafeMutablePointer<UInt64>) -> UInt32 {
        part.withMemoryRebound(to: CChar.self) { accord_matcher_read(automaton, state, $0.baseAddress, $0.count, found) }
    }
}

/// A field's text read by the automaton part by part, a separator before each part but the first
/// that follows some text.
struct FieldReading {
    let matcher: MentionMatcher
    let found: UnsafeMutablePointer<UInt64>
    private var state: UInt32
    private var empty = true

    init(matcher: MentionMatcher, into found: UnsafeMutablePointer<UInt64>) {
        (self.matcher, self.found) = (matcher, found)
        state = matcher.begin(into: found)
    }

    /// Reads `part`, after the separator when some text came before it.
    mutating func read(_ part: String) {
        if !empty { state = Self.separator.withUnsafeBufferPointer { matcher.read($0, after: state, into: found) } }
        state = matcher.read(part, after: state, into: found)
        empty = empty && part.isEmpty
    }

    private static let separator: [UInt8] = [UInt8(ascii: "|")]
}
