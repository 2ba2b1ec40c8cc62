import AccordCore

/// A rule's condition compiled from the DSL's data (`host.compile` in evaluate.lua):
/// what the compiled engine evaluates in Swift, with the Lua functions among it
/// left to Lua.
indirect enum CompiledCondition {
    case all([CompiledCondition])
    case any([CompiledCondition])
    case none([CompiledCondition])
    case mentions(Mentions)
    case formIs(Set<String>)
    case statusIs(Set<String>)
    case involves([PartyMatch])
    case territoryIn(accepted: Set<String>, everywhere: Bool)
    case tagged(wanted: [[UInt8]])
    case hasProduct(ProductMatch)
    case hasFinancial(FinancialMatch)
    case hasFigure(FigureKey, min: Double?)
    /// A function of the partnership: `host.custom(index, …)` evaluates it.
    case custom(index: Int)

    /// Whether evaluating the condition may call Lua.
    var callsLua: Bool {
        switch self {
        case .all(let parts), .any(let parts), .none(let parts): parts.contains(where: \.callsLua)
        case .custom: true
        default: false
        }
    }
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
    /// Each word's needle, as an index into the plan's automaton.
    var needles: [Int]
    /// What finding word `i` in field `f` says: `evidence[f][i]`, made by the DSL.
    var evidence: [[String]]
    /// What the condition says when no field mentions any word.
    var failure: String
}

/// One argument of `involves`: an organization named, or fields of a party.
enum PartyMatch {
    /// Matches an organization's id, its name or an alias regardless of (ASCII) case, or its parent's id.
    case organization(name: [UInt8], lowered: [UInt8])
    /// Every field given must match.
    case fields(role: String?, kind: String?, country: String?, id: String?, name: (name: [UInt8], lowered: [UInt8])?,
                parent: String?)
}

/// `has_product`'s fields; area and name compared in lower case.
struct ProductMatch {
    var kind: String?
    var area: [UInt8]?
    var name: [UInt8]?
}

/// `has_financial`'s fields.
struct FinancialMatch {
    var type: String?
    var currency: String?
    var min: Double?
}
