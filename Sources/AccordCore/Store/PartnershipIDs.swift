/// Partnership ids, some of a list chosen by their positions in it: a frame's groups name their
/// partnerships this way, four bytes each and no array of their own, where a group holding its
/// own strings cost a report at a million partnerships about 90 MB.
public struct PartnershipIDs: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    private let list: PartnershipIDList
    /// The chosen positions in `list`; nil when it is the whole list.
    public let positions: ArraySlice<Int32>?
    private let isShared: Bool

    public init(_ ids: [String]) {
        list = PartnershipIDList(ids)
        positions = nil
        isShared = false
    }

    public init(arrayLiteral ids: String...) { self.init(ids) }

    /// The ids of `list` at `positions` (the whole list when nil), in that order.
    init(_ list: PartnershipIDList, at positions: ArraySlice<Int32>?) {
        self.list = list
        self.positions = positions
        isShared = true
    }

    /// The list a frame's groups share, which a host may convert once for all of them; nil for
    /// ids that own their list.
    public var shared: PartnershipIDList? { isShared ? list : nil }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions?.count ?? list.ids.count }

    public subscript(i: Int) -> String {
        guard let positions else { return list.ids[i] }
        return list.ids[Int(positions[positions.startIndex + i])]
    }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}

/// A frame's partnerships, which its groups choose from by position: one object, so that what is
/// made of the list once (its ids as Lua strings) can be kept by its identity.
public final class PartnershipIDList: Sendable {
    public let ids: [String]

    init(_ ids: [String]) { self.ids = ids }
}
