import ToolSupport
/// A phrase with slots (`{a}`, `{market}`), parsed once and filled per partnership.
struct Template: Sendable, ExpressibleByStringLiteral {
    enum Slot: String, Sendable {
        /// The first and second parties' names, and their possessives (`Novarix's`, `Medis'`).
        case a, b, aPossessive = "a's", bPossessive = "b's"
        case market, area, indication, product, country, city, subject, year
        /// A fresh small number, and a fresh trial phase.
        case n, phase
    }

    private enum Piece: Sendable {
        case text(String)
        case slot(Slot)
    }

    private let pieces: [Piece]

    init(stringLiteral text: String) {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"),
                  let slot = Slot(rawValue: String(rest[rest.index(after: open)..<close])) else {
                fatalError("bad slot in template: \(text)")
            }
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    func fill(_ values: SlotValues, _ random: inout SeededRandom) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .slot(.n): out += String(random.int(2...12))
            case .slot(.phase): out += String(random.int(1...3))
            case .slot(let slot): out += values[slot]
            }
        }
        return out
    }
}

/// What the slots of a partnership's templates stand for.
struct SlotValues {
    var a = "", b = "", market = "", area = "", indication = "", product = "", country = "", city = ""
    var subject = "", year = ""

    subscript(slot: Template.Slot) -> String {
        switch slot {
        case .a: a
        case .b: b
        case .aPossessive: a.possessive
        case .bPossessive: b.possessive
        case .market: market
        case .area: area
        case .indication: indication
        case .product: product
        case .country: country
        case .city: city
        case .subject: subject
        case .year: year
        case .n, .phase: ""
        }
    }
}

extension String {
    var wordCount: Int { utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 } }

    var possessive: String { hasSuffix("s") ? self + "'" : self + "'s" }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
