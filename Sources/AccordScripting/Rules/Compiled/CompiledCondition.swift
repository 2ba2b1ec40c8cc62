import AccordCore

/// A rule's condition compiled from the DSL's data (`host.compile` in evaluate.lua):
/// an instruction of the plan, whose operands are indexes into the plan's tables
/// (`PlanTables`), so that evaluating it copies nothing.
enum CompiledCondition {
    /// A combinator over `tables.groups[group]`.
    case all(group: Int), any(group: Int), none(group: Int)
    case mentions(Int)
    /// The form, or status, is one of a set: bit `n` for the `n`th case of the vocabulary.
    case formIs(mask: UInt64), statusIs(mask: UInt64)
    case involves(Int)
    case territoryIn(Int)
    case tagged(Int)
    case hasProduct(Int)
    case hasFinancial(Int)
    case hasFigure(Int)
    /// `has_person`: some person's role is in the mask (bit `n` for the `n`th role); any role when it is 0.
    case hasPerson(mask: UInt64)
    /// `related_to`: some link's kind is in the mask.
    case relatedTo(mask: UInt64)
    /// `abroad`: some territory lies outside every party's home country.
    case abroad
    /// `party_abroad`: a party in a role of the mask is based outside every other party's home country.
    case partyAbroad(mask: UInt64)
    /// A function of the partnership: `host.custom(index, …)` evaluates it.
    case custom(index: Int)
}

/// Bits of a vocabulary's values, as `PlanReader` makes masks of them.
enum MaskBit {
    /// The bit of `value`: bit `n` for the `n`th case of its vocabulary.
    static func of<V: CaseIterable & Equatable>(_ value: V) -> UInt64 {
        1 << UInt64(V.allCases.distance(from: V.allCases.startIndex, to: V.allCases.firstIndex(of: value)!))
    }
}

/// What the plan's instructions refer to.
struct PlanTables {
    var groups: [[CompiledCondition]] = []
    var mentions: [Mentions] = []
    var involves: [[PartyMatch]] = []
    var territories: [TerritoryMatch] = []
    /// `tagged`'s tags, lowered.
    var tags: [[[UInt8]]] = []
    var products: [ProductMatch] = []
    var financials: [FinancialMatch] = []
    var figures: [FigureMatch] = []
    /// Every `mentions` needle, once; `Mentions.needles` index it.
    var needles: [[UInt8]] = []
}

/// A text field `mentions` searches.
enum TextField: Int, CaseIterable {
    case title, summary, tags, products, financials

    init?(name: String) {
        switch name {
        case "title": self = .title
        case "summary": self = .summary
        case "tags": self = .tags
        case "products": self = .products
        case "financials": self = .financials
        default: return nil
        }
    }
}

/// `mentions`: the first of its words found in the first of its fields that has one.
struct Mentions {
    /// The fields searched, in order.
    var fields: [TextField]
    /// Each word's needle, as an index into `PlanTables.needles`.
    var needles: [Int]
    /// What finding word `i` in field `f` says: `evidence[f][i]`, made by the DSL.
    var evidence: [[String]]
    /// What the condition says when no field mentions any word.
    var failure: String
    /// The needles' bits in a set of found needles: each word of the set that holds some, with
    /// their bits. A field is searched for the first word it mentions only when it mentions one.
    let needleBits: [(word: Int, bits: UInt64)]

    init(fields: [TextField], needles: [Int], evidence: [[String]], failure: String) {
        (self.fields, self.needles, self.evidence, self.failure) = (fields, needles, evidence, failure)
        let bits = needles.reduce(into: [Int: UInt64]()) { $0[$1 >> 6, default: 0] |= 1 << UInt64($1 & 63) }
        needleBits = bits.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// One argument of `involves`: an organization named (`organization`), or fields of a party,
/// every one given to match. Roles and kinds are the vocabulary's, checked by the DSL.
struct PartyMatch {
    /// Matches an organization's id, its name or an alias regardless of (ASCII) case, or its parent's id.
    var organization: Name?
    var role: PartyRole?
    var kind: OrganizationKind?
    var country: String?
    var id: String?
    var name: Name?
    var parent: String?

    /// A name as given, and lowered.
    struct Name {
        var bytes: [UInt8]
        var lowered: [UInt8]
    }
}

/// `territory_in`: the territories accepted, worked out by the DSL.
struct TerritoryMatch {
    var accepted: Set<String>
    var everywhere: Bool
}

/// `has_product`'s fields; area and name compared in lower case.
struct ProductMatch {
    var kind: ProductKind?
    var area: [UInt8]?
    var name: [UInt8]?
}

/// `has_financial`'s fields.
struct FinancialMatch {
    var type: FinancialTermType?
    var currency: String?
    var min: Double?
}

/// `has_figure`'s figure and least value.
struct FigureMatch {
    var key: FigureKey
    var min: Double?
}
