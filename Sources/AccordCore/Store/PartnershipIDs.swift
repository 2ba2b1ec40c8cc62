/// Partnership ids, some of a list chosen by their positions in it: a frame's groups name their
/// partnerships this way, four bytes each and no array of their own, where a group holding its
/// own strings cost a report at a million partnerships about 90 MB.
public struct PartnershipIDs: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    private let list: [String]
    /// The chosen positions in `list`; nil when it is the whole list.
    private let positions: ArraySlice<Int32>?

    public init(_ ids: [String]) {
        list = ids
        positions = nil
    }

    public init(arrayLiteral ids: String...) { self.init(ids) }

    /// The ids of `list` at `positions`, in that order.
    init(_ list: [String], at positions: ArraySlice<Int32>) {
        self.list = list
        self.positions = positions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions?.count ?? list.count }

    public subscript(i: Int) -> String {
        guard let positions else { return list[i] }
        return list[Int(positions[positions.startIndex + i])]
    }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}
