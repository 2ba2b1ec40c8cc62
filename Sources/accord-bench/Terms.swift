import AccordCore
import ToolSupport

/// Sums of money and programme figures.
enum Terms {
    /// The powers of ten a term's US dollar amount spans: `m × 10^e`, `m` in 10...99.
    private static func exponents(_ type: FinancialTermType) -> ClosedRange<Int>? {
        switch type {
        case .investment, .upfront: 5...7
        case .researchFunding, .other: 4...6
        case .grant: 3...5
        case .prize: 2...4
        case .milestone, .fund: 6...8
        case .dealValue: 5...8
        case .royalty: nil
        }
    }

    /// A `financials` item: `upfront|25000000|USD|USD 25 million upfront`.
    static func financial(_ type: FinancialTermType, currency: String, perDollar: Double,
                          _ random: inout SeededRandom) -> String {
        guard let exponents = exponents(type), random.chance(0.8) else {
            return Cell.parts([type.rawValue, nil, nil, undisclosed(type, &random)])
        }
        var x = Double(random.int(10...99)) * perDollar
        var scale: Int64 = 1
        for _ in 0..<random.int(exponents) { scale *= 10 }
        while x >= 100 {
            x /= 10
            scale *= 10
        }
        let amount = max(1, Int64(x.rounded())) * scale
        let money = "\(currency) \(text(amount))"
        return Cell.parts([type.rawValue, String(amount), currency, wording(type, money, &random)])
    }

    /// `450,000`, `25 million`, `1.2 billion`.
    static func text(_ amount: Int64) -> String {
        for (unit, name) in [(Int64(1_000_000_000_000), "trillion"), (1_000_000_000, "billion"), (1_000_000, "million")]
        where amount >= unit {
            let tenths = amount / (unit / 10)
            return "\(tenths / 10)\(tenths % 10 == 0 ? "" : ".\(tenths % 10)") \(name)"
        }
        let thousands = amount / 1000, rest = amount % 1000
        guard thousands > 0 else { return String(amount) }
        return "\(thousands),\(String(rest + 1000).dropFirst())"
    }

    private static func wording(_ type: FinancialTermType, _ money: String, _ random: inout SeededRandom) -> String {
        let years = random.int(2...10)
        switch type {
        case .investment: return random.pick(["\(money) equity investment", "\(money) over \(years) years",
                                              "investment of \(money)"])
        case .researchFunding: return random.pick(["\(money) in research funding", "\(money) a year for research"])
        case .grant: return random.pick(["grant of \(money)", "\(money) public grant"])
        case .prize: return random.pick(["\(money) per winner", "prize money of \(money)"])
        case .upfront: return random.pick(["\(money) upfront", "upfront payment of \(money)"])
        case .milestone: return random.pick(["up to \(money) in milestones", "\(money) in development and sales milestones"])
        case .dealValue: return random.pick(["deal worth \(money)", "total contract value of \(money)",
                                             "\(money) over \(years) years"])
        case .fund: return random.pick(["\(money) fund", "new fund of \(money)"])
        case .royalty, .other: return random.pick(["\(money) in support", "other payments of \(money)"])
        }
    }

    private static func undisclosed(_ type: FinancialTermType, _ random: inout SeededRandom) -> String {
        switch type {
        case .investment: "investment amount not disclosed"
        case .researchFunding: "research funds for selected projects"
        case .grant: "grant amount not disclosed"
        case .prize: "cash prizes for winners"
        case .upfront: "undisclosed upfront payment"
        case .milestone: "undisclosed milestones"
        case .royalty: random.pick(["tiered royalties on net sales", "double-digit royalties",
                                    "royalties on sales in the licensed territory"])
        case .dealValue: "deal value not disclosed"
        case .fund: "new fund, size not disclosed"
        case .other: "in-kind support"
        }
    }

    /// A `figures` cell with `count` of `keys`, sorted by key: `organizations=34;participants=100`.
    static func figures(_ keys: [FigureKey], count: Int, _ random: inout SeededRandom) -> String {
        random.sample(keys, count).sorted().map { key in
            let range: ClosedRange<Int> = switch key {
            case .participants: 20...2000
            case .organizations: 3...200
            case .countries: 2...40
            case .editions: 1...15
            case .winners: 1...20
            case .projects: 2...100
            case .trials: 1...60
            case .officials: 5...150
            case .researchers: 5...500
            }
            return "\(key.rawValue)=\(random.int(range))"
        }.joined(separator: ";")
    }
}
