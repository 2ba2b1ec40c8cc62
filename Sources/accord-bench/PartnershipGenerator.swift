import AccordCore
import ToolSupport

/// Writes `partnerships.csv`, one row per partnership, each drawn from its form's
/// profile, a topic or two, and parties from the organizations written before.
struct PartnershipGenerator {
    static let columns = ["id", "title", "summary", "form", "status", "announced", "signed", "start", "end",
                          "duration_months", "parties", "territories", "products", "financials", "figures", "tags",
                          "labels", "sources"]

    private static let partyCounts = Weighted([(2, 55.0), (3, 25), (4, 12), (5, 8)])
    private static let productCounts = Weighted([(1, 70.0), (2, 20), (3, 10)])

    let organizations: OrganizationDirectory
    let sources: [String]
    var random: SeededRandom

    /// Writes `count` partnerships, and to `gold` what each was made to be about.
    mutating func write(count: Int, to file: CSVFile, gold: CSVFile) throws {
        for index in 0..<count {
            let (row, judged) = row(index)
            try file.row(row)
            try gold.row(judged)
        }
    }

    private mutating func row(_ index: Int) -> (row: [String], judged: [String]) {
        let profile = FormProfile.weighted.pick(&random)
        let topicName = profile.topics.pick(&random)
        let topic = topicName.topic
        let second: Topic? = random.chance(0.4) ? TopicName.any.pick(&random).topic : nil
        let parties = pickParties(profile, topic)
        let homes = parties.map { organizations.countries[$0.org].code }
        let home = organizations.countries[parties[0].org]
        let dates = DatePlan(program: profile.form == .program, &random)

        let abroad = random.chance(profile.chances.abroad)
        let market = abroad ? Markets.foreign(excluding: homes, &random) : Markets.home(home)
        var territories: [String] = []
        if random.chance(profile.chances.territories) {
            territories = market.codes
            if abroad && random.chance(0.3) && !territories.contains(home.code) { territories.insert(home.code, at: 0) }
        }

        let area = topic.areas.map { random.pick($0) } ?? Indications.areas.pick(&random)
        let indication = random.pick(Indications.indications(of: area))
        let products = random.chance(profile.chances.products) ? makeProducts(topic, area, indication) : []

        var values = SlotValues()
        values.a = organizations.names[parties[0].org]
        values.b = organizations.names[parties[1].org]
        values.market = market.phrase
        values.area = area
        values.indication = indication
        values.product = products.first?.name ?? "its \(area) portfolio"
        values.country = Markets.named(home)
        values.city = random.pick(home.cities)
        values.year = dates.year.map(String.init) ?? ""
        values.subject = random.pick(topic.subjects).fill(values, &random)

        let titles = !products.isEmpty && !profile.productTitles.isEmpty && random.chance(0.7)
            ? profile.productTitles : profile.titles
        var title = random.pick(titles).fill(values, &random).capitalizedFirst
        if profile.form == .program, let year = dates.year, random.chance(0.4) { title += ", \(year)" }
        let summary = random.chance(0.95) ? makeSummary(profile, topic, second, values) : ""

        let orgIDs = parties.map { organizations.ids[$0.org] }
        let id = [firstWord(orgIDs[0]), firstWord(orgIDs[1]), profile.idWord, values.year.isEmpty ? "undated" : values.year,
                  String(index + 1)].joined(separator: "-")
        return ([id, title, summary, profile.form.rawValue, status(dates).rawValue, dates.announced, dates.signed,
                dates.start, dates.end, dates.durationMonths,
                zip(orgIDs, parties).map { "\($0):\($1.role.rawValue)" }.joined(separator: ";"),
                territories.joined(separator: ";"),
                products.map { Cell.parts([$0.name, $0.kind.rawValue, $0.indication, $0.therapeuticArea]) }
                    .joined(separator: ";"),
                makeFinancials(profile, home: home),
                makeFigures(profile, topic),
                Cell.items(makeTags(profile, topic, second, territories: territories, homes: homes)),
                "",
                citations().joined(separator: ";")],
                GeneratedJudgements.row(id: id, form: profile.form, topic: topicName))
    }

    /// One source, or two; a few sources cover most deals.
    private mutating func citations() -> [String] {
        let first = sources[random.skewed(sources.count)]
        guard random.chance(0.3) else { return [first] }
        return [first, sources[random.below(sources.count)]].uniqued
    }

    private mutating func pickParties(_ profile: FormProfile, _ topic: Topic) -> [(org: Int, role: PartyRole)] {
        let count = Self.partyCounts.pick(&random)
        var slots = [profile.lead, profile.second]
        if count > 2, let slot = topic.party, random.chance(0.7) { slots.append(slot) }
        while slots.count < count { slots.append(profile.extra) }
        var parties: [(org: Int, role: PartyRole)] = []
        for slot in slots {
            var org = organizations.pick(slot, &random)
            var tries = 0
            while parties.contains(where: { $0.org == org }) {
                tries += 1
                org = tries < 5 ? organizations.pick(slot, &random) : random.below(organizations.ids.count)
            }
            parties.append((org, slot.role))
        }
        return parties
    }

    private mutating func makeProducts(_ topic: Topic, _ area: String, _ indication: String) -> [Product] {
        (0..<Self.productCounts.pick(&random)).map { i in
            let kind = topic.products.pick(&random)
            let named = i == 0 ? indication : random.pick(Indications.indications(of: area))
            let concrete = ![.service, .technology, .digital, .other].contains(kind)
            return Product(name: ProductNames.name(kind, indication: named, &random), kind: kind,
                           indication: random.chance(concrete ? 0.85 : 0.4) ? named : nil,
                           therapeuticArea: random.chance(concrete ? 0.85 : 0.5) ? area : nil)
        }
    }

    /// An opening, sentences of the topics, then neutral ones until 30 to 60 words.
    private mutating func makeSummary(_ profile: FormProfile, _ topic: Topic, _ second: Topic?,
                                      _ values: SlotValues) -> String {
        let target = random.int(30...60)
        var sentences = [profile.opening.fill(values, &random)]
        var words = sentences[0].wordCount
        func add(_ sentence: String) -> Bool {
            guard words + sentence.wordCount <= 60 else { return false }
            sentences.append(sentence)
            words += sentence.wordCount
            return true
        }
        var candidates = random.sample(topic.sentences, random.int(1...3))
        if let second { candidates.append(random.pick(second.sentences)) }
        for template in candidates where words < target { _ = add(template.fill(values, &random)) }
        var fillers = Topics.fillers
        while words < target && !fillers.isEmpty {
            let filler = fillers.remove(at: random.below(fillers.count)).fill(values, &random)
            if !add(filler) && words >= 30 { break }
        }
        return sentences.joined(separator: " ")
    }

    private mutating func makeFinancials(_ profile: FormProfile, home: Country) -> String {
        guard random.chance(profile.chances.financials) else { return "" }
        let (currency, perDollar) = switch random.unit() {
        case ..<0.5: ("USD", 1.0)
        case ..<0.9: (home.currency, home.perDollar)
        default: ("EUR", 0.92)
        }
        var types: [FinancialTermType] = []
        for _ in 0..<(profile.form == .license ? random.int(1...3) : random.chance(0.85) ? 1 : 2) {
            let type = profile.financials.pick(&random)
            if !types.contains(type) { types.append(type) }
        }
        return types.map { Terms.financial($0, currency: currency, perDollar: perDollar, &random) }
            .joined(separator: ";")
    }

    private mutating func makeFigures(_ profile: FormProfile, _ topic: Topic) -> String {
        guard random.chance(profile.chances.figures) else { return "" }
        return Terms.figures(topic.figures, count: random.int(1...3), &random)
    }

    private mutating func makeTags(_ profile: FormProfile, _ topic: Topic, _ second: Topic?, territories: [String],
                                   homes: [String]) -> [String] {
        var tags = random.sample(topic.tags, 3)
        if let tag = profile.tag, random.chance(0.6) { tags.insert(tag, at: min(1, tags.count)) }
        if let second { tags.insert(random.pick(second.tags), at: min(2, tags.count)) }
        if territories.contains(where: { ["ASEAN", "SOUTHEAST_ASIA", "MEKONG", "VN", "TH", "ID", "MY"].contains($0) }) {
            tags.insert("asean", at: min(2, tags.count))
        }
        if homes.contains("KR") && homes.contains("LV") { tags.insert("latvia-korea", at: 0) }
        tags = tags.uniqued
        let count = random.int(2...5)
        while tags.count < count { tags = (tags + [random.pick(Topics.generalTags)]).uniqued }
        return Array(tags.prefix(count))
    }

    private static let undatedStatus = Weighted<PartnershipStatus>([(.unknown, 4), (.announced, 3), (.inTalks, 2),
                                                                    (.signed, 1)])
    private static let endedStatus = Weighted<PartnershipStatus>([(.completed, 7), (.terminated, 1), (.unknown, 1)])
    private static let recentStatus = Weighted<PartnershipStatus>([(.inTalks, 1), (.announced, 3), (.signed, 4),
                                                                   (.active, 3), (.unknown, 0.5)])
    private static let laterStatus = Weighted<PartnershipStatus>([(.signed, 4), (.active, 5), (.completed, 1.5),
                                                                  (.terminated, 0.5), (.unknown, 1), (.announced, 0.5)])
    private static let olderStatus = Weighted<PartnershipStatus>([(.completed, 3), (.signed, 3), (.active, 2),
                                                                  (.terminated, 1), (.unknown, 1)])

    private mutating func status(_ dates: DatePlan) -> PartnershipStatus {
        guard let year = dates.year else { return Self.undatedStatus.pick(&random) }
        let table = dates.ended ? Self.endedStatus
            : year >= 2024 ? Self.recentStatus : year >= 2016 ? Self.laterStatus : Self.olderStatus
        return table.pick(&random)
    }

    private func firstWord(_ id: String) -> String { String(id.split(separator: "-")[0]) }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-seen order.
    var uniqued: [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
