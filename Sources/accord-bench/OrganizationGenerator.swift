import AccordCore
import ToolSupport

/// The organizations written so far, for partnerships to pick parties from.
struct OrganizationDirectory {
    var ids: [String] = []
    var names: [String] = []
    var countries: [Country] = []
    /// Indexes into the arrays above, by kind, in the order written.
    var byKind: [OrganizationKind: [Int]] = [:]

    /// An organization of a kind the slot asks for, popular ones more often.
    func pick(_ slot: PartySlot, _ random: inout SeededRandom) -> Int {
        let kind = slot.kinds.pick(&random)
        guard let list = byKind[kind], !list.isEmpty else { return random.skewed(ids.count) }
        return list[random.skewed(list.count)]
    }
}

/// Writes `organizations.csv`: global groups with local subsidiaries (Roche and
/// Roche Korea), then independent organizations of every kind.
struct OrganizationGenerator {
    static let columns = ["id", "name", "aliases", "kind", "country", "parent", "sources"]

    private static let groupKinds = Weighted<OrganizationKind>([
        (.globalPharma, 70), (.distributor, 8), (.croCdmo, 8), (.medtech, 8), (.logistics, 3), (.investor, 3)])
    private static let independentKinds = Weighted<OrganizationKind>([
        (.localPharma, 18), (.biotech, 16), (.hospital, 9), (.governmentAgency, 7), (.university, 7),
        (.researchInstitute, 5), (.medtech, 5), (.startup, 5), (.distributor, 4), (.digitalHealth, 4),
        (.investor, 4), (.association, 3), (.croCdmo, 3), (.regulator, 2), (.logistics, 1.5), (.other, 1.5)])
    private static let subsidiaryCounts = Weighted<Int>([(0, 15), (1, 30), (2, 25), (3, 18), (4, 12)])

    let count: Int
    let sources: [String]
    var random: SeededRandom
    private(set) var directory = OrganizationDirectory()
    private var idUses: [String: Int] = [:]

    init(count: Int, sources: [String], random: SeededRandom) {
        self.count = count
        self.sources = sources
        self.random = random
    }

    mutating func write(to file: CSVFile) throws {
        let groups = max(4, count * 6 / 100)
        var g = 0
        while g < groups && directory.ids.count < count / 4 {
            let kind = Self.groupKinds.pick(&random)
            let home = Countries.headquarters.pick(&random)
            let group = try add(Names.organization(kind, in: home, &random), kind: kind, country: home, parent: nil,
                                to: file)
            var places = [home.code]
            for _ in 0..<Self.subsidiaryCounts.pick(&random) {
                let place = Countries.subsidiaries.pick(&random)
                guard !places.contains(place.code) else { continue }
                places.append(place.code)
                try add("\(directory.names[group]) \(place.name)", kind: kind, country: place, parent: group, to: file)
            }
            if kind == .globalPharma && random.chance(0.1) {
                try add("\(directory.names[group]) Ventures", kind: .investor, country: home, parent: group, to: file)
            }
            g += 1
        }
        while directory.ids.count < count {
            let kind = Self.independentKinds.pick(&random)
            let country = Countries.weighted.pick(&random)
            try add(Names.organization(kind, in: country, &random), kind: kind, country: country, parent: nil,
                    to: file)
        }
    }

    @discardableResult
    private mutating func add(_ name: String, kind: OrganizationKind, country: Country, parent: Int?,
                              to file: CSVFile) throws -> Int {
        let id = uniqueID(Slug.make(name))
        let index = directory.ids.count
        directory.ids.append(id)
        directory.names.append(name)
        directory.countries.append(country)
        directory.byKind[kind, default: []].append(index)
        let acronym = Names.acronym(name)
        let alias = acronym.count >= 3 && random.chance(0.3) ? acronym : ""
        let source = random.chance(0.7) ? sources[random.skewed(sources.count)] : ""
        try file.row([id, name, Cell.escape(alias), kind.rawValue, country.code, parent.map { directory.ids[$0] } ?? "",
                      source])
        return index
    }

    /// The slug, numbered from its second use (names have no digits, so numbered slugs are free).
    private mutating func uniqueID(_ base: String) -> String {
        let uses = idUses[base, default: 0] + 1
        idUses[base] = uses
        return uses > 1 ? "\(base)-\(uses)" : base
    }
}
