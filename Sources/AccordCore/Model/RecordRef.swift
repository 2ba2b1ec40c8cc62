/// A record named by its kind and id.
public struct RecordRef: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var kind: RecordKind
    public var id: String

    public init(_ kind: RecordKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// `partnership dksh-hanmi-2013`.
    public var description: String { "\(kind.rawValue) \(id)" }

    /// Sources, then organizations, then partnerships; by id within a kind.
    public static func < (a: RecordRef, b: RecordRef) -> Bool {
        (a.kind.order, a.id) < (b.kind.order, b.id)
    }
}

extension RecordKind {
    /// The order of the kinds: sources first, as records cite those before them.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}
