import Foundation
import Testing
@testable import AccordCore

private let checkoutRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The folder of the source documents, beside the checkout; nil where there is none.
private let seedsFolder: URL? = {
    let url = checkoutRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// The bundled sample records facts of its source documents and invents none. What can be
/// checked mechanically is: every territory, figure and counted party of a record is named
/// in the text of a document it cites (a country by its name or a word of it, a figure by its
/// digits or its word) or, for a count of organizations, counted from the parties the record
/// lists. The documents are the project's shared seeds, beside the checkout.
@Suite(.enabled(if: seedsFolder != nil, "the source documents are not beside the checkout"))
struct SampleFactsTests {
    private static func dataset(in folder: String) throws -> Dataset {
        try DataImporter.read(files: ["sources", "organizations", "partnerships"].map {
            checkoutRoot.appendingPathComponent("\(folder)/\($0).yaml").path
        })
    }

    @Test func theSampleStatesNoTerritoryOrNumberItsSourcesDoNot() throws {
        let sample = try Self.dataset(in: "data/sample")
        let found = try Self.unsupported(in: sample)
        #expect(found == [], "\(found)")
    }

    /// The sample before it was checked against its sources: the check finds what a reading found.
    @Test func theCheckFindsWhatTheSampleOnceInvented() throws {
        let before = try Self.dataset(in: "Tests/AccordCoreTests/Fixtures/before-clustering-sample")
        let found = try Self.unsupported(in: before)
        for expected in ["janssen-yuhan-lazertinib: territory GLOBAL", "astrazeneca-dong-a-st-immuno-oncology: figures.projects = 3",
                         "latvia-bioplus-interphex-visit-2023: figures.organizations = 8"] {
            #expect(found.contains(expected), "\(found)")
        }
    }

    /// What no cited document supports: `id: territory XX`, `id: figures.key = n`, `id: party count = n`.
    /// Territories are looked for in the record's passage of its documents (the lines naming one of
    /// its organizations, and their neighbours; the whole text when none does); a figure needs its
    /// number (digits or word) there, ending a phrase about what the figure counts ("34 Korean
    /// pharma companies", not "eight company representatives" for organizations).
    private static func unsupported(in d: Dataset) throws -> [String] {
        var found: [String] = []
        let organizations = Dictionary(uniqueKeysWithValues: d.organizations.map { ($0.id, $0) })
        for p in d.partnerships {
            let documents = d.sources.filter { p.sources.contains($0.id) }.compactMap(\.document)
            if documents.isEmpty { found.append("\(p.id): cites no document") }
            let text = try documents.map { try String(contentsOf: seedsFolder!.appendingPathComponent($0), encoding: .utf8) }
                .joined(separator: "\n").lowercased()
            let names = p.parties.compactMap { $0.organization.flatMap { organizations[$0] } }
                .flatMap { [$0.name] + $0.aliases }.map { $0.lowercased() }
            let passage = Self.passage(of: text, naming: names)
            for code in p.territories {
                let words = [PlaceNames.territory(code).lowercased(), code.lowercased()] + (placeWords[code] ?? [])
                if !words.contains(where: { passage.contains($0) }) { found.append("\(p.id): territory \(code)") }
            }
            // An organizations figure may be counted from the parties the record lists (an unnamed
            // party for as many as it counts), with or without those that organize it.
            let listed = p.parties.reduce(0) { $0 + ($1.unnamed?.count?.value ?? 1) }
            let organizers = p.parties.filter { $0.role == .organizer || $0.role == .host }.count
            for (key, quantity) in p.figures {
                let n = quantity.value
                if key == .organizations, n == listed || n == listed - organizers { continue }
                if !Self.counts(n, nouns: figureNouns[key] ?? [], in: text) { found.append("\(p.id): figures.\(key.rawValue) = \(n)") }
            }
            for party in p.parties {
                guard let n = party.unnamed?.count?.value else { continue }
                if !Self.counts(n, nouns: [], in: text) { found.append("\(p.id): party count = \(n)") }
            }
        }
        return found
    }

    /// The lines of `text` that name one of `names` (a name, or its first word of four letters or
    /// more); all of it when none does.
    private static func passage(of text: String, naming names: [String]) -> String {
        let keys = Set(names + names.compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0.count >= 4 })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let hits = lines.indices.filter { i in keys.contains { lines[i].contains($0) } }
        guard !hits.isEmpty else { return text }
        return hits.map { String(lines[$0]) }.joined(separator: "\n")
    }

    /// Whether `text` gives `n` (digits or word), followed by at most four words ending on one of
    /// `nouns` (any words when none are given).
    private static func counts(_ n: Int, nouns: [String], in text: String) -> Bool {
        let number = n < numberWords.count ? "(\(n)|\(numberWords[n]))" : "\(n)"
        guard !nouns.isEmpty else {
            return text.range(of: "(^|[^0-9a-z])\(number)([^0-9a-z]|$)", options: .regularExpression) != nil
        }
        let noun = "(" + nouns.joined(separator: "|") + ")[a-z]*"
        // The noun is the phrase's last word: what follows it is not a letter-word joined by a space.
        let pattern = "(^|[^0-9a-z])\(number)( [a-z&-]+){0,4}? \(noun)(?![a-z]| [a-z]*(representative|official|people|delegate))"
        return text.range(of: pattern, options: .regularExpression) != nil
    }

    private static let figureNouns: [FigureKey: [String]] = [
        .participants: ["participant", "people", "person", "attendee", "official", "officer", "representative", "researcher",
                        "scientist", "student", "expert", "trainee", "delegate", "visitor", "regulator", "employee", "worker"],
        .organizations: ["organi", "compan", "firm", "institut", "partner", "association", "cent", "hospital", "universit",
                         "startup", "start-up", "member", "biotech", "pharma", "enterprise", "business"],
        .countries: ["countr", "nation"],
        .projects: ["project", "program", "stud", "research"],
        .winners: ["winner", "team", "startup", "compan"],
        .editions: ["edition", "time", "session", "year"],
        .officials: ["official", "officer", "regulator", "inspector"],
        .researchers: ["researcher", "scientist"],
        .trials: ["trial", "stud"],
    ]

    /// Other words a source uses for a place; `GLOBAL` only for the world, not "global companies".
    private static let placeWords: [String: [String]] = [
        "KR": ["korea"], "DK": ["danish"], "US": ["america", "u.s."], "GB": ["britain", "u.k."], "CN": ["china", "chinese"],
        "MEKONG": ["mekong"], "EU": ["europe"], "GLOBAL": ["worldwide", "global market", "globally", "around the world"],
    ]

    private static let numberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                      "eleven", "twelve"]
}
