import ToolSupport
/// Territories a partnership covers, and how its text names them.
struct Market {
    var codes: [String]
    var phrase: String
}

enum Markets {
    private enum Target: CaseIterable {
        case southeastAsia, europe, baltics, northAmerica, china, koreaJapan, centralAsia, latinAmerica, global, asia
    }

    private static let targets = Weighted<Target>([
        (.southeastAsia, 28), (.europe, 14), (.baltics, 5), (.northAmerica, 12), (.china, 8), (.koreaJapan, 6),
        (.centralAsia, 5), (.latinAmerica, 3), (.global, 12), (.asia, 7),
    ])

    private static let regionCountries: [Region: [Country]] = Dictionary(
        uniqueKeysWithValues: Region.allCases.map { ($0, Countries.inRegion($0)) })

    /// A market beyond the `homes` country codes, when one is left there.
    static func foreign(excluding homes: [String], _ random: inout SeededRandom) -> Market {
        switch targets.pick(&random) {
        case .southeastAsia:
            if random.chance(0.5) {
                return random.pick([Market(codes: ["ASEAN"], phrase: "ASEAN markets"),
                                    Market(codes: ["ASEAN"], phrase: "Southeast Asia"),
                                    Market(codes: ["SOUTHEAST_ASIA"], phrase: "Southeast Asia"),
                                    Market(codes: ["MEKONG"], phrase: "the Mekong region")])
            }
            return countries(.southeastAsia, 1...4, excluding: homes, else: Market(codes: ["ASEAN"], phrase: "ASEAN markets"), &random)
        case .europe:
            if random.chance(0.4) {
                return random.pick([Market(codes: ["EU"], phrase: "the EU"), Market(codes: ["EUROPE"], phrase: "Europe")])
            }
            return countries(.europe, 1...3, excluding: homes, else: Market(codes: ["EUROPE"], phrase: "Europe"), &random)
        case .baltics:
            if random.chance(0.5) { return Market(codes: ["BALTICS"], phrase: "the Baltic states") }
            return countries(.baltics, 1...2, excluding: homes, else: Market(codes: ["BALTICS"], phrase: "the Baltic states"), &random)
        case .northAmerica:
            return random.pick([Market(codes: ["US"], phrase: "the US"), Market(codes: ["US"], phrase: "the US"),
                                Market(codes: ["NORTH_AMERICA"], phrase: "North America"),
                                Market(codes: ["US", "CA"], phrase: "the US and Canada")])
        case .china:
            return random.pick([Market(codes: ["CN"], phrase: "China"), Market(codes: ["CN"], phrase: "China"),
                                Market(codes: ["CN", "HK"], phrase: "China and Hong Kong"),
                                Market(codes: ["CN", "TW", "HK"], phrase: "Greater China")])
        case .koreaJapan:
            return countries(.koreaJapan, 1...2, excluding: homes, else: Market(codes: ["ASIA"], phrase: "Asia"), &random)
        case .centralAsia:
            if random.chance(0.5) { return Market(codes: ["CENTRAL_ASIA"], phrase: "Central Asia") }
            return countries(.centralAsia, 1...2, excluding: homes, else: Market(codes: ["CENTRAL_ASIA"], phrase: "Central Asia"), &random)
        case .latinAmerica:
            if random.chance(0.5) { return Market(codes: ["LATIN_AMERICA"], phrase: "Latin America") }
            return countries(.latinAmerica, 1...2, excluding: homes, else: Market(codes: ["LATIN_AMERICA"], phrase: "Latin America"), &random)
        case .global:
            return random.pick([Market(codes: ["GLOBAL"], phrase: "markets worldwide"),
                                Market(codes: ["GLOBAL"], phrase: "global markets")])
        case .asia:
            return Market(codes: ["ASIA"], phrase: "Asia")
        }
    }

    /// A partnership's home country as a market.
    static func home(_ country: Country) -> Market {
        Market(codes: [country.code], phrase: named(country))
    }

    private static func countries(_ region: Region, _ count: ClosedRange<Int>, excluding homes: [String],
                                  else fallback: Market, _ random: inout SeededRandom) -> Market {
        let pool = regionCountries[region]!.filter { !homes.contains($0.code) }
        guard !pool.isEmpty else { return fallback }
        let k = random.int(count)
        let chosen = random.sample(pool, k)
        return Market(codes: chosen.map(\.code), phrase: list(chosen.map(named)))
    }

    static func named(_ country: Country) -> String {
        ["US", "UK", "UAE", "Netherlands", "Philippines"].contains(country.name) ? "the \(country.name)" : country.name
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
